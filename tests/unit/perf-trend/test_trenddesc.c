/* test_trenddesc.c - descriptive JSON of exact and sketched accumulators:
 * values, nulls with their notes, geometric means, keys. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "trenddesc.h"

static struct gacc
exact(double *v, size_t n)
{
	struct gacc a;
	size_t i;

	memset(&a, 0, sizeof a);
	stats_acc_init(&a.acc);
	for (i = 0; i < n; i++)
		stats_acc_add(&a.acc, v[i]);
	a.y = v;
	a.len = a.cap = n;
	return a;
}

static double
num(const json_t *m, const char *k)
{
	const json_t *v = json_object_get(m, k);

	return json_is_number(v) ? json_number_value(v) : NAN;
}

int
main(void)
{
	double v[] = { 4, 1, 3, 2, 100 }, w[10];
	struct gacc a = exact(v, 5), b;
	struct sketch sk;
	json_t *m, *o;
	size_t i;

	m = trenddesc_metric(&a, 7, 0.95);
	tap_int(json_integer_value(json_object_get(m, "n")), 5, "n");
	tap_int(json_integer_value(json_object_get(m, "missing")), 2,
	    "missing = rows - n");
	tap_num(num(m, "median"), 3, 0, 0, "median");
	tap_num(num(m, "p25"), 2, 0, 0, "p25 (type 7)");
	tap_num(num(m, "mad"), 1, 0, 0, "mad");
	tap_num(v[0], 4, 0, 0, "the values are left in row order");
	o = json_object_get(m, "outliers");
	tap_int(json_integer_value(json_object_get(o, "severe")), 1,
	    "100 is a severe outlier");
	tap_ok(json_is_null(json_object_get(json_object_get(m, "median_ci"),
	    "lo")), "median_ci null for n=5");
	tap_str(json_string_value(json_array_get(json_object_get(m, "notes"), 0)),
	    "too few samples for median_ci: n=5, need 6", "  and said so");
	tap_str(json_string_value(json_object_get(m, "quantiles")), "exact",
	    "quantiles exact");
	json_decref(m);

	b = exact(w, 0);
	m = trenddesc_metric(&b, 3, 0.95);
	tap_ok(json_is_null(json_object_get(m, "mean")), "no values: null mean");
	tap_str(json_string_value(json_array_get(json_object_get(m, "notes"), 0)),
	    "no values", "  noted");
	json_decref(m);

	/* A sketched accumulator: exact n and mean, estimated quantiles. */
	for (i = 0; i < 10; i++)
		w[i] = (double)(i + 1);
	b = exact(w, 10);
	b.y = NULL;
	b.len = b.cap = 0;
	sketch_init(&sk, 0.01);
	for (i = 0; i < 10; i++)
		sketch_add(&sk, w[i]);
	b.sk = &sk;
	m = trenddesc_metric(&b, 10, 0.95);
	tap_str(json_string_value(json_object_get(m, "quantiles")), "sketch",
	    "sketched");
	tap_ok(num(m, "relative_error") <= 0.01, "  with its error");
	tap_num(num(m, "mean"), 5.5, 1e-12, 0, "  mean exact");
	tap_num(num(m, "median"), 5.5, 0.01, 0, "  median within 1%");
	tap_ok(fabs(num(m, "median") - 5.5) <=
	    num(json_object_get(m, "error"), "median"), "  and its bound");
	tap_num(num(m, "p90"), 9.1, 0.01, 0, "  p90 within 1%");
	tap_ok(fabs(num(m, "p90") - 9.1) <=
	    num(json_object_get(m, "error"), "p90"), "  and its bound");
	tap_ok(fabs(num(m, "mad") - 2.5) <=
	    num(json_object_get(m, "error"), "mad"), "  mad within its bound");
	tap_ok(num(json_object_get(m, "median_ci"), "lo") <= 3 &&
	    num(json_object_get(m, "median_ci"), "hi") >= 9,
	    "  median_ci holds the exact one (3, 9)");
	json_decref(m);

	/* Clustered far from zero: the sketch of deviations keeps mad,
	 * outliers and the median honest (1e12 +- 1000 read as 1% of 1e12
	 * made every value an outlier). */
	{
		struct sketch s0, s1;
		double c[7] = { -900, -300, -100, 0, 200, 400, 1000 };

		sketch_init(&s0, 0.01);
		sketch_init_ref(&s1, 0.01, 1e12);
		b = exact(c, 7);
		stats_acc_init(&b.acc);
		for (i = 0; i < 7; i++) {
			c[i] += 1e12;
			sketch_add(&s0, c[i]);
			sketch_add(&s1, c[i]);
			stats_acc_add(&b.acc, c[i]);
		}
		b.y = NULL;
		b.len = b.cap = 0;
		b.sk = &s0;
		b.skd = &s1;
		m = trenddesc_metric(&b, 7, 0.95);
		tap_ok(fabs(num(m, "mad") - 300) <= num(json_object_get(m,
		    "error"), "mad") && num(json_object_get(m, "error"), "mad")
		    < 30, "clustered: mad 300 within a bound under 30");
		tap_int(json_integer_value(json_object_get(json_object_get(m,
		    "outliers"), "severe")), 0, "  no outliers");
		json_decref(m);
		sketch_free(&s0);
		sketch_free(&s1);
	}
	sketch_free(&sk);
	tap_int((long long)trenddesc_median_ci_min(0.95), 6,
	    "median interval needs n=6 at 95%");
	return tap_done();
}
