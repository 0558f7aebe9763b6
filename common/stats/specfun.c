/* specfun.c - special functions under the distributions: log beta, the
 * regularized incomplete beta and gamma functions. */
#include <math.h>

#include "specfun.h"

/*
 * Stirling's series remainder: lgamma(x) = (x - 1/2) log x - x +
 * log sqrt(2 pi) + stirl(x).  For x >= 10 the terms kept leave an error
 * below 1e-15.
 */
static double
stirl(double x)
{
	double r = 1 / x, r2 = r * r;

	return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 -
	    r2 * (1.0 / 1680 - r2 * (1.0 / 1188 - r2 * 691.0 / 360360)))));
}

/* As R's lbeta: the Stirling form when both arguments are large, a
 * difference of Stirling forms when one is. */
double
specfun_lbeta(double a, double b)
{
	double p = fmin(a, b), q = fmax(a, b);

	if (p >= 10)
		return SPECFUN_LN_SQRT_2PI - 0.5 * log(q) + stirl(p) +
		    stirl(q) - stirl(p + q) + (p - 0.5) * log(p / (p + q)) +
		    q * log1p(-p / (p + q));
	if (q >= 10)
		/* lgamma(q) - lgamma(p + q) by Stirling, without cancelling. */
		return lgamma(p) + stirl(q) - stirl(p + q) + p - p * log(p + q) +
		    (q - 0.5) * log1p(-p / (p + q));
	return lgamma(p) + lgamma(q) - lgamma(p + q);
}

#define TINY 1e-300	/* keeps the Lentz denominators off zero */

/*
 * One step of the modified Lentz method for a continued fraction
 * b0 + a1 / (b1 + a2 / (b2 + ...)): updates c and d with the step's a and
 * b and returns the factor that multiplies the convergent.
 */
static double
lentz(double *c, double *d, double a, double b)
{
	*d = b + a * *d;
	if (fabs(*d) < TINY)
		*d = TINY;
	*c = b + a / *c;
	if (fabs(*c) < TINY)
		*c = TINY;
	*d = 1 / *d;
	return *d * *c;
}

/*
 * The continued fraction for I_x(a, b) by the modified Lentz method
 * (Numerical Recipes' betacf, rewritten), given y = 1 - x as well.
 * Converges quickly for x < (a + 1) / (a + b + 2).  NaN when it does not
 * converge.
 */
static double
betacf(double a, double b, double x, double y)
{
	double c = 1, d, h, del, aa, qab = a + b, qap = a + 1, qam = a - 1;
	int m, m2, maxit;

	maxit = 1000 + (int)(20 * sqrt(a + b));
	/* d = 1 - qab x / qap; for b <= 1 as (1 - b + qab y) / qap, a sum
	 * of two non-negative terms, which does not cancel as a -> inf. */
	d = b <= 1 ? (1 - b + qab * y) / qap : 1 - qab * x / qap;
	if (fabs(d) < TINY)
		d = TINY;
	d = 1 / d;
	h = d;
	for (m = 1; m <= maxit; m++) {
		m2 = 2 * m;
		aa = m * (b - m) * x / ((qam + m2) * (a + m2));
		h *= lentz(&c, &d, aa, 1);
		aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
		del = lentz(&c, &d, aa, 1);
		h *= del;
		if (fabs(del - 1) < 1e-16)
			return h;
	}
	return NAN;
}

double
specfun_ibeta_xy(double x, double y, double a, double b, int upper)
{
	double bt, v, lx, ly;

	if (isnan(x) || isnan(y) || !(a > 0) || !(b > 0) || x < 0 || y < 0)
		return NAN;
	if (x == 0)
		return upper ? 1 : 0;
	if (y == 0)
		return upper ? 0 : 1;
	/* The logs from whichever of x and y is the small, accurate one:
	 * with a = 5e6, log(x) must be right to the last bit. */
	lx = x < 0.5 ? log(x) : log1p(-y);
	ly = y < 0.5 ? log(y) : log1p(-x);
	bt = exp(a * lx + b * ly - specfun_lbeta(a, b));
	if (x < (a + 1) / (a + b + 2)) {
		v = bt * betacf(a, b, x, y) / a;
		return upper ? 1 - v : v;
	}
	v = bt * betacf(b, a, y, x) / b;
	return upper ? v : 1 - v;
}

double
specfun_ibeta(double x, double a, double b)
{
	if (!(x >= 0 && x <= 1))
		return NAN;
	return specfun_ibeta_xy(x, 1 - x, a, b, 0);
}

/* P(a, x) or Q(a, x) (upper set): the series for x < a + 1, else the
 * continued fraction (modified Lentz). */
static double
igamma(double a, double x, int upper)
{
	double pre, sum, del, ap, b, c, d, h, an;
	int n, maxit;

	if (isnan(a) || isnan(x) || !(a > 0) || x < 0)
		return NAN;
	if (x == 0)
		return upper ? 1 : 0;
	if (isinf(x))
		return upper ? 0 : 1;
	pre = exp(-x + a * log(x) - lgamma(a));
	maxit = 1000 + (int)(20 * sqrt(a));
	if (x < a + 1) {
		ap = a;
		sum = del = 1 / a;
		for (n = 0; n < maxit; n++) {
			ap += 1;
			del *= x / ap;
			sum += del;
			if (fabs(del) < fabs(sum) * 1e-17)
				return upper ? 1 - sum * pre : sum * pre;
		}
		return NAN;
	}
	b = x + 1 - a;
	c = 1 / TINY;
	d = 1 / b;
	h = d;
	for (n = 1; n <= maxit; n++) {
		an = -n * (n - a);
		b += 2;
		del = lentz(&c, &d, an, b);
		h *= del;
		if (fabs(del - 1) < 1e-16)
			return upper ? pre * h : 1 - pre * h;
	}
	return NAN;
}

double
specfun_igamma_p(double a, double x)
{
	return igamma(a, x, 0);
}

double
specfun_igamma_q(double a, double x)
{
	return igamma(a, x, 1);
}
