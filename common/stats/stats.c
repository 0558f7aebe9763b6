/* stats.c - descriptive statistics: two-pass moments, type 7 quantiles,
 * median and MAD, t and binomial intervals, outliers, Welford streams. */
#include <math.h>
#include <stdlib.h>

#include "distrib.h"
#include "stats.h"

int
stats_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Quickselect: Hoare partition around a median of three. */
static void
quickselect(double *a, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1, i, j, m;
	double p, t;

	while (lo < hi) {
		m = lo + (hi - lo) / 2;
		p = a[lo] < a[m] ? (a[m] < a[hi] ? a[m] :
		    a[lo] < a[hi] ? a[hi] : a[lo]) :
		    (a[lo] < a[hi] ? a[lo] : a[m] < a[hi] ? a[hi] : a[m]);
		i = lo;
		j = hi;
		for (;;) {	/* a[lo..j] <= p <= a[i..hi] when done */
			while (a[i] < p)
				i++;
			while (a[j] > p)
				j--;
			if (i >= j)
				break;
			t = a[i];
			a[i++] = a[j];
			a[j--] = t;
		}
		if (i == j) {	/* a[i] == p sits in its final place */
			if (k == i)
				break;
			if (k < i)
				hi = i - 1;
			else
				lo = i + 1;
		} else if (k <= j) {
			hi = j;
		} else {
			lo = j + 1;
		}
	}
}

/*
 * Moves the values of a[0..n) below p (le 0) or at most p (le 1) to the
 * front; returns how many.  Without a branch on the value: which side a
 * value falls is a coin toss the processor would mispredict, and those
 * mispredictions were most of a Hoare partition's time.
 */
static size_t
partition(double *a, size_t n, double p, int le)
{
	size_t i, j = 0;
	double v;

	if (le) {
		for (i = 0; i < n; i++) {
			v = a[i];
			a[i] = a[j];
			a[j] = v;
			j += v <= p;
		}
	} else {
		for (i = 0; i < n; i++) {
			v = a[i];
			a[i] = a[j];
			a[j] = v;
			j += v < p;
		}
	}
	return j;
}

#define SELECT_SAMPLED 2048	/* from here up, pivots from a sample */
#define SELECT_SAMPLE 4096	/* most values in that sample */

/*
 * One step of Floyd and Rivest's selection: two values of a sample that
 * bracket rank k with room to spare, and a partition into below, between
 * and above them; *a, *n and *k are narrowed to the part that holds rank
 * k.  The part between is a few percent of the values, so each value is
 * moved about 1.5 times in all, against about 3.4 comparisons (a third
 * mispredicted) in quickselect.  Returns 1 when rank k is found (every
 * value between was the same), -1 when the step did not narrow enough
 * (values that repeat, a sample that missed), else 0.
 */
static int
narrow(double **ap, size_t *np, size_t *kp)
{
	double smp[SELECT_SAMPLE], *a = *ap, lo, hi;
	size_t n = *np, k = *kp, s, i, g, r, rk[2], j1, j2, m;

	/* A sample of about 8 sqrt(n) values spread over the array (row
	 * order need not be random: every part of it is drawn from). */
	s = (size_t)(8 * sqrt((double)n));
	if (s > SELECT_SAMPLE)
		s = SELECT_SAMPLE;
	for (i = 0; i < s; i++)
		smp[i] = a[i * (n / s) + (n / s) / 2];
	/* Rank k sits near rank k s / n of the sample, give or take
	 * sqrt(s) / 2: four of those to each side. */
	g = (size_t)(2 * sqrt((double)s)) + 1;
	r = (size_t)((double)k / n * s);
	rk[0] = r > g ? r - g : 0;
	rk[1] = r + g < s ? r + g : s - 1;
	stats_select_ranks(smp, s, rk, 2);
	lo = smp[rk[0]];
	hi = smp[rk[1]];
	/* The side of rank k first: the second pass is then over the
	 * smaller part. */
	if (k < n / 2) {
		j2 = partition(a, n, hi, 1);
		j1 = k < j2 ? partition(a, j2, lo, 0) : 0;
	} else {
		j1 = partition(a, n, lo, 0);
		j2 = k >= j1 ? j1 + partition(a + j1, n - j1, hi, 1) : n;
	}
	if (k < j1) {
		m = j1;
	} else if (k >= j2) {
		m = n - j2;
		*ap = a + j2;
		*kp = k - j2;
	} else {
		m = j2 - j1;
		*ap = a + j1;
		*kp = k - j1;
		if (lo == hi)
			return 1;
	}
	*np = m;
	return m > n - n / 8 ? -1 : 0;
}

/* The smallest (k 0) or largest (k n - 1) value of a, swapped to a[k]. */
static void
extreme(double *a, size_t n, size_t k)
{
	size_t i, at = k;
	double t;

	for (i = 0; i < n; i++)
		if (k == 0 ? a[i] < a[at] : a[i] > a[at])
			at = i;
	t = a[k];
	a[k] = a[at];
	a[at] = t;
}

void
stats_select(double *a, size_t n, size_t k)
{
	int st = 0;

	while (n >= SELECT_SAMPLED && st == 0) {
		if (k == 0 || k == n - 1) {
			extreme(a, n, k);
			return;
		}
		st = narrow(&a, &n, &k);
	}
	if (st != 1)
		quickselect(a, n, k);
}

/* Selects ranks k[0..nk) - base of a[0..n) (a = the whole array + base). */
static void
select_ranks(double *a, size_t n, size_t base, const size_t *k, size_t nk)
{
	size_t m, r, lo, hi;

	/* The middle rank first; then each side holds its own ranks only,
	 * so the array halves (in expectation) at each level of ranks. */
	while (nk > 0 && n > 0) {
		m = nk / 2;
		r = k[m] - base;
		stats_select(a, n, r);
		for (lo = m; lo > 0 && k[lo - 1] == k[m]; lo--)
			;
		for (hi = m + 1; hi < nk && k[hi] == k[m]; hi++)
			;
		select_ranks(a, r, base, k, lo);
		a += r + 1;	/* the right side, iterated */
		n -= r + 1;
		base += r + 1;
		k += hi;
		nk -= hi;
	}
}

void
stats_select_ranks(double *a, size_t n, const size_t *k, size_t nk)
{
	select_ranks(a, n, 0, k, nk);
}

/* (a + b) / 2 without overflow near DBL_MAX. */
static double
midpoint(double a, double b)
{
	double s = a + b;

	return isfinite(s) ? s / 2 : a / 2 + b / 2;
}

double
stats_mean(const double *x, size_t n)
{
	double s[4] = { 0 }, c[4] = { 0 }, lo[4], hi[4], m, a, b;
	size_t i, j;
	int e;

	if (n == 0)
		return NAN;
	for (j = 0; j < 4; j++)
		lo[j] = hi[j] = x[0];
	/* Four sums: one would wait on the adder's latency every value. */
	for (i = 0; i + 4 <= n; i += 4)
		for (j = 0; j < 4; j++) {
			s[j] += x[i + j];
			lo[j] = x[i + j] < lo[j] ? x[i + j] : lo[j];
			hi[j] = x[i + j] > hi[j] ? x[i + j] : hi[j];
		}
	for (; i < n; i++) {
		s[0] += x[i];
		lo[0] = x[i] < lo[0] ? x[i] : lo[0];
		hi[0] = x[i] > hi[0] ? x[i] : hi[0];
	}
	for (j = 1; j < 4; j++) {
		lo[0] = lo[j] < lo[0] ? lo[j] : lo[0];
		hi[0] = hi[j] > hi[0] ? hi[j] : hi[0];
	}
	a = (s[0] + s[1]) + (s[2] + s[3]);
	if (isfinite(a)) {
		m = a / n;
	} else {
		/* The sum overflowed: add the values scaled by 2^-e (exact
		 * for values this large), n 2^-e <= 1. */
		frexp((double)n, &e);
		for (a = 0, i = 0; i < n; i++)
			a += ldexp(x[i], -e);
		m = ldexp(a / n, e);
	}
	/* Second pass: the mean of the residuals corrects rounding, which
	 * matters when the values share a large offset. */
	m = fmin(fmax(m, lo[0]), hi[0]);
	for (i = 0; i + 4 <= n; i += 4)
		for (j = 0; j < 4; j++)
			c[j] += x[i + j] - m;
	for (; i < n; i++)
		c[0] += x[i] - m;
	b = ((c[0] + c[1]) + (c[2] + c[3])) / n;
	if (!isfinite(b)) {
		/* Residuals of both signs near DBL_MAX: each divided. */
		for (b = 0, i = 0; i < n; i++)
			b += (x[i] - m) / n;
	}
	if (isfinite(b))
		m += b;
	return fmin(fmax(m, lo[0]), hi[0]);
}

/* Sum of squared deviations from m as scale^2 * *ss, scaled so that
 * neither 1e300 nor 1e-300 spreads overflow or underflow. */
static void
sumsq(const double *x, size_t n, double m, double *scale, double *ss)
{
	double s[4] = { 0 }, c[4] = { 0 }, d, mx = 0, a, b;
	size_t i, j;

	/* Unscaled first, four sums at a time (one would wait on the
	 * adder's latency every value): right unless a square overflowed
	 * or the squares are so small that some underflowed. */
	for (i = 0; i + 4 <= n; i += 4)
		for (j = 0; j < 4; j++) {
			d = x[i + j] - m;
			s[j] += d * d;
			c[j] += d;
		}
	for (; i < n; i++) {
		d = x[i] - m;
		s[0] += d * d;
		c[0] += d;
	}
	a = (s[0] + s[1]) + (s[2] + s[3]);
	b = (c[0] + c[1]) + (c[2] + c[3]);
	if (isfinite(a) && isfinite(b) && a > 0x1p-900) {
		*scale = 1;
		*ss = a - b * b / n;	/* corrected two-pass (Chan, Golub, LeVeque) */
		if (*ss < 0)
			*ss = 0;
		return;
	}
	/* Scaled by the largest deviation: two passes more (a constant
	 * comes here too, and ends with a scale of 0). */
	for (i = 0; i < n; i++)
		if (fabs(x[i] - m) > mx)
			mx = fabs(x[i] - m);
	*scale = mx;
	if (mx == 0) {
		*ss = 0;
		return;
	}
	for (a = b = 0, i = 0; i < n; i++) {
		d = (x[i] - m) / mx;
		a += d * d;
		b += d;
	}
	*ss = a - b * b / n;
	if (*ss < 0)
		*ss = 0;
}

/* The sample standard deviation about m, the mean of x[0..n). */
static double
sd_about(const double *x, size_t n, double m)
{
	double scale, ss;

	if (n < 2)
		return NAN;
	sumsq(x, n, m, &scale, &ss);
	return scale == 0 ? 0 : scale * sqrt(ss / (n - 1));
}

double
stats_sd(const double *x, size_t n)
{
	return n < 2 ? NAN : sd_about(x, n, stats_mean(x, n));
}

double
stats_var(const double *x, size_t n)
{
	double scale, ss;

	if (n < 2)
		return NAN;
	sumsq(x, n, stats_mean(x, n), &scale, &ss);
	return scale == 0 ? 0 : scale * scale * (ss / (n - 1));
}

double
stats_quantile(const double *sorted, size_t n, double p)
{
	double h, t, a, b, diff;
	size_t lo;

	if (n == 0 || !(p >= 0 && p <= 1))
		return NAN;
	h = (n - 1) * p;
	lo = (size_t)floor(h);
	if (lo >= n - 1)
		return sorted[n - 1];
	t = h - lo;
	a = sorted[lo];
	b = sorted[lo + 1];
	diff = b - a;
	if (!isfinite(diff))
		return a * (1 - t) + b * t;
	/* numpy's lerp: from the nearer end, so that t = 1 gives b. */
	return t < 0.5 ? a + diff * t : b - diff * (1 - t);
}

double
stats_median(const double *sorted, size_t n)
{
	if (n == 0)
		return NAN;
	if (n % 2)
		return sorted[n / 2];
	return midpoint(sorted[n / 2 - 1], sorted[n / 2]);
}

double
stats_mad(const double *sorted, size_t n)
{
	double m, dl, dr, d, v1 = NAN, v2 = NAN;
	size_t a, k, i, j;

	if (n == 0)
		return NAN;
	m = stats_median(sorted, n);
	/* The deviations below the median grow leftwards from index a - 1,
	 * those above grow rightwards from a: merge them up to rank n/2. */
	for (a = 0; a < n && sorted[a] <= m; a++)
		;
	i = a;		/* next left element is sorted[i - 1] */
	j = a;
	for (k = 0; k <= n / 2; k++) {
		dl = i > 0 ? m - sorted[i - 1] : INFINITY;
		dr = j < n ? sorted[j] - m : INFINITY;
		if (dl <= dr) {
			d = dl;
			i--;
		} else {
			d = dr;
			j++;
		}
		if (k == (n - 1) / 2)
			v1 = d;
		if (k == n / 2)
			v2 = d;
	}
	return n % 2 ? v1 : midpoint(v1, v2);
}

int
stats_median_ci_ranks(size_t n, double conf, size_t *lo, size_t *hi)
{
	long k;

	if (n == 0 || !(conf > 0 && conf < 1))
		return -1;
	k = distrib_binom_quantile((1 - conf) / 2, (long)n, 0.5);
	if (k < 1)
		return -1;
	*lo = (size_t)k;
	*hi = n - (size_t)k + 1;
	return 0;
}

double
stats_geomean(const double *x, size_t n)
{
	double s = 0;
	size_t i;

	if (n == 0)
		return NAN;
	for (i = 0; i < n; i++) {
		if (!(x[i] > 0))
			return NAN;
		s += log(x[i]);
	}
	return exp(s / n);
}

void
stats_describe(double *x, size_t n, double conf, struct stats_desc *d)
{
	double t;
	size_t lo, hi;

	d->n = n;
	d->mean = d->sd = d->cv = d->min = d->max = d->median = d->mad = NAN;
	d->p5 = d->p25 = d->p75 = d->p90 = d->p95 = d->p99 = NAN;
	d->mean_lo = d->mean_hi = d->median_lo = d->median_hi = NAN;
	if (n == 0)
		return;
	qsort(x, n, sizeof *x, stats_cmp);
	d->mean = stats_mean(x, n);
	d->sd = sd_about(x, n, d->mean);
	if (d->mean != 0)
		d->cv = d->sd / fabs(d->mean);
	d->min = x[0];
	d->max = x[n - 1];
	d->median = stats_median(x, n);
	d->mad = stats_mad(x, n);
	d->p5 = stats_quantile(x, n, 0.05);
	d->p25 = stats_quantile(x, n, 0.25);
	d->p75 = stats_quantile(x, n, 0.75);
	d->p90 = stats_quantile(x, n, 0.90);
	d->p95 = stats_quantile(x, n, 0.95);
	d->p99 = stats_quantile(x, n, 0.99);
	if (n >= 2 && conf > 0 && conf < 1) {
		t = distrib_t_quantile(1 - (1 - conf) / 2, n - 1) * d->sd / sqrt(n);
		d->mean_lo = d->mean - t;
		d->mean_hi = d->mean + t;
	}
	if (stats_median_ci_ranks(n, conf, &lo, &hi) == 0) {
		d->median_lo = x[lo - 1];
		d->median_hi = x[hi - 1];
	}
}

/* Adds rank r (when below n) to the list k of *nk ranks. */
static void
want(size_t *k, size_t *nk, size_t r, size_t n)
{
	if (r < n)
		k[(*nk)++] = r;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

void
stats_describe_sel(double *x, size_t n, double conf, double *scratch,
    struct stats_desc *d)
{
	static const double ps[] = { 0.05, 0.25, 0.75, 0.90, 0.95, 0.99 };
	size_t k[24], nk = 0, i, lo, hi, h;
	double t, m;

	d->n = n;
	d->mean = d->sd = d->cv = d->min = d->max = d->median = d->mad = NAN;
	d->p5 = d->p25 = d->p75 = d->p90 = d->p95 = d->p99 = NAN;
	d->mean_lo = d->mean_hi = d->median_lo = d->median_hi = NAN;
	if (n == 0)
		return;
	d->mean = stats_mean(x, n);
	d->sd = sd_about(x, n, d->mean);
	if (d->mean != 0)
		d->cv = d->sd / fabs(d->mean);
	/* Every rank that stats_quantile, stats_median and the median's
	 * interval read, put in its sorted place. */
	want(k, &nk, 0, n);
	want(k, &nk, n - 1, n);
	want(k, &nk, n / 2, n);
	if (n % 2 == 0)
		want(k, &nk, n / 2 - 1, n);
	for (i = 0; i < sizeof ps / sizeof ps[0]; i++) {
		h = (size_t)floor((n - 1) * ps[i]);
		want(k, &nk, h, n);
		want(k, &nk, h + 1, n);
	}
	if (stats_median_ci_ranks(n, conf, &lo, &hi) == 0) {
		want(k, &nk, lo - 1, n);
		want(k, &nk, hi - 1, n);
	}
	qsort(k, nk, sizeof *k, cmp_size);
	stats_select_ranks(x, n, k, nk);
	d->min = x[0];
	d->max = x[n - 1];
	d->median = stats_median(x, n);
	d->p5 = stats_quantile(x, n, 0.05);
	d->p25 = stats_quantile(x, n, 0.25);
	d->p75 = stats_quantile(x, n, 0.75);
	d->p90 = stats_quantile(x, n, 0.90);
	d->p95 = stats_quantile(x, n, 0.95);
	d->p99 = stats_quantile(x, n, 0.99);
	/* The MAD: the median of the deviations, selected in turn (|x - m|
	 * equals the m - x or x - m stats_mad takes, to the bit). */
	m = d->median;
	for (i = 0; i < n; i++)
		scratch[i] = fabs(x[i] - m);
	nk = 0;
	want(k, &nk, (n - 1) / 2, n);
	if (n / 2 != (n - 1) / 2)
		want(k, &nk, n / 2, n);
	stats_select_ranks(scratch, n, k, nk);
	d->mad = n % 2 ? scratch[(n - 1) / 2] :
	    midpoint(scratch[n / 2 - 1], scratch[n / 2]);
	if (n >= 2 && conf > 0 && conf < 1) {
		t = distrib_t_quantile(1 - (1 - conf) / 2, n - 1) * d->sd / sqrt(n);
		d->mean_lo = d->mean - t;
		d->mean_hi = d->mean + t;
	}
	if (stats_median_ci_ranks(n, conf, &lo, &hi) == 0) {
		d->median_lo = x[lo - 1];
		d->median_hi = x[hi - 1];
	}
}

void
stats_outliers(const double *x, size_t n, double q1, double q3,
    double median, double mad, unsigned char *flags,
    struct stats_outliers *o)
{
	double iqr = q3 - q1;
	unsigned char f;
	size_t i;

	o->mild = o->severe = o->low = o->high = o->modz = 0;
	o->modz_defined = mad > 0;
	o->lo_mild = q1 - 1.5 * iqr;
	o->hi_mild = q3 + 1.5 * iqr;
	o->lo_severe = q1 - 3 * iqr;
	o->hi_severe = q3 + 3 * iqr;
	for (i = 0; i < n; i++) {
		f = 0;
		if (x[i] < o->lo_severe || x[i] > o->hi_severe)
			f = STATS_OUT_SEVERE;
		else if (x[i] < o->lo_mild || x[i] > o->hi_mild)
			f = STATS_OUT_MILD;
		if (f) {
			o->mild += f == STATS_OUT_MILD;
			o->severe += f == STATS_OUT_SEVERE;
			o->low += x[i] < q1;
			o->high += x[i] > q3;
		}
		if (o->modz_defined && fabs(0.6745 * (x[i] - median) / mad) > 3.5) {
			f |= STATS_OUT_MODZ;
			o->modz++;
		}
		if (flags)
			flags[i] = f;
	}
}

void
stats_acc_init(struct stats_acc *a)
{
	a->n = 0;
	a->M2 = a->shift = a->smean = 0;
	a->mean = a->min = a->max = NAN;
}

void
stats_acc_add(struct stats_acc *a, double x)
{
	double d, delta;

	if (a->n == 0) {
		a->shift = a->min = a->max = x;
		a->smean = a->M2 = 0;
	}
	a->n++;
	d = x - a->shift;
	delta = d - a->smean;
	a->smean += delta / a->n;
	a->M2 += delta * (d - a->smean);
	a->mean = a->shift + a->smean;
	if (x < a->min)
		a->min = x;
	if (x > a->max)
		a->max = x;
}

void
stats_acc_merge(struct stats_acc *a, const struct stats_acc *b)
{
	double delta, n;

	if (b->n == 0)
		return;
	if (a->n == 0) {
		*a = *b;
		return;
	}
	n = (double)a->n + b->n;
	/* b's mean relative to a's shift; the shifts are close, so their
	 * difference is exact. */
	delta = (b->shift - a->shift) + b->smean - a->smean;
	a->smean += delta * (b->n / n);
	a->M2 += b->M2 + delta * delta * ((double)a->n * b->n / n);
	a->n += b->n;
	a->mean = a->shift + a->smean;
	if (b->min < a->min)
		a->min = b->min;
	if (b->max > a->max)
		a->max = b->max;
}

double
stats_acc_mean(const struct stats_acc *a)
{
	return a->n ? a->shift + a->smean : NAN;
}

double
stats_acc_var(const struct stats_acc *a)
{
	return a->n > 1 ? a->M2 / (a->n - 1) : NAN;
}

double
stats_acc_sd(const struct stats_acc *a)
{
	return a->n > 1 ? sqrt(a->M2 / (a->n - 1)) : NAN;
}
