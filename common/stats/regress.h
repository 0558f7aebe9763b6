/* regress.h - trends of y over x (time): ordinary least squares with
 * t intervals, the Theil-Sen slope with Sen's interval, a direction only
 * when significant, and when a trend will cross a threshold. */
#ifndef REGRESS_H
#define REGRESS_H

#include <stddef.h>

#include "util/perr.h"

/* A trend's direction: rising or falling only when significant at alpha. */
enum regress_dir {
	REGRESS_FLAT,
	REGRESS_RISING,
	REGRESS_FALLING
};

/* "flat", "rising", "falling" (static storage). */
const char *regress_dir_name(enum regress_dir d);

/*
 * Ordinary least squares y = intercept + slope x.  Statistics that the data
 * cannot give are NaN: everything with n < 2 or all x equal; the standard
 * errors, intervals and p with n == 2.  Sums are centred, so epoch-second x
 * keeps its precision.
 */
struct regress_ols {
	size_t n;
	double slope, intercept;
	double slope_se, intercept_se;	/* as scipy.stats.linregress */
	double slope_lo, slope_hi;	/* slope -+ t(1 - alpha/2, n-2) se */
	double intercept_lo, intercept_hi;
	double r2;	/* squared Pearson r; 0 when y is constant */
	double p;	/* two-sided t-test of slope = 0, df n - 2; 0 for an
			 * exact fit with slope != 0, 1 for a constant y */
	enum regress_dir dir;	/* by p < alpha and the slope's sign */
	double alpha;
	/* For the prediction bands: */
	double xmean, ymean, sxx;	/* sxx = sum (x - xmean)^2 */
	double s;	/* residual standard error, sqrt(SSE / (n - 2)) */
	double xmax;	/* the last x: forecasts look ahead from here */
};

/*
 * Fits x[0..n), y[0..n) at significance alpha (0 < alpha < 1; intervals
 * at 1 - alpha) into r.  Returns 0, or -1 with the reason in e when a
 * value is not finite or alpha is out of range.
 */
int regress_ols(const double *x, const double *y, size_t n, double alpha,
    struct regress_ols *r, struct perr *e);

/*
 * Theil-Sen: the median of the slopes (y_j - y_i) / (x_j - x_i) over the
 * pairs with x_i != x_j, the intercept median(y) - slope median(x), and
 * Sen's (1968) interval from the variance of Kendall's S with ties in x and
 * y, exactly as scipy.stats.theilslopes(y, x, 1 - alpha) (method
 * 'separate') computes them.  Exact for n <= REGRESS_TS_EXACT_MAX: O(n^2)
 * time, memory O(n^2) up to 2^22 pairs, beyond that O(n) plus the slopes
 * near the interval, found in one pass after a sampled bracket.  Larger n
 * are estimated from 2^20 random pairs (seeded, so deterministic): each
 * order statistic is taken at the same rank fraction among the sample.
 */
#define REGRESS_TS_EXACT_MAX 10000
struct regress_theilsen {
	size_t n;
	double slope, intercept;
	double slope_lo, slope_hi;	/* Sen's interval at 1 - alpha */
	enum regress_dir dir;	/* rising when slope_lo > 0, falling when
				 * slope_hi < 0 (about Mann-Kendall at alpha) */
	int exact;		/* 0 when estimated from sampled pairs */
};

/* As regress_ols: NaN with n < 2 or all x equal; -1 on non-finite input. */
int regress_theilsen(const double *x, const double *y, size_t n,
    double alpha, struct regress_theilsen *r, struct perr *e);

/* When a fitted trend crosses a threshold. */
enum regress_cross {
	REGRESS_CROSS_NEVER,	/* not at this rate: the slope points away
				 * from the threshold */
	REGRESS_CROSS_AHEAD,	/* crossing at t after the last x */
	REGRESS_CROSS_REACHED,	/* the fitted value at the last x is
				 * already at or past the threshold */
	REGRESS_CROSS_NO_TREND	/* the slope is not significant: no
				 * forecast either way */
};

struct regress_forecast {
	enum regress_cross status;
	double t;	/* AHEAD: when the line reaches the threshold;
			 * REACHED: when it did, where the trend went
			 * through it (else NaN: it was always past it) */
	double t_lo, t_hi;	/* AHEAD: the earliest and latest x where the
				 * (1 - alpha) prediction band of a new value
				 * crosses it (t_lo may lie before the last x:
				 * the band reaches it already); else NaN */
};

/* "never", "ahead", "reached", "no_trend" (static storage). */
const char *regress_cross_name(enum regress_cross c);

/*
 * Forecasts when the OLS trend r reaches threshold: side is +1 for an upper
 * limit (alarm when y rises to it), -1 for a lower one, 0 to take it from
 * the trend's direction (a rising trend is watched against an upper
 * limit, a falling one against a lower limit).  Without a significant
 * slope the status is NO_TREND for side 0, and NEVER or REACHED (by the
 * fitted value at r->xmax) for a given side.  The band uses the same
 * alpha as r.  Fills f.
 */
void regress_cross(const struct regress_ols *r, double threshold, int side,
    struct regress_forecast *f);

#endif
