/* test_distrib.c - distributions: closed forms, symmetries, round trips,
 * domain errors (the scipy comparison is tests/stats/check_scipy.py). */
#include <math.h>
#include <stdio.h>

#include "stats/distrib.h"
#include "tap.h"

/* C(n, k) p^k (1-p)^(n-k) summed the direct way, for small n. */
static double
binom_sum(int k, int n, double p)
{
	double s = 0, c = 1;
	int i;

	for (i = 0; i <= k; i++) {
		s += c * pow(p, i) * pow(1 - p, n - i);
		c = c * (n - i) / (i + 1);
	}
	return s;
}

static void
test_normal(void)
{
	double ps[] = { 1e-300, 1e-50, 1e-8, 0.001, 0.02425, 0.2, 0.5, 0.8,
	    0.97575, 0.999 };
	double worst = 0, x;
	size_t i;

	tap_num(distrib_norm_cdf(0), 0.5, 0, 0, "normal cdf(0)");
	tap_num(distrib_norm_quantile(0.975), 1.959963984540054, 1e-15, 0,
	    "normal quantile 0.975");
	tap_num(distrib_norm_quantile(0.5), 0, 0, 0, "normal quantile 0.5 is 0");
	tap_ok(distrib_norm_quantile(0) == -INFINITY &&
	    distrib_norm_quantile(1) == INFINITY, "normal quantile 0 and 1 infinite");
	tap_ok(isnan(distrib_norm_quantile(-0.1)) && isnan(distrib_norm_quantile(1.5)) &&
	    isnan(distrib_norm_quantile(NAN)), "normal quantile outside [0,1] NaN");
	for (i = 0; i < sizeof ps / sizeof *ps; i++) {
		x = distrib_norm_quantile(ps[i]);
		if (fabs(distrib_norm_cdf(x) / ps[i] - 1) > worst)
			worst = fabs(distrib_norm_cdf(x) / ps[i] - 1);
	}
	/* At p = 1e-300, x = -37 and one ulp of x moves the cdf by 3e-13. */
	tap_ok(worst < 1e-12, "normal cdf(quantile(p)) = p to 1e-12 (%.2g)",
	    worst);
	/* sf(40) = 3.7e-350, below the smallest subnormal */
	tap_num(distrib_norm_sf(40), 0, 0, 0, "normal sf(40) underflows to 0");
	tap_num(distrib_norm_sf(-40), 1, 0, 0, "normal sf(-40) is 1");
}

static void
test_t(void)
{
	double ts[] = { -30, -2, -0.5, 0, 0.7, 3, 100 }, dfs[] = { 1, 2, 3.5,
	    17, 250, 3e4, 5e6 };
	double t, worst = 0, sym = 0, r;
	size_t i, j;

	for (i = 0; i < sizeof ts / sizeof *ts; i++) {
		t = ts[i];
		tap_num(distrib_t_cdf(t, 1), 0.5 + atan(t) / M_PI, 1e-13, 1e-300,
		    "t cdf with 1 df is the Cauchy cdf");
		tap_num(distrib_t_cdf(t, 2), 0.5 + t / (2 * sqrt(2 + t * t)), 1e-13,
		    1e-300, "t cdf with 2 df closed form");
	}
	for (i = 0; i < sizeof ts / sizeof *ts; i++)
		for (j = 0; j < sizeof dfs / sizeof *dfs; j++) {
			r = fabs(distrib_t_cdf(ts[i], dfs[j]) -
			    distrib_t_sf(-ts[i], dfs[j]));
			if (r > sym)
				sym = r;
			r = distrib_t_cdf(ts[i], dfs[j]) + distrib_t_sf(ts[i], dfs[j]);
			if (fabs(r - 1) > sym)
				sym = fabs(r - 1);
		}
	tap_ok(sym < 1e-15, "t: cdf(t) = sf(-t) and cdf + sf = 1 (%.2g)", sym);
	tap_num(distrib_t_quantile(0.975, 10), 2.228138851986274, 1e-13, 0,
	    "t quantile 0.975 with 10 df");
	tap_num(distrib_t_quantile(0.975, 1), 12.706204736174707, 1e-14, 0,
	    "t quantile 0.975 with 1 df (closed form)");
	for (j = 0; j < sizeof dfs / sizeof *dfs; j++)
		for (i = 1; i < 6; i++) {
			double p = i == 1 ? 1e-10 : i / 6.0;

			t = distrib_t_quantile(p, dfs[j]);
			r = fabs(distrib_t_cdf(t, dfs[j]) / p - 1);
			if (r > worst)
				worst = r;
		}
	tap_ok(worst < 1e-12, "t cdf(quantile(p)) = p to 1e-12 (%.2g)", worst);
	tap_num(distrib_t_quantile(0.3, INFINITY), distrib_norm_quantile(0.3), 0, 0,
	    "t with infinite df is normal");
	tap_ok(isnan(distrib_t_cdf(1, 0)) && isnan(distrib_t_cdf(1, -3)) &&
	    isnan(distrib_t_quantile(0.5, 0)) && isnan(distrib_t_cdf(NAN, 3)),
	    "t: df <= 0 or NaN gives NaN");
	tap_num(distrib_t_sf(1e200, 3), 0, 0, 1e-300, "t sf(1e200) is 0");
	tap_ok(distrib_t_quantile(1e-300, 1) < -1e299,
	    "t quantile far in the Cauchy tail");
}

/* The incomplete beta and gamma functions themselves: test_specfun.c. */
static void
test_chi2_f(void)
{
	tap_num(distrib_chi2_sf(3.841458820694124, 1), 0.05, 1e-13, 0,
	    "chi-square 1 df critical value");
	tap_num(distrib_chi2_cdf(2, 2), -expm1(-1), 1e-15, 0,
	    "chi-square 2 df closed form");
	tap_num(distrib_f_sf(1, 7, 7), 0.5, 1e-14, 0, "F(1; d, d) = 1/2");
	tap_num(distrib_f_cdf(3, 2, 4) + distrib_f_sf(3, 2, 4), 1, 1e-15, 0,
	    "F cdf + sf = 1");
}

static void
test_binom(void)
{
	double worst = 0, r;
	int n, k;
	long q;

	for (n = 1; n <= 30; n++)
		for (k = 0; k < n; k++) {
			r = fabs(distrib_binom_cdf(k, n, 0.3) - binom_sum(k, n, 0.3));
			if (r > worst)
				worst = r;
		}
	tap_ok(worst < 1e-13, "binomial cdf = direct sum, n 1-30 (%.2g)",
	    worst);
	tap_ok(distrib_binom_cdf(-1, 10, 0.5) == 0 && distrib_binom_cdf(10, 10, 0.5)
	    == 1, "binomial cdf outside the support");
	tap_ok(isnan(distrib_binom_cdf(1, 10.5, 0.5)) &&
	    isnan(distrib_binom_cdf(1, 10, 1.5)), "binomial cdf domain errors");
	/* R: qbinom(0.025, 10, 0.5) = 2, qbinom(0.5, 2, 0.5) = 1 */
	tap_int(distrib_binom_quantile(0.025, 10, 0.5), 2, "qbinom(.025, 10, .5)");
	tap_int(distrib_binom_quantile(0.5, 2, 0.5), 1, "qbinom(.5, 2, .5)");
	/* P(X <= 0) = 1/4 exactly for n = 2: the fuzz keeps k = 0 */
	tap_int(distrib_binom_quantile(0.25, 2, 0.5), 0,
	    "qbinom at an exact cdf value (R's fuzz)");
	q = distrib_binom_quantile(0.3, 1000, 0.2);
	tap_ok(distrib_binom_cdf(q, 1000, 0.2) >= 0.3 &&
	    distrib_binom_cdf(q - 1, 1000, 0.2) < 0.3, "qbinom is the smallest k");
	tap_int(distrib_binom_quantile(1.5, 10, 0.5), -1, "qbinom bad q");
}

int
main(void)
{
	test_normal();
	test_t();
	test_chi2_f();
	test_binom();
	return tap_done();
}
