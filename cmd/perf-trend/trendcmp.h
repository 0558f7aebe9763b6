/* trendcmp.h - comparisons of a baseline with a candidate, per group and
 * metric: tests, effect sizes with intervals, a verdict that respects a
 * practical threshold and the metric's direction, Holm's correction. */
#ifndef TRENDCMP_H
#define TRENDCMP_H

#include <jansson.h>
#include <stdint.h>

#include "columns.h"
#include "fmt/csvread.h"
#include "groups.h"

struct trendcmp_opts {
	double conf;		/* confidence level of intervals */
	double threshold;	/* smallest relative change that matters */
	uint64_t seed;		/* bootstrap seed */
	const char *higher;	/* comma-separated metrics where higher is
				 * better, or NULL */
};

/*
 * Which way a metric improves: 1 when higher is better, -1 when lower is.
 * Higher for the columns listed in higher (comma-separated, whole names).
 * Otherwise the name is read as "_"-separated whole words, first to last:
 * the first word that counts trouble (fault, pgmajfault, flt, err,
 * errors, drop(s), stall, throttled, swap, ctx, ctxsw, intr, fork(s),
 * retrans, miss(es), wait, latency, oom, ...) makes it lower, the first
 * that counts something good (idle, avail, available, free, hit(s),
 * throughput, ops, score, speedup, bandwidth) makes it higher.  Without
 * either, the unit suffix decides: a rate (_per_s) is throughput, higher,
 * unless it is time per second (_s_per_s, _ms_per_s); everything else
 * (_s, _ms, _pct, _bytes, _kib, _count) is lower.
 */
int trendcmp_direction(const char *metric, const char *higher);

/*
 * Compares each group of base with the group of cand that has the same
 * key, for every metric both have (by name): Mann-Whitney U, Welch's t,
 * Hodges-Lehmann shift with its interval, the ratio of medians with a
 * bootstrap interval, TOST equivalence within the threshold, the runs
 * needed to detect a change of the threshold, and a verdict (improved,
 * regressed, unchanged, inconclusive).  p-values are Holm-adjusted across
 * every comparison made (p_holm).  Groups present on one side only are
 * listed in *unmatched (a new array; NULL when there are none).  Returns
 * a new array.
 */
json_t *trendcmp_all(const struct groups *base, const struct columns *cb,
    const struct csvread *rb, const struct groups *cand,
    const struct columns *cc, const struct csvread *rc,
    const struct trendcmp_opts *o, json_t **unmatched);

/* Whether any comparison of the array has the verdict "regressed". */
int trendcmp_regressed(const json_t *cmps);

#endif
