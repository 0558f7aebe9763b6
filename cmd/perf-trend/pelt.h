/* pelt.h - change points by PELT (Killick et al. 2012) with a normal
 * mean-change cost, and its default penalty. */
#ifndef PELT_H
#define PELT_H

#include <stddef.h>

#include "changepoint.h"
#include "util/perr.h"

/*
 * PELT: the segmentation minimizing sum over segments of sum((y - segment
 * mean)^2) + penalty * (number of changes), every segment at least
 * o->min_size long; exact (pruning never drops the optimum).  O(n) time
 * on series with regular changes, O(n^2) at worst.  Each change point
 * gets the Welch t-test of its two adjacent segments (p, stat) and is
 * marked significant when that p, Holm-adjusted over the points found, is
 * at most o->sig; the test ignores that PELT chose the splits, so it is a
 * guide, too lenient rather than too strict.  Same results and errors as
 * edivisive_find, and -1 when o->sig is not between 0 and 1.
 */
int pelt_find(const double *y, size_t n,
    const struct changepoint_opts *o, struct changepoint **cp, size_t *ncp,
    struct perr *e);

/* The default PELT penalty for y: 2 sigma^2 ln n, sigma^2 half the mean
 * squared first difference (the noise variance of a series of iid values
 * with a few level shifts; a second moment, as the cost's sum of squares
 * is).  0 for n < 3 or a constant series. */
double pelt_penalty(const double *y, size_t n);

#endif
