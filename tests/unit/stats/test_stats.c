/* test_stats.c - descriptive statistics: edge cases (n = 0, 1, 2,
 * constant data, ties, extremes, epoch offsets), properties, streaming. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/stats.h"
#include "tap.h"

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The MAD the slow way: sort the absolute deviations. */
static double
naive_mad(const double *sorted, size_t n)
{
	double *d = malloc(n * sizeof *d), m = stats_median(sorted, n), r;
	size_t i;

	for (i = 0; i < n; i++)
		d[i] = fabs(sorted[i] - m);
	qsort(d, n, sizeof *d, cmp);
	r = stats_median(d, n);
	free(d);
	return r;
}

static void
test_empty_and_one(void)
{
	struct stats_desc d;
	double x[] = { 42 };

	stats_describe(NULL, 0, 0.95, &d);
	tap_int(d.n, 0, "n = 0: n is 0");
	tap_ok(isnan(d.mean) && isnan(d.sd) && isnan(d.min) &&
	    isnan(d.max) && isnan(d.median) && isnan(d.mad) &&
	    isnan(d.p5) && isnan(d.p99) && isnan(d.mean_lo) &&
	    isnan(d.median_hi) && isnan(d.cv), "n = 0: every statistic NaN");
	tap_ok(isnan(stats_mean(NULL, 0)) && isnan(stats_sd(NULL, 0)) &&
	    isnan(stats_quantile(NULL, 0, 0.5)) && isnan(stats_mad(NULL, 0)) &&
	    isnan(stats_geomean(NULL, 0)) && isnan(stats_median(NULL, 0)),
	    "n = 0: the single functions return NaN");

	stats_describe(x, 1, 0.95, &d);
	tap_ok(d.n == 1 && d.mean == 42 && d.min == 42 && d.max == 42 &&
	    d.median == 42 && d.mad == 0 && d.p5 == 42 && d.p99 == 42,
	    "n = 1: location statistics are the value");
	tap_ok(isnan(d.sd) && isnan(d.cv) && isnan(d.mean_lo) &&
	    isnan(d.mean_hi) && isnan(d.median_lo) && isnan(d.median_hi),
	    "n = 1: sd, cv and intervals NaN");
	tap_ok(isnan(stats_sd(x, 1)) && isnan(stats_var(x, 1)),
	    "n = 1: sd and var NaN");
}

static void
test_two_and_constant(void)
{
	struct stats_desc d;
	double two[] = { 3, 1 }, c[9];
	size_t i;

	stats_describe(two, 2, 0.95, &d);
	tap_ok(two[0] == 1 && two[1] == 3, "describe sorts in place");
	tap_num(d.mean, 2, 0, 0, "n = 2: mean");
	tap_num(d.sd, M_SQRT2, 1e-15, 0, "n = 2: sd is sqrt 2");
	tap_num(d.median, 2, 0, 0, "n = 2: median is the midpoint");
	tap_num(d.mad, 1, 0, 0, "n = 2: mad");
	tap_num(d.p25, 1.5, 1e-15, 0, "n = 2: p25 interpolates");
	/* t(0.975, 1) = 12.706204736174707; half width t sd / sqrt 2 = t. */
	tap_num(d.mean_hi, 2 + 12.706204736174707, 1e-12, 0,
	    "n = 2: mean interval uses t with 1 df");
	tap_ok(isnan(d.median_lo), "n = 2: median interval not computable");

	for (i = 0; i < 9; i++)
		c[i] = 0.1;
	stats_describe(c, 9, 0.95, &d);
	tap_num(d.sd, 0, 0, 0, "constant: sd is exactly 0");
	tap_num(d.mean, 0.1, 0, 0, "constant: mean is the value exactly");
	tap_num(d.mad, 0, 0, 0, "constant: mad 0");
	tap_ok(d.mean_lo == 0.1 && d.mean_hi == 0.1,
	    "constant: mean interval is the point");
	tap_ok(d.median_lo == 0.1 && d.median_hi == 0.1,
	    "constant: median interval is the point");
	for (i = 0; i < 9; i++)
		c[i] = 0;
	stats_describe(c, 9, 0.95, &d);
	tap_ok(isnan(d.cv) && d.sd == 0, "zero data: cv NaN, not inf");
}

static void
test_extremes(void)
{
	double big[] = { 1e300, 3e300, -2e300, 5e299 };
	double top[] = { DBL_MAX, DBL_MAX, DBL_MAX };
	double span[] = { -DBL_MAX / 2, DBL_MAX / 2 };
	double tiny[] = { 1e-300, 3e-300, 2e-300 };
	double sub[] = { 4e-320, 8e-320 };
	double ep[1000], s;
	size_t i;

	/* mean 6.25e299; deviations 3.75e299 2.375e300 -2.625e300 -1.25e299 */
	tap_num(stats_mean(big, 4), 6.25e299, 1e-15, 0, "1e300: mean");
	tap_num(stats_sd(big, 4), 2.056493779875511e300, 1e-14, 0,
	    "1e300: sd does not overflow");
	tap_ok(isinf(stats_var(big, 4)), "1e300: var overflows to inf");
	tap_num(stats_mean(top, 3), DBL_MAX, 0, 0, "DBL_MAX: mean");
	tap_num(stats_sd(top, 3), 0, 0, 0, "DBL_MAX: sd 0");
	tap_num(stats_sd(span, 2), DBL_MAX / M_SQRT2, 1e-15, 0,
	    "DBL_MAX span: sd");
	tap_num(stats_quantile(span, 2, 0.5), 0, 0, 1e-300,
	    "DBL_MAX span: quantile does not overflow");
	tap_num(stats_median(span, 2), 0, 0, 1e-300,
	    "DBL_MAX span: median does not overflow");
	tap_num(stats_sd(tiny, 3), 1e-300, 1e-14, 0,
	    "1e-300: sd does not underflow");
	tap_num(stats_mean(tiny, 3), 2e-300, 1e-15, 0, "1e-300: mean");
	/* exp of a mean log near -690: 690 eps of relative error, as in
	 * scipy.stats.gmean. */
	tap_num(stats_geomean(tiny, 3), cbrt(6) * 1e-300, 1e-12, 0,
	    "1e-300: geometric mean");
	tap_ok(stats_sd(sub, 2) > 0, "subnormals: sd positive");

	/* 1.7e9 + k/1024: exactly representable; mean 1.7e9 + 999/2048. */
	for (i = 0; i < 1000; i++)
		ep[i] = 1.7e9 + i / 1024.0;
	tap_num(stats_mean(ep, 1000), 1.7e9 + 999 / 2048.0, 0, 0,
	    "epoch offset: mean exact");
	/* sd of 0..999 is sqrt(1000 * 1001 / 12); scaled by 1/1024 */
	tap_num(stats_sd(ep, 1000), sqrt(1000.0 * 1001 / 12) / 1024, 1e-13, 0,
	    "epoch offset: sd keeps its digits");
	s = stats_quantile(ep, 1000, 0.5);
	tap_num(s, 1.7e9 + 499.5 / 1024, 0, 0, "epoch offset: median");
}

static void
test_quantiles(void)
{
	double x[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

	tap_num(stats_quantile(x, 10, 0), 1, 0, 0, "quantile p=0 is min");
	tap_num(stats_quantile(x, 10, 1), 10, 0, 0, "quantile p=1 is max");
	tap_num(stats_quantile(x, 10, 0.25), 3.25, 1e-15, 0,
	    "quantile type 7 p=.25");
	tap_num(stats_quantile(x, 10, 0.9), 9.1, 1e-15, 0,
	    "quantile type 7 p=.9");
	tap_ok(isnan(stats_quantile(x, 10, -0.1)) &&
	    isnan(stats_quantile(x, 10, 1.1)) &&
	    isnan(stats_quantile(x, 10, NAN)), "quantile p outside [0,1] NaN");
}

static void
test_mad_and_ci(void)
{
	double x[64], ties[] = { 1, 2, 2, 3, 3, 3, 4, 4, 5, 10 };
	size_t n, i, lo, hi;
	int same = 1;

	srand(7);
	for (n = 1; n <= 64; n++) {
		for (i = 0; i < n; i++)
			x[i] = rand() % 10 + (rand() % 3 ? 0 : rand() / 1e9);
		qsort(x, n, sizeof *x, cmp);
		if (stats_mad(x, n) != naive_mad(x, n))
			same = 0;
	}
	tap_ok(same, "mad (merge walk) equals sorting the deviations, n 1-64");
	tap_num(stats_mad(ties, 10), 1, 0, 0, "mad with ties");

	tap_int(stats_median_ci_ranks(5, 0.95, &lo, &hi), -1,
	    "median interval: n = 5 too small at 95%");
	tap_ok(stats_median_ci_ranks(6, 0.95, &lo, &hi) == 0 && lo == 1 &&
	    hi == 6, "median interval: n = 6 is [x(1), x(6)]");
	tap_ok(stats_median_ci_ranks(10, 0.95, &lo, &hi) == 0 && lo == 2 &&
	    hi == 9, "median interval: n = 10 is [x(2), x(9)]");
	/* qbinom(0.025, 100, 0.5) = 40 */
	tap_ok(stats_median_ci_ranks(100, 0.95, &lo, &hi) == 0 && lo == 40 &&
	    hi == 61, "median interval: n = 100 is [x(40), x(61)]");
	tap_int(stats_median_ci_ranks(100, 1, &lo, &hi), -1,
	    "median interval: conf 1 refused");
	tap_int(stats_median_ci_ranks(100, 0, &lo, &hi), -1,
	    "median interval: conf 0 refused");
	tap_ok(stats_median_ci_ranks(2000000, 0.95, &lo, &hi) == 0 &&
	    lo < 1000000 && hi == 2000000 - lo + 1 && lo > 998000,
	    "median interval: n = 2e6 stays near the middle");
}

static void
test_outliers(void)
{
	/* sorted: -12 1 2 3 4 5 6 7 8 9 10 17 30 */
	double x[] = { 30, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 17, -12 };
	double s[13];
	unsigned char fl[13];
	struct stats_outliers o;

	memcpy(s, x, sizeof x);
	qsort(s, 13, sizeof *s, cmp);
	stats_outliers(x, 13, stats_quantile(s, 13, 0.25),
	    stats_quantile(s, 13, 0.75), stats_median(s, 13), stats_mad(s, 13),
	    fl, &o);
	/* q1 = 3, q3 = 9, iqr 6: mild -6 / 18, severe -15 / 27 */
	tap_num(o.lo_mild, -6, 0, 0, "outliers: lower inner fence");
	tap_num(o.hi_severe, 27, 0, 0, "outliers: upper outer fence");
	tap_int(o.severe, 1, "outliers: 30 is severe");
	tap_int(o.mild, 1, "outliers: -12 is mild, 17 is not an outlier");
	tap_ok(fl[0] & STATS_OUT_SEVERE && fl[12] & STATS_OUT_MILD &&
	    fl[11] == 0 && fl[1] == 0, "outliers: flags by input index");
	tap_ok(o.low == 1 && o.high == 1, "outliers: by side");
	/* median 6, mad 3: |0.6745 (x - 6) / 3| > 3.5 <=> |x - 6| > 15.57 */
	tap_ok(o.modz == 2 && fl[0] & STATS_OUT_MODZ && fl[12] & STATS_OUT_MODZ &&
	    !(fl[11] & STATS_OUT_MODZ), "outliers: modified z-score");
	stats_outliers(x, 13, 5, 5, 5, 0, NULL, &o);
	tap_ok(!o.modz_defined && o.modz == 0,
	    "outliers: mad 0 leaves the modified z-score undefined");
}

static void
test_acc(void)
{
	struct stats_acc a, b, e;
	double x[200];
	size_t i;

	stats_acc_init(&a);
	tap_ok(a.n == 0 && isnan(stats_acc_mean(&a)) && isnan(stats_acc_sd(&a)) &&
	    isnan(a.min), "acc: empty is NaN");
	stats_acc_add(&a, 5);
	tap_ok(stats_acc_mean(&a) == 5 && isnan(stats_acc_sd(&a)) &&
	    a.min == 5 && a.max == 5, "acc: one value");
	stats_acc_init(&a);
	stats_acc_init(&b);
	stats_acc_init(&e);
	for (i = 0; i < 200; i++) {
		x[i] = 1.7e9 + sin(i) * 1e-3;
		stats_acc_add(i < 70 ? &a : &b, x[i]);
	}
	stats_acc_merge(&a, &e);
	stats_acc_merge(&e, &a);
	tap_ok(e.n == 70 && e.mean == a.mean, "acc: merge with empty");
	stats_acc_merge(&a, &b);
	tap_int(a.n, 200, "acc: merged n");
	tap_num(stats_acc_mean(&a), stats_mean(x, 200), 1e-15, 0,
	    "acc: merged mean, epoch offset");
	tap_num(stats_acc_sd(&a), stats_sd(x, 200), 1e-8, 0,
	    "acc: merged sd, epoch offset");
	tap_num(stats_acc_var(&a), stats_var(x, 200), 2e-8, 0,
	    "acc: merged var");
	tap_num(a.mean, stats_acc_mean(&a), 0, 0, "acc: mean field current");
}

static void
test_geomean(void)
{
	double x[] = { 1, 10, 100 }, z[] = { 1, 0, 2 }, ng[] = { 1, -1 };

	tap_num(stats_geomean(x, 3), 10, 1e-15, 0, "geomean 1 10 100");
	tap_ok(isnan(stats_geomean(z, 3)), "geomean with 0 is NaN");
	tap_ok(isnan(stats_geomean(ng, 2)), "geomean with a negative is NaN");
}

/* stats_describe_sel against the full sort of stats_describe: every
 * order statistic to the bit, mean and sd to rounding; sizes 1..300 and
 * some larger, with ties (values on a grid of 7) and without. */
static void
test_describe_sel(void)
{
	static double a[5000], b[5000], sc[5000];
	static const size_t big[] = { 999, 1000, 4096, 5000 };
	struct stats_desc d, e;
	size_t n, i, t, bad = 0, badm = 0, k[6] = { 0, 3, 3, 10, 11, 99 };
	unsigned long long r = 1;

	for (t = 0; t < 2 * (300 + 4); t++) {
		n = t / 2 < 300 ? t / 2 + 1 : big[t / 2 - 300];
		for (i = 0; i < n; i++) {
			r = r * 6364136223846793005ULL + 1442695040888963407ULL;
			a[i] = t % 2 ? (double)(r >> 61) : (double)(r >> 11) /
			    9007199254740992.0 * 100 - 30;
			b[i] = a[i];
		}
		stats_describe(a, n, 0.95, &d);
		stats_describe_sel(b, n, 0.95, sc, &e);
#define SAME(f) (d.f == e.f || (isnan(d.f) && isnan(e.f)))
		if (!(SAME(min) && SAME(max) && SAME(median) && SAME(mad) &&
		    SAME(p5) && SAME(p25) && SAME(p75) && SAME(p90) &&
		    SAME(p95) && SAME(p99) && SAME(median_lo) &&
		    SAME(median_hi)))
			bad++;
		if (!(fabs(d.mean - e.mean) <= 1e-13 * fabs(d.mean) &&
		    (SAME(sd) || fabs(d.sd - e.sd) <= 1e-12 * d.sd)))
			badm++;
#undef SAME
	}
	tap_ok(bad == 0, "describe_sel: order statistics as the full sort, "
	    "to the bit (%zu of 608 differ)", bad);
	tap_ok(badm == 0, "describe_sel: mean and sd as the full sort, to "
	    "rounding (%zu of 608 differ)", badm);
	for (i = 0; i < 100; i++)
		a[i] = b[i] = (double)((i * 37) % 100);
	stats_select_ranks(a, 100, k, 6);
	qsort(b, 100, sizeof *b, cmp);
	tap_ok(a[0] == b[0] && a[3] == b[3] && a[10] == b[10] &&
	    a[11] == b[11] && a[99] == b[99], "select_ranks: repeated and "
	    "adjacent ranks in place");
}

/* Fills a[0..n) with shape sh: uniform, two values, constant, ascending,
 * descending, a sawtooth whose period is the sample's stride (so every
 * sampled value is the same), a trend with noise, heavy ties, and a
 * sawtooth one off the stride. */
static void
shape(double *a, size_t n, int sh, unsigned long long *r)
{
	size_t i, stride = n / (size_t)fmin(8 * sqrt((double)n), 4096);

	for (i = 0; i < n; i++) {
		*r = *r * 6364136223846793005ULL + 1442695040888963407ULL;
		double u = (double)(*r >> 11) / 9007199254740992.0;

		a[i] = sh == 0 ? u * 200 - 100 : sh == 1 ? (double)(*r >> 63) :
		    sh == 2 ? -3.5 : sh == 3 ? (double)i : sh == 4 ? -(double)i :
		    sh == 5 ? (double)(i % stride) : sh == 6 ? i * 1e-3 + u :
		    sh == 7 ? (double)(*r >> 60) - 8 : (double)(i % (stride + 1));
	}
}

/* stats_select and stats_select_ranks from the sampled sizes up (where
 * pivots come from a sample of the values) against the full sort, on
 * shapes that defeat samples: each rank holds the sorted value, with no
 * larger value before it and no smaller one after. */
static void
test_select_sampled(void)
{
	static double a[70000], b[70000];
	static const size_t sizes[] = { 2047, 2048, 2049, 9999, 70000 };
	size_t n, i, j, t, sh, k[12], nk, bad = 0, badp = 0, cases = 0;
	unsigned long long r = 7;

	for (t = 0; t < sizeof sizes / sizeof sizes[0]; t++)
		for (sh = 0; sh < 9; sh++) {
			n = sizes[t];
			shape(b, n, (int)sh, &r);
			memcpy(a, b, n * sizeof *a);
			qsort(b, n, sizeof *b, cmp);
			/* One rank alone, then twelve at once. */
			j = (size_t)(r >> 33) % n;
			stats_select(a, n, j);
			bad += a[j] != b[j];
			for (i = 0; i < n; i++)
				badp += i < j ? a[i] > a[j] : a[i] < a[j];
			shape(a, n, (int)sh, &r);
			memcpy(b, a, n * sizeof *b);
			qsort(b, n, sizeof *b, cmp);
			nk = 0;
			k[nk++] = 0;
			k[nk++] = n / 20;
			k[nk++] = n / 20 + 1;
			k[nk++] = n / 4;
			k[nk++] = n / 2 - 1;
			k[nk++] = n / 2;
			k[nk++] = n / 2;
			k[nk++] = n / 2 + 150;
			k[nk++] = 3 * n / 4;
			k[nk++] = n * 99 / 100;
			k[nk++] = n - 2;
			k[nk++] = n - 1;
			stats_select_ranks(a, n, k, nk);
			for (i = 0; i < nk; i++) {
				bad += a[k[i]] != b[k[i]];
				for (j = 0; j < n; j++)
					badp += j < k[i] ? a[j] > a[k[i]] :
					    a[j] < a[k[i]];
			}
			cases++;
		}
	tap_ok(bad == 0, "select, sampled sizes: %zu ranks of %zu cases as the "
	    "full sort", bad, cases);
	tap_ok(badp == 0, "select, sampled sizes: partitioned around each rank "
	    "(%zu values on the wrong side)", badp);
}

int
main(void)
{
	test_empty_and_one();
	test_two_and_constant();
	test_extremes();
	test_quantiles();
	test_mad_and_ci();
	test_outliers();
	test_acc();
	test_geomean();
	test_describe_sel();
	test_select_sampled();
	return tap_done();
}
