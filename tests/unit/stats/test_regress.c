/* test_regress.c - OLS, Theil-Sen and threshold forecasts: values worked
 * by hand, edge cases (n = 0, 1, 2, constant y, equal x, ties in x),
 * refused input.  tests/stats/check_trend.py compares with scipy. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "stats/regress.h"
#include "tap.h"

static void
ols_hand(void)
{
	double x[] = { 1, 2, 3, 4, 5 }, y[] = { 2.1, 3.9, 6.2, 7.8, 10.1 };
	struct regress_ols r;
	struct perr e;

	/* Sxy = 19.9, Sxx = 10, Syy = 39.708, ybar = 6.02; SSE = 0.107. */
	tap_int(regress_ols(x, y, 5, 0.05, &r, &e), 0, "ols by hand");
	tap_num(r.slope, 1.99, 1e-14, 0, "slope");
	tap_num(r.intercept, 0.05, 1e-12, 0, "intercept");
	tap_num(r.slope_se, sqrt(0.107 / 3 / 10), 1e-12, 0, "slope se");
	tap_num(r.intercept_se, sqrt(0.107 / 3 * (0.2 + 9.0 / 10)), 1e-12, 0,
	    "intercept se");
	tap_num(r.r2, 19.9 * 19.9 / (10 * 39.708), 1e-13, 0, "r2");
	tap_ok(r.p < 1e-4 && r.p > 0, "p is small");
	tap_str(regress_dir_name(r.dir), "rising", "direction");
	tap_ok(r.slope_lo < 1.99 && r.slope_hi > 1.99, "slope in its interval");
	tap_num(r.xmax, 5, 0, 0, "last x");
}

static void
ols_edges(void)
{
	double x[] = { 1, 2, 3, 4, 5 }, k[] = { 4, 4, 4, 4, 4 };
	double line[] = { 3, 5, 7, 9, 11 }, bad[] = { 1, 2, NAN, 4, 5 };
	struct regress_ols r;
	struct perr e;

	tap_int(regress_ols(x, k, 0, 0.05, &r, &e), 0, "n = 0 is no error");
	tap_ok(isnan(r.slope) && isnan(r.p) && r.dir == REGRESS_FLAT,
	    "n = 0: all unknown, flat");
	regress_ols(x, line, 1, 0.05, &r, &e);
	tap_ok(isnan(r.slope) && isnan(r.intercept), "n = 1: unknown");
	regress_ols(x, line, 2, 0.05, &r, &e);
	tap_num(r.slope, 2, 0, 0, "n = 2: slope");
	tap_num(r.intercept, 1, 0, 0, "n = 2: intercept");
	tap_ok(isnan(r.slope_se) && isnan(r.p) && isnan(r.slope_lo),
	    "n = 2: no standard error, p or interval");
	tap_str(regress_dir_name(r.dir), "flat", "n = 2: flat");

	regress_ols(x, k, 5, 0.05, &r, &e);
	tap_num(r.slope, 0, 0, 0, "constant y: slope 0");
	tap_num(r.p, 1, 0, 0, "constant y: p 1");
	tap_num(r.r2, 0, 0, 0, "constant y: r2 0");
	tap_str(regress_dir_name(r.dir), "flat", "constant y: flat");

	regress_ols(x, line, 5, 0.05, &r, &e);
	tap_num(r.p, 0, 0, 0, "exact line: p 0");
	tap_num(r.slope_se, 0, 0, 0, "exact line: se 0");
	tap_str(regress_dir_name(r.dir), "rising", "exact line: rising");

	regress_ols(k, line, 5, 0.05, &r, &e);
	tap_ok(isnan(r.slope) && isnan(r.r2), "all x equal: unknown slope");

	tap_int(regress_ols(x, bad, 5, 0.05, &r, &e), -1, "NaN refused");
	tap_str(e.msg, "regression: point 3 is not finite", "its reason");
	tap_int(regress_ols(x, line, 5, 1, &r, &e), -1, "alpha 1 refused");
	tap_str(e.msg, "regression: significance 1 is not between 0 and 1",
	    "its reason");

	/* Epoch seconds keep their precision: y = 0.5 (x - x0). */
	{
		double ex[4], ey[4];
		int i;

		for (i = 0; i < 4; i++) {
			ex[i] = 1.7e9 + 60 * i;
			ey[i] = 30.0 * i + (i % 2 ? 0.25 : -0.25);
		}
		regress_ols(ex, ey, 4, 0.05, &r, &e);
		/* dx = -90 -30 30 90 (Sxx 18000), dy = -45.25 -14.75 14.75
		 * 45.25: Sxy = 2 (90 45.25 + 30 14.75) = 9030. */
		tap_num(r.slope, 9030.0 / 18000, 1e-12, 0, "epoch x: slope");
		tap_num(r.ymean + r.slope * (ex[3] - r.xmean), 45 + 9030.0 /
		    18000 * 90, 1e-12, 0, "epoch x: fitted value, last x");
		tap_num(r.intercept, 45 - 9030.0 / 18000 * (1.7e9 + 90), 1e-12,
		    0, "epoch x: intercept at time 0");
	}
}

static void
ts_cases(void)
{
	double x[] = { 1, 2, 3, 4, 5 }, y[] = { 2.1, 3.9, 6.2, 7.8, 10.1 };
	double vx[] = { 1, 1, 2, 2 }, vy[] = { 0, 10, 1, 11 };
	double k[] = { 4, 4, 4, 4, 4 }, nan[] = { 1, NAN };
	struct regress_theilsen r;
	struct perr e;

	/* Slopes: 1.8 2.05 1.9 2 2.3 1.95 2.0667 1.6 1.95 2.3; sorted, the
	 * 5th and 6th are 1.95 and 2. */
	tap_int(regress_theilsen(x, y, 5, 0.05, &r, &e), 0, "theil-sen");
	tap_num(r.slope, 1.975, 1e-14, 0, "slope: median of the slopes");
	tap_num(r.intercept, 6.2 - 1.975 * 3, 1e-14, 0,
	    "intercept: median y - slope median x");
	tap_ok(r.exact == 1, "exact");
	/* Sen: nt 10, sigma^2 = 5 4 15 / 18, z sigma = -8.001: ranks
	 * round(0.9995) - 1 = 0 and round(9.0005) = 9 (0-based). */
	tap_num(r.slope_lo, 1.6, 1e-14, 0, "Sen's interval, low");
	tap_num(r.slope_hi, 2.3, 1e-14, 0, "Sen's interval, high");
	tap_str(regress_dir_name(r.dir), "rising", "rising: low > 0");

	/* Vertical steps (ties in x): the slopes with dx != 0 are -9 1 1 11;
	 * sigma^2 = (156 - 2 * 18) / 18, ranks 0 and 3. */
	regress_theilsen(vx, vy, 4, 0.05, &r, &e);
	tap_num(r.slope, 1, 0, 0, "ties in x: slope");
	tap_num(r.intercept, 5.5 - 1.5, 0, 0, "ties in x: intercept");
	tap_num(r.slope_lo, -9, 0, 0, "ties in x: low");
	tap_num(r.slope_hi, 11, 0, 0, "ties in x: high");
	tap_str(regress_dir_name(r.dir), "flat", "ties in x: flat");

	regress_theilsen(x, k, 5, 0.05, &r, &e);
	tap_ok(r.slope == 0 && r.slope_lo == 0 && r.slope_hi == 0,
	    "constant y: slope and interval 0");
	regress_theilsen(x, y, 2, 0.05, &r, &e);
	tap_ok(fabs(r.slope - 1.8) < 1e-14 && r.slope_lo == r.slope &&
	    r.slope_hi == r.slope, "n = 2: the one slope");
	regress_theilsen(x, y, 1, 0.05, &r, &e);
	tap_ok(isnan(r.slope) && isnan(r.slope_lo), "n = 1: unknown");
	regress_theilsen(x, y, 0, 0.05, &r, &e);
	tap_ok(isnan(r.slope), "n = 0: unknown");
	regress_theilsen(k, y, 5, 0.05, &r, &e);
	tap_ok(isnan(r.slope) && r.dir == REGRESS_FLAT,
	    "all x equal: unknown, flat");
	tap_int(regress_theilsen(x, nan, 2, 0.05, &r, &e), -1,
	    "NaN refused");
}

/* Beyond REGRESS_TS_EXACT_MAX points the slope is estimated from sampled
 * pairs: close to the truth, deterministic. */
static void
ts_sampled(void)
{
	static double x[12000], y[12000];
	struct regress_theilsen r, r2;
	struct perr e;
	int i;

	for (i = 0; i < 12000; i++) {
		x[i] = i;
		/* A deterministic spread of -1..1 around y = 0.003 x. */
		y[i] = 0.003 * i + sin(i * 12.9898) * 1.0;
	}
	regress_theilsen(x, y, 12000, 0.05, &r, &e);
	tap_ok(r.exact == 0, "12000 points: sampled");
	tap_num(r.slope, 0.003, 1e-3, 0, "12000 points: slope near 0.003");
	tap_ok(r.slope_lo < 0.003 && r.slope_hi > 0.003 &&
	    r.slope_hi - r.slope_lo < 1e-4, "12000 points: a narrow interval "
	    "around the truth");
	regress_theilsen(x, y, 12000, 0.05, &r2, &e);
	tap_ok(r.slope == r2.slope && r.slope_lo == r2.slope_lo,
	    "sampling is deterministic");
}

static void
forecast(void)
{
	double x[10], y[10], k[10];
	struct regress_ols r;
	struct regress_forecast f;
	struct perr e;
	int i;

	for (i = 0; i < 10; i++) {
		x[i] = i;
		y[i] = i + (i % 2 ? 0.1 : -0.1);
		k[i] = 5 + (i % 2 ? 0.1 : -0.1);
	}
	regress_ols(x, y, 10, 0.05, &r, &e);
	regress_cross(&r, 20, 0, &f);
	tap_str(regress_cross_name(f.status), "ahead", "rising to 20: ahead");
	tap_num(f.t, r.xmean + (20 - r.ymean) / r.slope, 1e-12, 0,
	    "crossing of the line");
	tap_ok(f.t_lo < f.t && f.t < f.t_hi && f.t_hi - f.t_lo < 2,
	    "the band's earliest and latest around it");
	regress_cross(&r, 20, 1, &f);
	tap_str(regress_cross_name(f.status), "ahead", "upper limit: ahead");
	regress_cross(&r, 20, -1, &f);
	tap_str(regress_cross_name(f.status), "reached",
	    "lower limit 20 above the data: reached");
	tap_ok(isnan(f.t), "reached: no time");
	regress_cross(&r, -3, 0, &f);
	tap_str(regress_cross_name(f.status), "reached",
	    "rising, past -3 already: reached");
	tap_num(f.t, r.xmean + (-3 - r.ymean) / r.slope, 1e-12, 0,
	    "  since the line went through it");
	regress_cross(&r, -3, -1, &f);
	tap_str(regress_cross_name(f.status), "never",
	    "rising away from a lower limit of -3: never");
	regress_ols(x, k, 10, 0.05, &r, &e);
	regress_cross(&r, 20, 0, &f);
	tap_str(regress_cross_name(f.status), "no_trend",
	    "no significant trend: said so");
	tap_ok(isnan(f.t) && isnan(f.t_lo) && isnan(f.t_hi),
	    "no trend: no times");
	regress_cross(&r, 20, 1, &f);
	tap_str(regress_cross_name(f.status), "never",
	    "no trend, an upper limit above: never");
	regress_ols(x, k, 1, 0.05, &r, &e);
	regress_cross(&r, 20, 0, &f);
	tap_str(regress_cross_name(f.status), "never", "one point: never");
	/* An exact line has no band: all three times agree. */
	for (i = 0; i < 10; i++)
		y[i] = 2 * i + 1;
	regress_ols(x, y, 10, 0.05, &r, &e);
	regress_cross(&r, 41, 0, &f);
	tap_str(regress_cross_name(f.status), "ahead", "exact line: ahead");
	tap_num(f.t, 20, 1e-14, 0, "exact line: reaches 41 at 20");
	tap_num(f.t_lo, 20, 1e-12, 0, "exact line: earliest 20");
	tap_num(f.t_hi, 20, 1e-12, 0, "exact line: latest 20");
}

int
main(void)
{
	ols_hand();
	ols_edges();
	ts_cases();
	ts_sampled();
	forecast();
	return tap_done();
}
