/* test_gacc.c - one metric's accumulator: exact values and labels within
 * the budget, the budget given back, the switch to a sketch, the
 * decimated series and its doubling stride. */
#include <math.h>
#include <string.h>

#include "gacc.h"
#include "tap.h"

/* Whether the decimated series is every stride-th value 0, 1, 2 ... (and
 * x = 10 y when dx is kept). */
static int
decimated(const struct gacc *a)
{
	size_t i;

	for (i = 0; i < a->dec->len; i++)
		if (a->dec->y[i] != (double)(i * a->dec->stride) ||
		    (a->dec->x && a->dec->x[i] != 10 * a->dec->y[i]))
			return 0;
	return 1;
}

int
main(void)
{
	struct gacc_budget b = { 0, 0, 0.01, 0 };
	struct gacc a;
	size_t i;

	gacc_init(&a, 1, NULL);
	tap_ok(gacc_exact(&a) && a.len == 0 && a.acc.n == 0 && a.withx,
	    "a new accumulator is exact and empty");
	gacc_add(&a, &b, -1, 10, "abc", 3);
	gacc_add(&a, &b, 0, 20, "de", 2);
	gacc_add(&a, &b, 5, NAN, "f", 1);
	tap_int((long long)a.len, 3, "three values");
	tap_ok(a.y[0] == -1 && a.y[2] == 5 && a.x[1] == 20 && isnan(a.x[2]),
	    "  y and x in row order");
	tap_str(a.lab[1], "de", "  with their labels");
	tap_int((long long)a.nonpos, 2, "  two of them <= 0");
	tap_num(stats_acc_mean(&a.acc), 4.0 / 3, 1e-15, 0, "  and their mean");
	/* Three values: room for 2, then 4 (small groups stay small). */
	tap_int((long long)b.used, 4 * 2 * 8 + 16 * 3 + 6,
	    "budget: 4 slots of y and x, 16 bytes and the text per label");
	gacc_free(&a, &b);
	tap_int((long long)b.used, 0, "freeing gives the budget back");

	/* 4 KiB: one accumulator may hold 1 KiB, 128 values of y alone. */
	b.limit = 4096;
	gacc_init(&a, 0, NULL);
	for (i = 0; i < 128; i++)
		gacc_add(&a, &b, (double)i, NAN, NULL, 0);
	tap_ok(gacc_exact(&a) && b.used == 1024, "128 values fit the budget");
	gacc_add(&a, &b, 128, NAN, NULL, 0);
	tap_ok(!gacc_exact(&a) && a.y == NULL && a.len == 0,
	    "the 129th moves them to a sketch");
	tap_int((long long)b.used, 0, "  budget given back");
	tap_int((long long)b.nsketched, 1, "  counted");
	tap_int((long long)a.sk->n, 129, "  the sketch has every value");
	tap_ok(a.dec->len == 129 && a.dec->stride == 1 && a.dec->x == NULL &&
	    decimated(&a), "  the decimated series every value, no x");
	for (i = 129; i < 3000; i++)
		gacc_add(&a, &b, (double)i, NAN, NULL, 0);
	tap_int((long long)a.acc.n, 3000, "3000 values counted");
	tap_ok(a.dec->stride == 4 && a.dec->len == 750 && decimated(&a),
	    "  every 4th kept (%zu of stride %zu)", a.dec->len, a.dec->stride);
	tap_num(sketch_quantile(a.sk, 0.5), 1499.5, 0.01, 0, "  sketch median");
	gacc_free(&a, &b);
	tap_int((long long)b.used, 0, "a sketched accumulator frees to 0");

	b.limit = 1024;
	b.nsketched = 0;
	gacc_init(&a, 1, NULL);
	for (i = 0; i < 2000; i++)
		gacc_add(&a, &b, (double)i, 10.0 * (double)i, "l", 1);
	tap_ok(!gacc_exact(&a) && a.lab == NULL && b.used == 0,
	    "labels go with the values into the sketch");
	tap_ok(a.dec->stride == 2 && a.dec->len == 1000 && a.dec->x != NULL &&
	    decimated(&a), "  the decimated series keeps x");
	gacc_free(&a, &b);

	/* A group's axis: metrics with a value in every row read x from it;
	 * one that misses a row keeps its own from there (the earlier x
	 * copied); one that starts late keeps its own from the start. */
	{
		struct gaxis ax;
		struct gacc full, gap, late;
		const double *x;
		int ok = 1;

		b.limit = 0;
		b.used = 0;
		gaxis_init(&ax);
		gacc_init(&full, 1, &ax);
		gacc_init(&gap, 1, &ax);
		gacc_init(&late, 1, &ax);
		for (i = 0; i < 100; i++) {
			gaxis_add(&ax, &b, 1000.0 + (double)i);
			gacc_add(&full, &b, (double)i, 1000.0 + (double)i, NULL, 0);
			if (i != 40)
				gacc_add(&gap, &b, (double)i, 1000.0 + (double)i,
				    NULL, 0);
			if (i >= 10)
				gacc_add(&late, &b, (double)i, 1000.0 +
				    (double)i, NULL, 0);
		}
		tap_ok(full.shared && full.x == NULL && !gap.shared &&
		    !late.shared && ax.users == 1, "axis: read by the metric "
		    "with every row only");
		x = gacc_xs(&full);
		for (i = 0; i < 100; i++)
			ok &= x[i] == 1000.0 + (double)i;
		x = gacc_xs(&gap);
		for (i = 0; i < 99; i++)
			ok &= x[i] == 1000.0 + (double)(i < 40 ? i : i + 1) &&
			    gap.y[i] == (double)(i < 40 ? i : i + 1);
		x = gacc_xs(&late);
		for (i = 0; i < 90; i++)
			ok &= x[i] == 1010.0 + (double)i;
		tap_ok(ok, "  each value's x is its row's");
		/* y of 3 metrics (128 slots each), x of 2 of them and of the
		 * axis (128 each). */
		tap_int((long long)b.used, 128 * 8 * 3 + 128 * 8 * 3,
		    "  budget: the axis once, and the x kept apart");
		gacc_free(&full, &b);
		tap_int((long long)ax.users, 0, "  freeing its reader");
		gaxis_add(&ax, &b, 1100);
		tap_ok(ax.dropped && ax.x == NULL, "  drops the axis at the "
		    "next row (none can read it again)");
		gacc_free(&gap, &b);
		gacc_free(&late, &b);
		gaxis_free(&ax, &b);
		tap_int((long long)b.used, 0, "  budget all given back");

		/* Sketched while shared: x goes with the values. */
		b.limit = 4096;
		b.used = 0;
		gaxis_init(&ax);
		gacc_init(&full, 1, &ax);
		for (i = 0; i < 600; i++) {
			gaxis_add(&ax, &b, 10.0 * (double)i);
			gacc_add(&full, &b, (double)i, 10.0 * (double)i, NULL, 0);
		}
		tap_ok(!gacc_exact(&full) && !full.shared && full.dec->x != NULL &&
		    decimated(&full), "axis: a sketched metric's sample keeps "
		    "its x");
		gacc_free(&full, &b);
		gaxis_free(&ax, &b);
		tap_int((long long)b.used, 0, "  budget all given back");
	}
	return tap_done();
}
