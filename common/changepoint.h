/* changepoint.h - change points in a series: E-divisive means (Matteson
 * and James 2014, as in Hunter / Apache Otava; edivisive.c) and PELT
 * (Killick et al. 2012) with a normal mean-change cost (pelt.c). */
#ifndef CHANGEPOINT_H
#define CHANGEPOINT_H

#include <stddef.h>
#include <stdint.h>

#include "perr.h"

struct changepoint {
	size_t index;		/* first index after the change */
	double mean_before;	/* mean of the adjacent segment before */
	double mean_after;	/* mean of the adjacent segment after */
	double change_pct;	/* 100 (after - before) / |before|;
				 * NaN if before is 0 */
	double p;		/* E-divisive: permutation p-value of the split
				 * when it was made; PELT: approximate Welch
				 * t-test p of the two adjacent segments (it
				 * ignores that PELT chose the split, so it is
				 * too small: a guide, not a test) */
	double stat;		/* E-divisive: the energy statistic Q of the
				 * split; PELT: the Welch t statistic */
};

struct changepoint_opts {
	size_t min_size;	/* shortest segment, >= 2 (default 5) */
	double sig;		/* E-divisive: significance level (0.05) */
	int permutations;	/* E-divisive: permutations per test (199) */
	uint64_t seed;		/* E-divisive: PRNG seed (1) */
	double penalty;		/* PELT: penalty per change; NaN, the default,
				 * is 2 sigma^2 ln n with sigma from the MAD
				 * of the first differences */
};

/* Fills o with the defaults above. */
void changepoint_defaults(struct changepoint_opts *o);

/*
 * E-divisive means with alpha = 1 (Matteson and James 2014): repeatedly
 * splits the segment whose best split tau is largest (tau maximizing the
 * energy statistic Q(tau) of the segment's two sides, the split's end
 * being the segment's end, as Hunter does), while the permutation test of
 * that split gives p <= o->sig.  The test is theirs: each of the
 * o->permutations permutations shuffles every segment within itself and
 * takes the best split over all segments; p = (1 + #{Q_perm >= Q}) /
 * (1 + R).  The PRNG is seeded by o->seed, so results are deterministic.
 * Each segment's Q scan takes O(m log m) for m points (a Fenwick tree over
 * ranks), done 1 + R times per segment made; memory O(n + R n / min_size).
 *
 * Both functions store a new array of the change points, sorted by
 * index, in *cp (free() it; NULL when there are none) and their count in
 * *ncp.  A series shorter than 2 min_size has none.  Returns 0, or -1
 * with the reason in e (a NaN or infinite value, bad options).
 */
int changepoint_edivisive(const double *y, size_t n,
    const struct changepoint_opts *o, struct changepoint **cp, size_t *ncp,
    struct perr *e);

/*
 * PELT: the segmentation minimizing sum over segments of sum((y - segment
 * mean)^2) + penalty * (number of changes), every segment at least
 * o->min_size long; exact (pruning never drops the optimum).  O(n) time
 * on series with regular changes, O(n^2) at worst.  Same results and
 * errors as changepoint_edivisive.
 */
int changepoint_pelt(const double *y, size_t n,
    const struct changepoint_opts *o, struct changepoint **cp, size_t *ncp,
    struct perr *e);

/* For the two methods (edivisive.c, pelt.c).  changepoint_check returns
 * 0, or -1 with the reason in e when o->min_size is below 2 or a value is
 * not finite.  changepoint_finish sorts cp[0..k) by index and fills in
 * each one's mean_before, mean_after and change_pct from y[0..n). */
int changepoint_check(const double *y, size_t n,
    const struct changepoint_opts *o, struct perr *e);
void changepoint_finish(const double *y, size_t n, struct changepoint *cp,
    size_t k);

/* The default PELT penalty for y: 2 sigma^2 ln n, sigma^2 from the MAD of
 * the first differences (1.4826 MAD / sqrt 2), or the sample variance
 * when that MAD is 0.  0 for n < 3 or a constant series. */
double changepoint_penalty(const double *y, size_t n);

#endif
