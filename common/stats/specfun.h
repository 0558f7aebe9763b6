/* specfun.h - special functions under the distributions of distrib.h:
 * log beta and the regularized incomplete beta and gamma functions. */
#ifndef SPECFUN_H
#define SPECFUN_H

#define SPECFUN_LN_SQRT_2PI 0.918938533204672741780329736406

/*
 * Every function returns NaN for arguments outside its domain (NaN input,
 * a or b <= 0, x outside its range) and when a continued fraction does
 * not converge; none exits or prints.
 */

/* log B(a, b) for a, b > 0, without the cancellation of lgamma
 * differences when an argument is large. */
double specfun_lbeta(double a, double b);

/* The regularized incomplete beta function I_x(a, b), a, b > 0,
 * 0 <= x <= 1 (Lentz continued fraction). */
double specfun_ibeta(double x, double a, double b);
/* I_x(a, b) given both x and y = 1 - x, each computed accurately by the
 * caller; 1 - I_x(a, b) instead when upper is set, so that a small upper
 * tail is never found as 1 minus something close to 1. */
double specfun_ibeta_xy(double x, double y, double a, double b, int upper);

/* The regularized lower and upper incomplete gamma functions P(a, x) and
 * Q(a, x) = 1 - P(a, x), a > 0, x >= 0 (series / continued fraction). */
double specfun_igamma_p(double a, double x);
double specfun_igamma_q(double a, double x);

#endif
