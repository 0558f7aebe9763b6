/* test_specfun.c - log beta, incomplete beta and gamma: closed forms,
 * symmetries, tails given through y = 1 - x, domain errors (the scipy
 * comparison is tests/stats/check_scipy.py). */
#include <math.h>

#include "stats/specfun.h"
#include "tap.h"

static void
test_lbeta(void)
{
	tap_num(specfun_lbeta(2.5, 3), lgamma(2.5) + lgamma(3) - lgamma(5.5),
	    1e-14, 0, "lbeta small = lgamma sum");
	tap_num(specfun_lbeta(1, 50), -log(50), 1e-14, 0, "B(1, b) = 1/b");
	tap_num(specfun_lbeta(50, 1), -log(50), 1e-14, 0, "  symmetric");
	tap_num(specfun_lbeta(0.5, 20), lgamma(0.5) + lgamma(20) - lgamma(20.5),
	    1e-13, 0, "lbeta with one large argument");
	tap_num(specfun_lbeta(1e6, 1e6), 2 * lgamma(1e6) - lgamma(2e6),
	    1e-12, 0, "lbeta with both large");
	tap_num(specfun_lbeta(12, 15), lgamma(12) + lgamma(15) - lgamma(27),
	    1e-13, 0, "lbeta at the Stirling switch");
}

static void
test_ibeta(void)
{
	double x;
	int i;

	for (i = 1; i < 10; i++) {
		x = i / 10.0;
		tap_num(specfun_ibeta(x, 1, 1), x, 1e-15, 0, "I_x(1,1) = x");
		tap_num(specfun_ibeta(x, 3, 1), x * x * x, 1e-14, 0,
		    "I_x(3,1) = x^3");
		tap_num(specfun_ibeta(x, 2.5, 7) + specfun_ibeta(1 - x, 7, 2.5),
		    1, 1e-14, 0, "I_x(a,b) + I_1-x(b,a) = 1");
		tap_num(specfun_ibeta(x, 2.5, 7) +
		    specfun_ibeta_xy(x, 1 - x, 2.5, 7, 1), 1, 1e-14, 0,
		    "I_x + upper = 1");
	}
	tap_num(specfun_ibeta_xy(1, 1e-20, 1, 1, 1), 1e-20, 1e-12, 0,
	    "upper tail of 1e-20 kept through y");
	tap_ok(specfun_ibeta(0, 2, 3) == 0 && specfun_ibeta(1, 2, 3) == 1,
	    "ibeta at the ends");
	tap_ok(specfun_ibeta_xy(0, 1, 2, 3, 1) == 1 &&
	    specfun_ibeta_xy(1, 0, 2, 3, 1) == 0, "upper at the ends");
	tap_ok(isnan(specfun_ibeta(1.5, 2, 3)) &&
	    isnan(specfun_ibeta(0.5, 0, 3)) &&
	    isnan(specfun_ibeta(0.5, 2, -1)) && isnan(specfun_ibeta(NAN, 2, 3)),
	    "ibeta domain errors NaN");
}

static void
test_igamma(void)
{
	double x;
	int i;

	for (i = 1; i < 10; i++) {
		x = i / 10.0;
		tap_num(specfun_igamma_p(1, 10 * x), -expm1(-10 * x), 1e-14, 0,
		    "P(1,x) = 1 - e^-x");
		tap_num(specfun_igamma_p(2.5, 10 * x) +
		    specfun_igamma_q(2.5, 10 * x), 1, 1e-15, 0, "P + Q = 1");
	}
	tap_ok(specfun_igamma_p(2, 0) == 0 && specfun_igamma_q(2, 0) == 1 &&
	    specfun_igamma_p(2, INFINITY) == 1 &&
	    specfun_igamma_q(2, INFINITY) == 0, "igamma at 0 and infinity");
	tap_ok(isnan(specfun_igamma_p(0, 1)) &&
	    isnan(specfun_igamma_q(2, -1)) && isnan(specfun_igamma_p(NAN, 1)),
	    "igamma domain errors NaN");
}

int
main(void)
{
	test_lbeta();
	test_ibeta();
	test_igamma();
	return tap_done();
}
