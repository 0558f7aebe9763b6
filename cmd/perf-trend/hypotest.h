/* hypotest.h - comparisons of two samples: Mann-Whitney U, Welch's t,
 * Hodges-Lehmann shift with its interval, TOST equivalence, Holm's
 * adjustment, and the runs needed to detect a change. */
#ifndef HYPOTEST_H
#define HYPOTEST_H

#include <stddef.h>

/*
 * Conventions: x is the first sample (the baseline in perf-trend's use),
 * y the second (the candidate); each function leaves its inputs alone
 * (temporary sorted copies come from xmalloc, which exits on running out
 * of memory, as every x- helper does).  A function returns 0 when it
 * computed its result, -1 when the samples are too small or degenerate;
 * then every field it could not compute is NaN, never a made-up number.
 * p-values are two-sided unless said otherwise.
 */

enum hypotest_method {
	HYPOTEST_AUTO,		/* exact when allowed (see hypotest_mwu), else normal */
	HYPOTEST_EXACT,
	HYPOTEST_ASYMPTOTIC
};

struct hypotest_mwu {
	double u;		/* U of x: pairs with x > y, ties counting 1/2 */
	double p;		/* two-sided p-value */
	double z;		/* the normal deviate (asymptotic only, else NaN) */
	double cles;		/* u / (nx ny): P(X > Y) + P(X = Y) / 2 */
	int exact;		/* 1 when p came from the exact distribution */
	int ties;		/* 1 when the pooled sample has ties */
};

/* The largest samples for which HYPOTEST_AUTO uses the exact distribution. */
#define HYPOTEST_EXACT_MAX 50

/*
 * The Mann-Whitney U test, as scipy.stats.mannwhitneyu(x, y,
 * use_continuity=True, alternative='two-sided') with method='exact' or
 * method='asymptotic':
 *   exact: p = 2 P(U >= max(U, nx ny - U)), capped at 1, from the exact
 *     null distribution of U (the recursion f(u; m, n) = f(u - n; m - 1,
 *     n) + f(u; m, n - 1) scipy uses), valid without ties;
 *   asymptotic: z = (max(U, nx ny - U) - nx ny / 2 - 1/2) / s with the
 *     tie-corrected s = sqrt(nx ny / 12 ((N + 1) - sum(t^3 - t) / (N (N -
 *     1)))), p = 2 P(Z > z), capped at 1.
 * HYPOTEST_AUTO uses exact when there are no ties and nx, ny <= 50 (scipy's
 * own 'auto' switches at 8); HYPOTEST_EXACT with ties, or with samples so
 * large that nx ny min(nx, ny) > 2e6 (the table's cost), falls back to
 * the asymptotic p (exact = 0 says so).  z is set only by the asymptotic
 * p.  Returns -1 (p NaN) when nx or ny is 0, or when every value is tied
 * (s = 0).
 */
int hypotest_mwu(const double *x, size_t nx, const double *y, size_t ny,
    enum hypotest_method method, struct hypotest_mwu *r);

/*
 * P(U <= u) under the null hypothesis for samples of m and n values
 * without ties (R's pwilcox(u, m, n)); NaN when m or n is 0 or when
 * m n min(m, n) > 2e6 (the table's time and memory).
 */
double hypotest_mwu_cdf(double u, size_t m, size_t n);

struct hypotest_welch {
	double diff;		/* mean(x) - mean(y) */
	double t, df, p;	/* t = diff / se, Welch-Satterthwaite df */
	double se;		/* sqrt(var x / nx + var y / ny) */
	double lo, hi;		/* interval for diff at the confidence asked */
};

/*
 * Welch's t-test, as scipy.stats.ttest_ind(x, y, equal_var=False), with
 * the interval diff -+ t(1 - alpha/2, df) se.  Returns -1 (all NaN but
 * diff where defined) when nx < 2 or ny < 2, or when both samples are
 * constant (se = 0; t is then +-inf or NaN, df and p NaN).
 */
int hypotest_welch(const double *x, size_t nx, const double *y, size_t ny,
    double conf, struct hypotest_welch *r);

/* How the interval's ranks were found. */
enum hypotest_hl_method {
	HYPOTEST_HL_NONE,	/* no interval asked for (conf not in (0, 1)) */
	HYPOTEST_HL_EXACT,	/* the exact law of U (no ties, small) */
	HYPOTEST_HL_NORMAL	/* R's normal approximation, tie-corrected
				 * variance and continuity correction */
};

struct hypotest_hl {
	double shift;		/* median of the nx ny differences x_i - y_j */
	double lo, hi;		/* distribution-free interval for the shift */
	int exact;		/* 1 when the ranks came from the exact U law */
	enum hypotest_hl_method method;
};

/*
 * The Hodges-Lehmann estimate of the shift of x relative to y, with the
 * interval R's wilcox.test(x, y, conf.int = TRUE) gives.  Without ties
 * and with nx, ny <= HYPOTEST_EXACT_MAX (R's exact case): k =
 * qwilcox(alpha/2, nx, ny), interval [d(k), d(nx ny - k + 1)] of the
 * sorted differences; when k < 1 (samples too small for conf) R widens
 * the interval and warns, here lo and hi are NaN and -1 is returned
 * (shift is still set).  Otherwise R's normal approximation (correct =
 * TRUE): the differences where the continuity-corrected statistic, its
 * variance corrected for ties, crosses -+z(1 - alpha/2), which R finds
 * with uniroot and here come exactly as order statistics (hypotest.c
 * says how); beyond the extreme differences, the extreme differences, as
 * R; all values tied (no variance): -1.  The differences are never
 * stored: each order statistic is found by bisection over doubles with
 * an O(nx + ny) count, so memory is O(nx + ny).
 */
int hypotest_hl(const double *x, size_t nx, const double *y, size_t ny,
    double conf, struct hypotest_hl *r);

struct hypotest_tost {
	double margin;		/* rel |mean(x)|: the absolute margin */
	double diff;		/* mean(y) - mean(x) */
	double p_lower, p_upper;	/* H0: diff <= -margin; diff >= margin */
	double p;		/* max of the two: equivalence when p < alpha */
};

/*
 * Two one-sided Welch tests of equivalence of y to the baseline x within
 * rel (e.g. 0.02 for -+2%) of the baseline mean, the margin treated as
 * known.  p_lower is ttest_ind(y + margin, x, equal_var=False,
 * alternative='greater'), p_upper ttest_ind(y - margin, x, ...,
 * alternative='less').  Returns -1 (NaN) when Welch's test is not
 * computable or rel <= 0.
 */
int hypotest_tost(const double *x, size_t nx, const double *y, size_t ny,
    double rel, struct hypotest_tost *r);

/*
 * Holm-Bonferroni adjustment of p[0..n) into adj[0..n) (may be the same
 * array), as R's p.adjust(p, "holm"): with the m non-NaN p-values sorted
 * ascending, adj(i) = max over j <= i of min(1, (m - j + 1) p(j)).  NaN
 * entries stay NaN and do not count in m.  Allocates a temporary index.
 */
void hypotest_holm(const double *p, size_t n, double *adj);

/*
 * The runs per sample needed to detect a relative change rel (e.g. 0.05)
 * of a mean with the given standard deviation, by a two-sided two-sample
 * test at level alpha with the given power: Guenther's (1981) form of the
 * normal approximation, n = ceil(2 (z(1 - alpha/2) + z(power))^2 (sd /
 * (rel |mean|))^2 + z(1 - alpha/2)^2 / 4), which tracks the exact
 * noncentral t answer (R's power.t.test) to within a run.  At least 2;
 * sd 0 gives 2.  NaN when the arguments make no sense (sd < 0, sd or mean
 * not finite, rel <= 0, mean 0, alpha or power outside (0, 1)).
 */
double hypotest_runs_needed(double sd, double mean, double rel, double alpha,
    double power);

#endif
