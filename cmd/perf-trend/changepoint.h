/* changepoint.h - change points in a series: E-divisive means (Matteson
 * and James 2014; edivisive.h) and PELT (Killick et al. 2012; pelt.h):
 * the change point record, the options and what both methods share. */
#ifndef CHANGEPOINT_H
#define CHANGEPOINT_H

#include <stddef.h>
#include <stdint.h>

#include "util/perr.h"

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
				 * too small: a guide, and so is significant) */
	double stat;		/* E-divisive: the energy statistic Q of the
				 * split; PELT: the Welch t statistic */
	int significant;	/* E-divisive: 1 (a split is made only when
				 * its p <= sig); PELT: whether its Welch p,
				 * Holm-adjusted over the series' PELT points,
				 * is <= sig */
};

struct changepoint_opts {
	size_t min_size;	/* shortest segment, >= 2 (default 5) */
	double sig;		/* significance level (0.05): E-divisive's
				 * test; PELT's mark of significant points */
	int permutations;	/* E-divisive: permutations per test (199) */
	uint64_t seed;		/* E-divisive: PRNG seed (1) */
	double penalty;		/* PELT: penalty per change; NaN, the default,
				 * is 2 sigma^2 ln n with sigma^2 half the
				 * mean squared first difference */
};

/* Fills o with the defaults above. */
void changepoint_defaults(struct changepoint_opts *o);

/* For the two methods (edivisive.c, pelt.c).  changepoint_check returns
 * 0, or -1 with the reason in e when o->min_size is below 2 or a value is
 * not finite.  changepoint_finish sorts cp[0..k) by index and fills in
 * each one's mean_before, mean_after and change_pct from y[0..n). */
int changepoint_check(const double *y, size_t n,
    const struct changepoint_opts *o, struct perr *e);
void changepoint_finish(const double *y, size_t n, struct changepoint *cp,
    size_t k);

#endif
