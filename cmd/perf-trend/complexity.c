/* complexity.c - asymptotic complexity fits by least squares through the
 * origin, picked by lowest normalized RMS (Google Benchmark's method). */
#include <math.h>
#include <stddef.h>

#include "complexity.h"

static const char *const names[COMPLEXITY_NCLASS] = {
	"O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)", "O(n^3)"
};

const char *
complexity_name(enum complexity_class c)
{
	return (unsigned)c < COMPLEXITY_NCLASS ? names[c] : "?";
}

double
complexity_f(enum complexity_class c, double n)
{
	switch (c) {
	case COMPLEXITY_1:
		return 1;
	case COMPLEXITY_LOGN:
		return log2(n);
	case COMPLEXITY_N:
		return n;
	case COMPLEXITY_NLOGN:
		return n * log2(n);
	case COMPLEXITY_N2:
		return n * n;
	case COMPLEXITY_N3:
		return n * n * n;
	default:
		return NAN;
	}
}

/* Fits one class: c = sum(t f) / sum(f^2), then the residuals. */
static void
fit1(enum complexity_class c, const double *n, const double *t, size_t len,
    double mean, double sst, struct complexity_fit *f)
{
	double sff = 0, stf = 0, sse = 0, fi, d;
	size_t i;

	for (i = 0; i < len; i++) {
		fi = complexity_f(c, n[i]);
		sff += fi * fi;
		stf += t[i] * fi;
	}
	f->coef = sff > 0 ? stf / sff : 0;
	for (i = 0; i < len; i++) {
		d = t[i] - f->coef * complexity_f(c, n[i]);
		sse += d * d;
	}
	f->rms = sqrt(sse / len);
	if (mean != 0)
		f->nrms = f->rms / fabs(mean);
	else
		f->nrms = f->rms == 0 ? 0 : INFINITY;
	f->r2 = sst > 0 ? 1 - sse / sst : NAN;
}

int
complexity_fit(const double *n, const double *time, size_t len,
    struct complexity_result *r, struct perr *e)
{
	double mean = 0, sst = 0;
	int distinct = 0;
	size_t i;
	int c;

	if (len < 2)
		return perr_set(e, "complexity fit needs at least 2 sizes, "
		    "got %zu", len);
	for (i = 0; i < len; i++) {
		if (!isfinite(n[i]) || n[i] < 1)
			return perr_set(e, "complexity fit: size %g is not a "
			    "finite number >= 1", n[i]);
		if (!isfinite(time[i]))
			return perr_set(e, "complexity fit: time at size %g "
			    "is not finite", n[i]);
		if (n[i] != n[0])
			distinct = 1;
		mean += time[i];
	}
	if (!distinct)
		return perr_set(e, "complexity fit needs at least 2 distinct "
		    "sizes");
	mean /= len;
	for (i = 0; i < len; i++)
		sst += (time[i] - mean) * (time[i] - mean);
	r->best = COMPLEXITY_1;
	for (c = 0; c < COMPLEXITY_NCLASS; c++) {
		fit1(c, n, time, len, mean, sst, &r->fit[c]);
		if (r->fit[c].nrms < r->fit[r->best].nrms)
			r->best = c;
	}
	return 0;
}
