/* stats.h - descriptive statistics: mean, sd, quantiles, median and MAD,
 * intervals, outliers, geometric mean, mergeable streaming accumulators. */
#ifndef STATS_H
#define STATS_H

#include <stddef.h>

/*
 * Conventions for the whole module: no function allocates, none exits,
 * none prints.  A statistic that cannot be computed from the data given
 * (too few values, a non-positive value for a geometric mean) is NaN,
 * never a made-up number.  Inputs must be finite (the CSV reader never
 * yields NaN or infinities); sums are computed so that large offsets (epoch
 * times) keep their precision and values near 1e300 or 1e-300 neither
 * overflow nor underflow in the spread.
 */

struct stats_desc {
	size_t n;
	double mean;
	double sd;		/* sample standard deviation (n - 1) */
	double cv;		/* sd / |mean|; NaN when the mean is 0 */
	double min, max;
	double median;
	double mad;		/* raw median absolute deviation (scale 1) */
	double p5, p25, p75, p90, p95, p99;	/* quantiles, R type 7 */
	double mean_lo, mean_hi;	/* Student t interval for the mean */
	double median_lo, median_hi;	/* distribution-free median interval */
};

/*
 * Describes x[0..n) at confidence level conf (0 < conf < 1, e.g. 0.95)
 * into d.  Sorts x in place (ascending).  n == 0: every field but n is
 * NaN.  n == 1: sd, cv and both intervals are NaN.
 *
 * The mean interval is mean -+ t(1 - alpha/2, n - 1) sd / sqrt(n), as
 * scipy.stats.t.interval gives.  The median interval is the exact
 * binomial (order statistic) one of DescTools' MedianCI(method = "exact")
 * in R: k = qbinom(alpha/2, n, 1/2), interval [x(k), x(n-k+1)] (1-based
 * order statistics), whose coverage is at least conf; when k is 0 (too
 * few values for that confidence, e.g. n < 6 at 95%) it is NaN.
 */
void stats_describe(double *x, size_t n, double conf, struct stats_desc *d);
/*
 * The same description by selection rather than a full sort, for where
 * only these few order statistics are wanted (O(n) expected against
 * O(n log n)): reorders x[0..n) so that every order statistic the
 * description reads is in its sorted place, and uses scratch[0..n) for
 * the deviations of the MAD.  The answers are those of stats_describe
 * but for the mean and sd, summed in the given order rather than sorted
 * (a difference of a few units in the last place at most).
 */
void stats_describe_sel(double *x, size_t n, double conf, double *scratch,
    struct stats_desc *d);

/* The arithmetic mean of x[0..n), two-pass corrected; NaN when n == 0. */
/* The order of two doubles for qsort and bsearch (NaN-free input). */
int stats_cmp(const void *a, const void *b);

/* Reorders a[0..n), n >= 1, so that a[k] holds the k-th smallest value,
 * with no larger value before it and no smaller one after: O(n) expected,
 * where a full sort is not needed (a few quantiles, a median). */
void stats_select(double *a, size_t n, size_t k);
/* The same for several ranks at once, k[0..nk) ascending (repeats
 * allowed): each a[k[i]] ends in its sorted place, in O(n log nk)
 * expected rather than nk selections over the whole array. */
void stats_select_ranks(double *a, size_t n, const size_t *k, size_t nk);

double stats_mean(const double *x, size_t n);
/* The sample standard deviation (divisor n - 1), two-pass with scaling;
 * NaN when n < 2; 0 for constant data. */
double stats_sd(const double *x, size_t n);
/* The sample variance (divisor n - 1); NaN when n < 2.  May overflow to
 * infinity where only sd is representable (spread beyond 1e154). */
double stats_var(const double *x, size_t n);

/*
 * The p-quantile (0 <= p <= 1) of sorted[0..n) (ascending), R's type 7,
 * numpy's default 'linear' method: h = (n - 1) p, linear interpolation
 * between sorted[floor h] and sorted[floor h + 1].  NaN when n == 0 or p
 * is outside [0, 1].
 */
double stats_quantile(const double *sorted, size_t n, double p);
/* The median of sorted[0..n); NaN when n == 0. */
double stats_median(const double *sorted, size_t n);
/* The raw median absolute deviation, median(|x - median|), of sorted[0..n)
 * (ascending), as scipy.stats.median_abs_deviation(scale=1); computed in
 * O(n) without allocating.  NaN when n == 0. */
double stats_mad(const double *sorted, size_t n);

/*
 * The binomial order-statistic interval for the median, as described at
 * stats_describe: stores 1-based ranks lo <= hi of sorted data (the
 * interval is [sorted[lo-1], sorted[hi-1]]) and returns 0; returns -1 when
 * n is too small for conf (or conf is outside (0, 1)).
 */
int stats_median_ci_ranks(size_t n, double conf, size_t *lo, size_t *hi);

/* The geometric mean, exp(mean(log x)); NaN when n == 0 or any x <= 0. */
double stats_geomean(const double *x, size_t n);

/*
 * Outliers.  Tukey's fences from the quartiles q1 and q3 (iqr = q3 - q1):
 * mild beyond q1 - 1.5 iqr or q3 + 1.5 iqr, severe beyond q1 - 3 iqr or
 * q3 + 3 iqr (a severe outlier is not also counted as mild).  The modified
 * z-score of Iglewicz and Hoaglin, 0.6745 (x - median) / mad, flags a
 * value when its absolute value exceeds 3.5; when mad is 0 or NaN the score
 * is not defined and it flags nothing (modz_defined says which).
 */
enum {
	STATS_OUT_MILD = 1,	/* beyond the inner fence, within the outer */
	STATS_OUT_SEVERE = 2,	/* beyond the outer fence */
	STATS_OUT_MODZ = 4	/* |modified z-score| > 3.5 */
};

struct stats_outliers {
	size_t mild, severe;	/* Tukey counts, low and high together */
	size_t low, high;	/* mild or severe, by side */
	size_t modz;		/* modified z-score count */
	int modz_defined;	/* 0 when mad was 0 or NaN */
	double lo_mild, hi_mild, lo_severe, hi_severe;	/* the fences */
};

/*
 * Classifies x[0..n) (any order: pass the original order to get indices)
 * against the quartiles, median and mad of the same data (as
 * stats_describe gives them).  When flags is not NULL, flags[i] receives
 * the STATS_OUT_* bits of x[i] (0 for an ordinary value).  Fills o.
 */
void stats_outliers(const double *x, size_t n, double q1, double q3,
    double median, double mad, unsigned char *flags,
    struct stats_outliers *o);

/*
 * Streaming accumulator (Welford), for bounded memory: count, mean, sum
 * of squared deviations, extremes.  Start with stats_acc_init; add
 * values; merge two accumulators of disjoint data (Chan et al.): the
 * result equals accumulating all the data in one, up to rounding.  The
 * updates run on x - shift (shift = the first value seen), so that epoch
 * times keep the precision of their fractions; mean is kept up to date
 * for readers.  The fields may be read; change them only through these
 * functions.  Empty: n 0, mean, min and max NaN.
 */
struct stats_acc {
	size_t n;
	double mean;	/* shift + smean */
	double M2;	/* sum of squared deviations from the mean */
	double min, max;
	double shift;	/* the first value added */
	double smean;	/* mean of x - shift */
};

void stats_acc_init(struct stats_acc *a);
void stats_acc_add(struct stats_acc *a, double x);
/* Adds b into a (b is unchanged). */
void stats_acc_merge(struct stats_acc *a, const struct stats_acc *b);
/* Mean (NaN when empty), sample sd and variance (NaN when n < 2). */
double stats_acc_mean(const struct stats_acc *a);
double stats_acc_sd(const struct stats_acc *a);
double stats_acc_var(const struct stats_acc *a);

#endif
