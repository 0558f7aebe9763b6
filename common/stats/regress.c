/* regress.c - OLS with t intervals, Theil-Sen with Sen's interval, and
 * threshold-crossing forecasts from the OLS prediction band. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stats/bootstrap.h"
#include "stats/distrib.h"
#include "stats/regress.h"
#include "stats/stats.h"
#include "util/xalloc.h"

const char *
regress_dir_name(enum regress_dir d)
{
	return d == REGRESS_RISING ? "rising" :
	    d == REGRESS_FALLING ? "falling" : "flat";
}

const char *
regress_cross_name(enum regress_cross c)
{
	return c == REGRESS_CROSS_AHEAD ? "ahead" :
	    c == REGRESS_CROSS_REACHED ? "reached" :
	    c == REGRESS_CROSS_NO_TREND ? "no_trend" : "never";
}

static int
finite_input(const double *x, const double *y, size_t n, double alpha,
    struct perr *e)
{
	size_t i;

	if (!(alpha > 0 && alpha < 1))
		return perr_set(e, "regression: significance %g is not "
		    "between 0 and 1", alpha);
	for (i = 0; i < n; i++)
		if (!isfinite(x[i]) || !isfinite(y[i]))
			return perr_set(e, "regression: point %zu is not "
			    "finite", i + 1);
	return 0;
}

int
regress_ols(const double *x, const double *y, size_t n, double alpha,
    struct regress_ols *r, struct perr *e)
{
	double sxx[2] = { 0 }, sxy[2] = { 0 }, syy[2] = { 0 }, sse[2] = { 0 };
	double xmax[2] = { -INFINITY, -INFINITY }, dx, dy, dx2, dy2, d, d2, tq, t;
	size_t i;

	if (finite_input(x, y, n, alpha, e) < 0)
		return -1;
	r->n = n;
	r->alpha = alpha;
	r->dir = REGRESS_FLAT;
	r->slope = r->intercept = r->slope_se = r->intercept_se = NAN;
	r->slope_lo = r->slope_hi = r->intercept_lo = r->intercept_hi = NAN;
	r->r2 = r->p = r->s = NAN;
	r->xmean = stats_mean(x, n);
	r->ymean = stats_mean(y, n);
	r->xmax = -INFINITY;
	/* Two of each sum: one would wait on the adder's latency. */
	for (i = 0; i + 2 <= n; i += 2) {
		dx = x[i] - r->xmean;
		dy = y[i] - r->ymean;
		dx2 = x[i + 1] - r->xmean;
		dy2 = y[i + 1] - r->ymean;
		sxx[0] += dx * dx;
		sxx[1] += dx2 * dx2;
		sxy[0] += dx * dy;
		sxy[1] += dx2 * dy2;
		syy[0] += dy * dy;
		syy[1] += dy2 * dy2;
		xmax[0] = x[i] > xmax[0] ? x[i] : xmax[0];
		xmax[1] = x[i + 1] > xmax[1] ? x[i + 1] : xmax[1];
	}
	for (; i < n; i++) {
		dx = x[i] - r->xmean;
		dy = y[i] - r->ymean;
		sxx[0] += dx * dx;
		sxy[0] += dx * dy;
		syy[0] += dy * dy;
		xmax[0] = x[i] > xmax[0] ? x[i] : xmax[0];
	}
	r->sxx = sxx[0] + sxx[1];
	sxy[0] += sxy[1];
	syy[0] += syy[1];
	r->xmax = xmax[0] > xmax[1] ? xmax[0] : xmax[1];
	if (n < 2 || r->sxx == 0)
		return 0;
	r->slope = sxy[0] / r->sxx;
	r->intercept = r->ymean - r->slope * r->xmean;
	r->r2 = syy[0] > 0 ? fmin(1, sxy[0] / r->sxx * (sxy[0] / syy[0])) : 0;
	if (n < 3)
		return 0;
	for (i = 0; i + 2 <= n; i += 2) {
		d = y[i] - r->ymean - r->slope * (x[i] - r->xmean);
		d2 = y[i + 1] - r->ymean - r->slope * (x[i + 1] - r->xmean);
		sse[0] += d * d;
		sse[1] += d2 * d2;
	}
	for (; i < n; i++) {
		d = y[i] - r->ymean - r->slope * (x[i] - r->xmean);
		sse[0] += d * d;
	}
	r->s = sqrt((sse[0] + sse[1]) / (n - 2));
	r->slope_se = r->s / sqrt(r->sxx);
	r->intercept_se = r->s * sqrt(1.0 / n +
	    r->xmean / r->sxx * r->xmean);
	tq = distrib_t_quantile(1 - alpha / 2, n - 2);
	r->slope_lo = r->slope - tq * r->slope_se;
	r->slope_hi = r->slope + tq * r->slope_se;
	r->intercept_lo = r->intercept - tq * r->intercept_se;
	r->intercept_hi = r->intercept + tq * r->intercept_se;
	if (r->slope_se > 0) {
		t = r->slope / r->slope_se;
		r->p = 2 * distrib_t_sf(fabs(t), n - 2);
	} else
		r->p = r->slope != 0 ? 0 : 1;
	if (r->p < alpha)
		r->dir = r->slope > 0 ? REGRESS_RISING : REGRESS_FALLING;
	return 0;
}

/* Sum over the values that repeat of k (k - 1) (2k + 5), k the count. */
static double
ties(double *v, size_t n)
{
	double s = 0, k;
	size_t i, j;

	qsort(v, n, sizeof(*v), stats_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j] == v[i]; j++)
			;
		k = j - i;
		s += k * (k - 1) * (2 * k + 5);
	}
	return s;
}

/* The slopes of all pairs with distinct x that lie in [lo, hi], appended
 * to *out (of capacity *cap); returns how many lie below lo.  Without
 * branches on the slope (which way a slope falls is a coin toss the
 * processor would mispredict): each is written, and kept by counting. */
static double
collect(const double *x, const double *y, size_t n, double lo, double hi,
    double **out, size_t *nout, size_t *cap)
{
	double s, *o;
	size_t i, j, k, below = 0;

	for (i = 0; i < n; i++) {
		if (*cap - *nout < n) {
			*cap = 2 * *cap > *nout + n ? 2 * *cap : *nout + n;
			*out = xreallocarray(*out, *cap, sizeof(**out));
		}
		o = *out;
		k = *nout;
		for (j = i + 1; j < n; j++) {
			if (x[j] == x[i])
				continue;
			s = (y[j] - y[i]) / (x[j] - x[i]);
			below += s < lo;
			o[k] = s;
			k += (s >= lo) & (s <= hi);
		}
		*nout = k;
	}
	return (double)below;
}

/* A random pair's slope (x must hold two distinct values). */
static double
randslope(const double *x, const double *y, size_t n, struct bootstrap_rng *rng)
{
	size_t i, j;

	do {
		i = bootstrap_below(rng, n);
		j = bootstrap_below(rng, n);
	} while (x[i] == x[j]);
	return (y[j] - y[i]) / (x[j] - x[i]);
}

#define TS_STORE (1UL << 22)	/* pairs kept whole */
#define TS_BRACKET (1UL << 18)	/* pairs sampled for a bracket */
/* From TS_SMALL pairs up, even when they would fit whole, a bracket from
 * TS_BRACKET_SMALL sampled pairs: storing and selecting among all the
 * slopes costs several times the pass that only counts those below the
 * bracket (at 512 points, 130,816 pairs: 1.9 ms a fit against 0.4), and
 * the answer is the same exact order statistics. */
#define TS_SMALL (1UL << 14)
#define TS_BRACKET_SMALL (1UL << 12)
#define TS_SAMPLE (1UL << 20)	/* pairs sampled when estimating */

/*
 * Finds the order statistics rank[0..nr), nr <= 4 (ascending ranks, 0-based, among
 * the nt slopes) into val[].  Returns 1 if exact, 0 if estimated.
 */
static int
ts_order(const double *x, const double *y, size_t n, double nt,
    const double *rank, size_t nr, double *val)
{
	double *s = NULL, *smp, lo = -INFINITY, hi = INFINITY, below = 0;
	double d, q, q2;
	size_t ns = 0, cap = 0, i, k, at[4], nsmp, sk[2];
	struct bootstrap_rng rng;
	int tries = 0;

	if (n > REGRESS_TS_EXACT_MAX || nt > TS_SMALL) {
		bootstrap_seed(&rng, 1);
		nsmp = n > REGRESS_TS_EXACT_MAX ? TS_SAMPLE : nt > TS_STORE ?
		    TS_BRACKET : TS_BRACKET_SMALL;
		smp = xreallocarray(NULL, nsmp, sizeof(*smp));
		for (i = 0; i < nsmp; i++)
			smp[i] = randslope(x, y, n, &rng);
		if (n > REGRESS_TS_EXACT_MAX) {
			qsort(smp, nsmp, sizeof(*smp), stats_cmp);
			for (k = 0; k < nr; k++)
				val[k] = smp[(size_t)(rank[k] / nt * nsmp)];
			free(smp);
			return 0;
		}
		/* A bracket around the ranks, 4 standard errors of the
		 * sampled quantile to each side, widened when it misses. */
		for (; tries < 3; tries++) {
			/* The two sampled order statistics, selected (the
			 * sample need not be sorted). */
			d = (4 << (2 * tries)) * 0.5 / sqrt(nsmp);
			q = rank[0] / nt - d;
			sk[0] = q > 0 ? (size_t)(q * nsmp) : 0;
			q2 = rank[nr - 1] / nt + d;
			sk[1] = q2 < 1 ? (size_t)(q2 * nsmp) : nsmp - 1;
			stats_select_ranks(smp, nsmp, sk, 2);
			lo = q > 0 ? smp[sk[0]] : -INFINITY;
			hi = q2 < 1 ? smp[sk[1]] : INFINITY;
			ns = 0;
			below = collect(x, y, n, lo, hi, &s, &ns, &cap);
			if (below <= rank[0] && below + ns > rank[nr - 1])
				break;
		}
		free(smp);
	}
	if (tries == 3 || s == NULL) {
		ns = 0;
		below = collect(x, y, n, -INFINITY, INFINITY, &s, &ns, &cap);
	}
	/* Every rank at once: the array is split at each, rather than
	 * searched again from the last one found. */
	for (k = 0; k < nr; k++)
		at[k] = (size_t)(rank[k] - below);
	stats_select_ranks(s, ns, at, nr);
	for (k = 0; k < nr; k++)
		val[k] = s[at[k]];
	free(s);
	return 1;
}

int
regress_theilsen(const double *x, const double *y, size_t n,
    double alpha, struct regress_theilsen *r, struct perr *e)
{
	double *v, nt, fn = n, sig, z, rank[4], val[4], mx, my;
	size_t i, j;

	if (finite_input(x, y, n, alpha, e) < 0)
		return -1;
	r->n = n;
	r->slope = r->intercept = r->slope_lo = r->slope_hi = NAN;
	r->dir = REGRESS_FLAT;
	r->exact = 1;
	if (n < 2)
		return 0;
	v = xreallocarray(NULL, n, sizeof(*v));
	/* The pairs with distinct x, and Sen's variance of S (his 2.6). */
	memcpy(v, x, n * sizeof(*v));
	sig = fn * (fn - 1) * (2 * fn + 5) - ties(v, n);
	mx = stats_median(v, n);
	nt = fn * (fn - 1) / 2;
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j] == v[i]; j++)
			;
		nt -= (double)(j - i) * (j - i - 1) / 2;
	}
	memcpy(v, y, n * sizeof(*v));
	sig = sqrt((sig - ties(v, n)) / 18);
	my = stats_median(v, n);
	free(v);
	if (nt == 0)
		return 0;
	/* The ranks as scipy takes them (0-based; np.round is to even, as
	 * nearbyint in the default rounding mode). */
	z = distrib_norm_quantile(alpha / 2);
	rank[0] = fmax(nearbyint((nt + z * sig) / 2) - 1, 0);
	rank[1] = floor((nt - 1) / 2);
	rank[2] = floor(nt / 2);
	rank[3] = fmin(nearbyint((nt - z * sig) / 2), nt - 1);
	if (isnan(sig)) {	/* ties beyond Sen's formula: no interval */
		rank[0] = rank[1];
		rank[3] = rank[2];
	}
	r->exact = ts_order(x, y, n, nt, rank, 4, val);
	r->slope = (val[1] + val[2]) / 2;
	r->slope_lo = isnan(sig) ? NAN : val[0];
	r->slope_hi = isnan(sig) ? NAN : val[3];
	r->intercept = my - r->slope * mx;
	if (r->slope_lo > 0)
		r->dir = REGRESS_RISING;
	else if (r->slope_hi < 0)
		r->dir = REGRESS_FALLING;
	return 0;
}

void
regress_cross(const struct regress_ols *r, double threshold, int side,
    struct regress_forecast *f)
{
	double now, k2, a, b, c, disc, u1, u2, q;

	f->status = REGRESS_CROSS_NEVER;
	f->t = f->t_lo = f->t_hi = NAN;
	if (isnan(r->slope) || !isfinite(threshold))
		return;
	now = r->ymean + r->slope * (r->xmax - r->xmean);
	if (side == 0) {
		if (r->dir == REGRESS_FLAT) {
			f->status = REGRESS_CROSS_NO_TREND;
			return;
		}
		side = r->slope > 0 ? 1 : -1;
	}
	if ((side > 0 && now >= threshold) || (side < 0 && now <= threshold)) {
		f->status = REGRESS_CROSS_REACHED;
		/* Since when: where a significant trend toward the limit
		 * went through it. */
		if (r->dir != REGRESS_FLAT && (side > 0) == (r->slope > 0))
			f->t = r->xmean + (threshold - r->ymean) / r->slope;
		return;
	}
	if (r->dir == REGRESS_FLAT || (side > 0) != (r->slope > 0))
		return;
	f->status = REGRESS_CROSS_AHEAD;
	f->t = r->xmean + (threshold - r->ymean) / r->slope;
	/*
	 * The band ymean + slope u -+ tq s sqrt(1 + 1/n + u^2 / sxx), with
	 * u = x - xmean, meets the threshold where a u^2 + 2 b u + c = 0.
	 * Significance makes a > 0: two roots, the earliest and the latest.
	 */
	k2 = distrib_t_quantile(1 - r->alpha / 2, r->n - 2) * r->s;
	k2 *= k2;
	c = r->ymean - threshold;
	a = r->slope * r->slope - k2 / r->sxx;
	b = c * r->slope;
	c = c * c - k2 * (1 + 1.0 / r->n);
	disc = fmax(b * b - a * c, 0);	/* >= 0 when a > 0, but for rounding */
	if (!(a > 0))
		return;
	/* The stable form of the quadratic's roots. */
	q = -(b + copysign(sqrt(disc), b));
	u1 = q / a;
	u2 = q != 0 ? c / q : -u1;
	f->t_lo = r->xmean + fmin(u1, u2);
	f->t_hi = r->xmean + fmax(u1, u2);
}
