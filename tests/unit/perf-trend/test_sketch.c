/* test_sketch.c - the quantile sketch keeps its stated relative error on
 * skewed, signed and zero-heavy data, merges exactly, and stays small. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "sketch.h"
#include "tap.h"

static uint64_t rng = 88172645463325252ULL;

static double
uniform(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (double)(rng >> 11) / 9007199254740992.0;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Type 7 on sorted data. */
static double
q7(const double *s, size_t n, double q)
{
	double h = (double)(n - 1) * q, lo = floor(h);
	size_t i = (size_t)lo;

	return i + 1 < n ? s[i] + (h - lo) * (s[i + 1] - s[i]) : s[i];
}

/* The worst error of quantiles 0, 0.001, ..., 1 relative to the larger
 * magnitude of the two order statistics around each. */
static double
worst(const struct sketch *sk, double *x, size_t n)
{
	double w = 0, e, h, mag;
	int k;

	qsort(x, n, sizeof *x, cmp);
	for (k = 0; k <= 1000; k++) {
		double q = k / 1000.0;

		h = (double)(n - 1) * q;
		mag = fmax(fabs(x[(size_t)floor(h)]), fabs(x[(size_t)ceil(h)]));
		e = fabs(sketch_quantile(sk, q) - q7(x, n, q));
		if (mag > 0 && e / mag > w)
			w = e / mag;
		else if (mag == 0 && e > 0)
			w = INFINITY;
	}
	return w;
}

static void
guarantee(const char *name, double (*gen)(void), size_t n)
{
	struct sketch sk;
	double *x = malloc(n * sizeof *x), w;
	size_t i;

	sketch_init(&sk, 0.01);
	for (i = 0; i < n; i++) {
		x[i] = gen();
		sketch_add(&sk, x[i]);
	}
	w = worst(&sk, x, n);
	tap_ok(w <= 0.01 * (1 + 1e-9), "%s: worst relative error %.5f <= 0.01",
	    name, w);
	tap_num(sketch_quantile(&sk, 0), x[0], 0, 0, "  q0 is the exact min");
	tap_num(sketch_quantile(&sk, 1), x[n - 1], 0, 0, "  q1 is the exact max");
	sketch_free(&sk);
	free(x);
}

static double
lognormal(void)
{
	return exp(3 * sqrt(-2 * log(uniform() + 1e-300)) *
	    cos(2 * M_PI * uniform()));
}

static double
signed_mix(void)
{
	double u = uniform();

	if (u < 0.1)
		return 0;
	return (u < 0.5 ? -1 : 1) * lognormal();
}

static double
percent(void)
{
	return floor(uniform() * 10000) / 100;
}

/* Whether every range the sketch gives holds the exact answer: type 7
 * quantiles 0, 0.01, ..., 1 and the mad.  Sorts x. */
static int
ranges_hold(const struct sketch *sk, double *x, size_t n)
{
	double lo, hi, m, *d, mad;
	size_t i;
	int k, ok = 1;

	qsort(x, n, sizeof *x, cmp);
	for (k = 0; k <= 100; k++) {
		sketch_quantile_range(sk, k / 100.0, &lo, &hi);
		m = q7(x, n, k / 100.0);
		if (!(lo <= m && m <= hi)) {
			printf("# q %.2f: %.17g outside [%.17g, %.17g]\n",
			    k / 100.0, m, lo, hi);
			ok = 0;
		}
	}
	m = q7(x, n, 0.5);
	d = malloc(n * sizeof *d);
	for (i = 0; i < n; i++)
		d[i] = fabs(x[i] - m);
	qsort(d, n, sizeof *d, cmp);
	mad = q7(d, n, 0.5);
	free(d);
	sketch_quantile_range(sk, 0.5, &lo, &hi);
	sketch_mad_range(sk, lo, hi, &lo, &hi);
	if (!(lo <= mad && mad <= hi)) {
		printf("# mad %.17g outside [%.17g, %.17g]\n", mad, lo, hi);
		ok = 0;
	}
	return ok;
}

/* The ranges on awkward data: 60 decades (collapsed buckets), values
 * clustered at 1e12, signed, constant; with and without a reference. */
static void
test_ranges(void)
{
	enum { N = 20000 };
	double *x = malloc(N * sizeof *x), lo, hi;
	struct sketch a, b;
	size_t i;
	int set;

	for (set = 0; set < 4; set++) {
		for (i = 0; i < N; i++) {
			double u = uniform();

			x[i] = set == 0 ? pow(10, -30 + 60 * u) :
			    set == 1 ? 1e12 + 2000 * (u - 0.5) :
			    set == 2 ? (u - 0.3) * exp(20 * uniform()) : 42.5;
		}
		sketch_init(&a, 0.01);
		sketch_init_ref(&b, 0.01, set == 1 ? 1e12 + 3 : 1);
		for (i = 0; i < N; i++) {
			sketch_add(&a, x[i]);
			sketch_add(&b, x[i]);
		}
		if (set == 0)
			tap_ok(a.collapsed, "60 decades collapse buckets");
		tap_ok(ranges_hold(&a, x, N), "set %d: the ranges hold", set);
		tap_ok(ranges_hold(&b, x, N), "set %d: with a reference too",
		    set);
		if (set == 1) {
			sketch_quantile_range(&b, 0.5, &lo, &hi);
			tap_ok(hi - lo < 50, "  a reference narrows 1e12 +- "
			    "1000 to %g", hi - lo);
		}
		if (set == 3) {
			sketch_quantile_range(&a, 0.3, &lo, &hi);
			tap_ok(lo == 42.5 && hi == 42.5, "  constant: exact");
			sketch_quantile_range(&b, 0.3, &lo, &hi);
			tap_ok(lo == 42.5 && hi == 42.5, "  constant: exact "
			    "with a reference");
		}
		sketch_free(&a);
		sketch_free(&b);
	}
	free(x);
}

int
main(void)
{
	struct sketch a, b, all;
	double v;
	uint64_t c;
	size_t i;

	sketch_init(&a, 0.01);
	tap_ok(isnan(sketch_quantile(&a, 0.5)), "empty: quantile is NaN");
	tap_ok(isnan(sketch_mad(&a, 0)), "empty: mad is NaN");
	sketch_add(&a, NAN);
	sketch_add(&a, INFINITY);
	tap_int((long long)a.n, 0, "NaN and infinity are not added");
	sketch_add(&a, 42);
	tap_num(sketch_quantile(&a, 0.5), 42, 0, 0, "one value: its median");
	tap_ok(isnan(sketch_quantile(&a, 1.5)), "q outside [0, 1] is NaN");
	sketch_free(&a);

	guarantee("lognormal 200k", lognormal, 200000);
	guarantee("signed with zeros 100k", signed_mix, 100000);
	guarantee("percentages with ties 100k", percent, 100000);

	/* Merging two halves equals adding everything to one. */
	sketch_init(&a, 0.01);
	sketch_init(&b, 0.01);
	sketch_init(&all, 0.01);
	for (i = 0; i < 50000; i++) {
		v = signed_mix();
		sketch_add(i % 2 ? &a : &b, v);
		sketch_add(&all, v);
	}
	tap_int(sketch_merge(&a, &b), 0, "merge");
	for (i = 0, c = 1; i <= 100; i++)
		if (sketch_quantile(&a, i / 100.0) !=
		    sketch_quantile(&all, i / 100.0))
			c = 0;
	tap_int((long long)c, 1, "  merged quantiles equal one sketch's");
	tap_int((long long)a.n, 50000, "  merged count");
	sketch_free(&b);
	sketch_init(&b, 0.02);
	tap_int(sketch_merge(&a, &b), -1, "merge refuses another accuracy");
	sketch_free(&a);
	sketch_free(&b);

	/* Memory: a million values over twelve decades. */
	for (i = 0; i < 1000000; i++)
		sketch_add(&all, pow(10, 12 * uniform() - 6));
	tap_ok(sketch_bytes(&all) <= sizeof all + 2 * SKETCH_MAXBINS * 8,
	    "1e6 values in %zu bytes", sketch_bytes(&all));
	tap_int(all.collapsed, 0, "  twelve decades need no collapsing");
	tap_int((long long)all.per_octave, 50, "  50 buckets per octave at 1%");
	sketch_free(&all);

	/* A span beyond the bucket limit collapses the smallest magnitudes. */
	sketch_init(&a, 0.01);
	for (i = 0; i < 1000; i++)
		sketch_add(&a, pow(10, (double)(i % 600) - 299));
	tap_int(a.collapsed, 1, "600 decades collapse");
	tap_ok(a.pos.nbins <= SKETCH_MAXBINS, "  within %d buckets",
	    SKETCH_MAXBINS);
	v = sketch_quantile(&a, 0.99);
	tap_ok(fabs(v - 1e295) / 1e295 <= 0.011 || v > 1e290,
	    "  large quantiles keep their accuracy");
	sketch_free(&a);

	/* MAD and counts outside a range, on known data 1..101. */
	sketch_init(&a, 0.01);
	for (i = 1; i <= 101; i++)
		sketch_add(&a, (double)i);
	tap_num(sketch_mad(&a, sketch_quantile(&a, 0.5)), 25, 0.03, 0,
	    "mad of 1..101 within the error");
	tap_int((long long)sketch_count_outside(&a, 10.5, 90.5), 21,
	    "count outside [10.5, 90.5]");
	sketch_free(&a);
	test_ranges();
	return tap_done();
}
