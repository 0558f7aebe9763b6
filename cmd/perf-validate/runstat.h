/* runstat.h - statistical adequacy of one group of runs: sample size
 * against the size needed for +-1% at 95%, CV, Tukey outliers, warm-up
 * drift, lag-1 autocorrelation, bimodality, runs too short to time. */
#ifndef RUNSTAT_H
#define RUNSTAT_H

#include <stddef.h>

#include "check.h"

/*
 * The smallest n >= 2 with t(0.975, n - 1) * cv / sqrt(n) <= 0.01: the
 * runs for a 95% Student t interval of the mean of half-width 1% of the
 * mean, given the coefficient of variation cv (a fraction).  0 when cv is
 * NaN or more than 10^9 runs would be needed.
 */
size_t runstat_needed_n(double cv);
/* The lag-1 autocorrelation sum (x_i - m)(x_i+1 - m) / sum (x_i - m)^2, in
 * file order; NaN when n < 3 or the values are constant. */
double runstat_autocorr1(const double *x, size_t n);
/*
 * The bimodality coefficient (SAS): (g^2 + 1) / (k + 3 (n - 1)^2 /
 * ((n - 2)(n - 3))), g the sample skewness and k the sample excess
 * kurtosis, both bias-corrected (scipy.stats skew and kurtosis with
 * bias=False).  Above 5/9, the value for a uniform distribution, the
 * sample may be bimodal.  NaN when n < 4 or the values are constant.
 */
double runstat_bimodality(const double *x, size_t n);
/* The warm-up drift in %: the mean of the first max(1, n/5) values over
 * the median of the rest, minus 1.  NaN when n < 5. */
double runstat_drift(const double *x, size_t n);

/* Adds the checks of one group (wall times x[0..n) in file order, failed
 * runs counted apart) to l, under subject. */
void runstat_checks(struct checklist *l, const char *subject,
    const double *x, size_t n, size_t failed, size_t timedout);

#endif
