/* distrib.h - probability distributions: normal, Student t, F, chi-square
 * and binomial (on the special functions of specfun.h). */
#ifndef DISTRIB_H
#define DISTRIB_H

/*
 * Every function returns NaN for arguments outside its domain (a
 * probability outside [0, 1], df <= 0, NaN input) and never exits or
 * prints.  Quantiles return -inf and +inf at p = 0 and p = 1 where the
 * support is unbounded.  Accuracy against scipy.stats: about 1e-13
 * relative for the normal, 1e-10 or better for continued-fraction based
 * ones in the ranges perfpipe uses (see tests/stats/check_scipy.py).
 */

/* Standard normal cdf P(Z <= x), upper tail P(Z > x), density. */
double distrib_norm_cdf(double x);
double distrib_norm_sf(double x);
double distrib_norm_pdf(double x);
/* Standard normal quantile: Acklam's rational approximation refined by
 * Halley steps on erfc, full double precision, also far in the tails. */
double distrib_norm_quantile(double p);

/* Student t with df > 0 degrees of freedom (df may be fractional, as
 * Welch's df is): cdf, upper tail, density, quantile. */
double distrib_t_cdf(double t, double df);
double distrib_t_sf(double t, double df);
double distrib_t_pdf(double t, double df);
double distrib_t_quantile(double p, double df);

/* Chi-square with k > 0 degrees of freedom: cdf and upper tail. */
double distrib_chi2_cdf(double x, double k);
double distrib_chi2_sf(double x, double k);
/* F with d1, d2 > 0 degrees of freedom: cdf and upper tail. */
double distrib_f_cdf(double x, double d1, double d2);
double distrib_f_sf(double x, double d1, double d2);

/* Binomial(n, p): P(X <= k) (0 for k < 0, 1 for k >= n), and the
 * quantile as R's qbinom: the smallest k with P(X <= k) >= q (with R's
 * relative fuzz of 64 DBL_EPSILON); -1 on bad arguments. */
double distrib_binom_cdf(double k, double n, double p);
long distrib_binom_quantile(double q, long n, double p);

#endif
