/* test_downsample.c - downsample: buckets merged in pairs keep every
 * row's minimum and maximum, the mean, and unknown values apart. */
#include <math.h>

#include "downsample.h"
#include "tap.h"

int
main(void)
{
	struct downsample d;
	double v[2], sum;
	size_t b, rows;
	long i;
	int ok;

	downsample_init(&d, 2, 0);
	tap_int((long long)d.cap, 2, "a capacity below 2 is 2");
	downsample_free(&d);
	downsample_init(&d, 2, 7);
	tap_int((long long)d.cap, 8, "an odd capacity rounds up");
	downsample_free(&d);

	/* Fewer rows than buckets: one row per bucket, exact. */
	downsample_init(&d, 2, 10);
	for (i = 0; i < 5; i++) {
		v[0] = (double)i;
		v[1] = NAN;
		downsample_add(&d, 100 + (double)i, v);
	}
	tap_int((long long)d.nb, 5, "5 rows, 5 buckets");
	tap_num(downsample_time(&d, 2), 102, 0, 0, "a bucket of one row at its time");
	tap_ok(isnan(downsample_mean(&d, 0, 1)) && isnan(downsample_min(&d, 0, 1)),
	    "an unknown value stays unknown");
	downsample_free(&d);

	/* 100,000 rows into at most 1000 buckets: one spike survives. */
	downsample_init(&d, 2, 1000);
	for (i = 0; i < 100000; i++) {
		v[0] = i == 54321 ? 1000 : i == 7777 ? -5 : 1;
		v[1] = i % 2 ? (double)i : NAN;
		downsample_add(&d, (double)i, v);
	}
	tap_ok(d.nb <= 1000 && d.nb > 500, "bounded: %zu buckets", d.nb);
	tap_int((long long)d.rows, 100000, "every row counted");
	rows = 0;
	sum = 0;
	ok = 0;
	for (b = 0; b < d.nb; b++) {
		rows += d.brows[b];
		sum += downsample_mean(&d, b, 0) * (double)d.brows[b];
		if (downsample_max(&d, b, 0) == 1000)
			ok |= 1;
		if (downsample_min(&d, b, 0) == -5)
			ok |= 2;
	}
	tap_int((long long)rows, 100000, "the buckets hold every row");
	tap_ok(ok == 3, "the peak and the trough survive");
	tap_num(sum, 100000 - 2 + 1000 - 5, 1e-12, 0, "means weigh back to the total");
	tap_num(downsample_max(&d, d.nb - 1, 1), 99999, 0, 0,
	    "the last bucket's maximum of a metric known every other row");
	tap_ok(d.t0[0] == 0 && d.t1[d.nb - 1] == 99999, "the time range kept");
	for (b = 1, ok = 1; b < d.nb; b++)
		ok &= d.t0[b] > d.t1[b - 1];
	tap_ok(ok, "buckets in time order, not overlapping");
	downsample_free(&d);
	return tap_done();
}
