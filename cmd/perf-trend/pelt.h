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
 * on series with regular changes, O(n^2) at worst.  Same results and
 * errors as edivisive_find.
 */
int pelt_find(const double *y, size_t n,
    const struct changepoint_opts *o, struct changepoint **cp, size_t *ncp,
    struct perr *e);

/* The default PELT penalty for y: 2 sigma^2 ln n, sigma^2 from the MAD of
 * the first differences (1.4826 MAD / sqrt 2), or the sample variance
 * when that MAD is 0.  0 for n < 3 or a constant series. */
double pelt_penalty(const double *y, size_t n);

#endif
