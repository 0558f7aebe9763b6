/* edivisive.h - change points by E-divisive means (Matteson and James 2014, as in
 * Hunter / Apache Otava). */
#ifndef EDIVISIVE_H
#define EDIVISIVE_H

#include <stddef.h>

#include "changepoint.h"
#include "util/perr.h"

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
int edivisive_find(const double *y, size_t n,
    const struct changepoint_opts *o, struct changepoint **cp, size_t *ncp,
    struct perr *e);

#endif
