/* test_bootstrap.c - the PRNG (published first outputs, bounds,
 * uniformity) and the bootstrap ratio of medians (edge cases, medians by
 * quickselect, reproducibility). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "stats/bootstrap.h"
#include "stats/stats.h"
#include "tap.h"

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
test_rng(void)
{
	struct bootstrap_rng r, q;
	size_t count[10] = { 0 }, i;
	double chi = 0, u, lo = 1, hi = 0;
	int same = 1, zero = 1;

	bootstrap_seed(&r, 0);
	/* splitmix64 started at 0: its first output, as published */
	tap_ok(r.s[0] == 0xe220a8397b1dcdafULL, "splitmix64(0) first output");
	bootstrap_seed(&q, 0);
	for (i = 0; i < 1000; i++)
		same &= bootstrap_next(&r) == bootstrap_next(&q);
	tap_ok(same, "same seed, same stream");
	bootstrap_seed(&q, 1);
	tap_ok(bootstrap_next(&r) != bootstrap_next(&q), "another seed, another stream");
	for (i = 0; i < 100; i++)
		zero &= bootstrap_below(&r, 1) == 0 && bootstrap_below(&r, 0) == 0;
	tap_ok(zero, "bootstrap_below(1) and (0) are 0");
	for (i = 0; i < 100000; i++)
		count[bootstrap_below(&r, 10)]++;
	for (i = 0; i < 10; i++)
		chi += (count[i] - 1e4) * (count[i] - 1e4) / 1e4;
	/* 9 df: P(chi2 > 27.9) = 0.001 */
	tap_ok(chi < 27.9, "bootstrap_below(10) uniform (chi2 %.1f, 9 df)", chi);
	for (i = 0; i < 100000; i++) {
		u = bootstrap_uniform(&r);
		lo = u < lo ? u : lo;
		hi = u > hi ? u : hi;
	}
	tap_ok(lo >= 0 && hi < 1 && lo < 1e-3 && hi > 0.999,
	    "bootstrap_uniform spans [0, 1)");
}

static void
test_ratio(void)
{
	double b[] = { 5, 5, 5, 5 }, c[] = { 10, 10, 10 }, z[] = { 0, 0, 1 };
	double x[60], y[61], s[61];
	struct bootstrap_ratio r, r2;
	struct bootstrap_rng g;
	size_t i, n;
	int ok = 1;

	tap_int(bootstrap_median_ratio(b, 0, c, 3, 0.95, 0, 1, &r), -1,
	    "ratio: empty baseline");
	tap_ok(isnan(r.ratio) && isnan(r.lo), "ratio: empty gives NaN");
	tap_int(bootstrap_median_ratio(b, 4, c, 3, 0.95, 0, 1, &r), 0,
	    "ratio: constant samples");
	tap_ok(r.ratio == 2 && r.lo == 2 && r.hi == 2 &&
	    r.resamples == BOOTSTRAP_RESAMPLES, "ratio: constants give [2, 2], 2000");
	tap_int(bootstrap_median_ratio(z, 3, c, 3, 0.95, 0, 1, &r), -1,
	    "ratio: baseline median 0");
	tap_ok(isnan(r.ratio), "ratio: baseline median 0 is NaN, not inf");
	tap_int(bootstrap_median_ratio(c, 3, z, 3, 0.95, 0, 1, &r), 0,
	    "ratio: candidate median 0 is fine");
	tap_num(r.ratio, 0, 0, 0, "ratio: 0 / 10");
	tap_int(bootstrap_median_ratio(c, 1, c, 3, 0.95, 0, 1, &r), -1,
	    "ratio: n = 1 has no interval");
	tap_ok(r.ratio == 1 && isnan(r.lo), "ratio: n = 1 ratio set, interval NaN");
	tap_int(bootstrap_median_ratio(c, 3, c, 3, 1, 0, 1, &r), -1,
	    "ratio: conf 1 refused");

	/* The medians by quickselect against sorting, odd and even n, ties. */
	bootstrap_seed(&g, 9);
	for (n = 1; n <= 61 && ok; n++) {
		for (i = 0; i < n; i++)
			y[i] = s[i] = (double)bootstrap_below(&g, 7);
		qsort(s, n, sizeof *s, cmp);
		bootstrap_median_ratio(b, 4, y, n, 0.95, 10, 1, &r);
		ok = r.ratio * 5 == stats_median(s, n);
	}
	tap_ok(ok, "quickselect median equals the sorted median, n 1-61");

	for (i = 0; i < 60; i++)
		x[i] = 1 + bootstrap_uniform(&g) * 0.1;
	for (i = 0; i < 61; i++)
		y[i] = 1.05 + bootstrap_uniform(&g) * 0.1;
	bootstrap_median_ratio(x, 60, y, 61, 0.95, 500, 77, &r);
	bootstrap_median_ratio(x, 60, y, 61, 0.95, 500, 77, &r2);
	tap_ok(r.lo == r2.lo && r.hi == r2.hi, "ratio: seeded, reproducible");
	tap_ok(r.lo < r.ratio && r.ratio < r.hi && r.lo > 1,
	    "ratio: interval around the ratio, above 1 for a 5%% shift");
	bootstrap_median_ratio(x, 60, y, 61, 0.95, 500, 78, &r2);
	tap_ok(r.lo != r2.lo || r.hi != r2.hi, "ratio: another seed differs");
}

int
main(void)
{
	test_rng();
	test_ratio();
	return tap_done();
}
