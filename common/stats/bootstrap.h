/* bootstrap.h - a small seeded PRNG (xoshiro256** seeded by splitmix64)
 * and the percentile bootstrap interval of a ratio of medians. */
#ifndef BOOTSTRAP_H
#define BOOTSTRAP_H

#include <stddef.h>
#include <stdint.h>

/* xoshiro256** (Blackman and Vigna); the state lives in the caller's
 * struct, so streams are reproducible and independent of each other. */
struct bootstrap_rng {
	uint64_t s[4];
};

/* Seeds r: the four state words are four successive outputs of
 * splitmix64 started at seed (any seed, 0 included, is fine). */
void bootstrap_seed(struct bootstrap_rng *r, uint64_t seed);
/* The next 64 random bits. */
uint64_t bootstrap_next(struct bootstrap_rng *r);
/* A uniform integer in [0, n), n >= 1, without modulo bias: draws x until
 * x >= (2^64 - n) mod n, returns x mod n.  0 when n is 0. */
uint64_t bootstrap_below(struct bootstrap_rng *r, uint64_t n);
/* A uniform double in [0, 1): the top 53 bits of bootstrap_next times 2^-53. */
double bootstrap_uniform(struct bootstrap_rng *r);

#define BOOTSTRAP_RESAMPLES 2000	/* the default number of resamples */

struct bootstrap_ratio {
	double ratio;		/* median(cand) / median(base) */
	double lo, hi;		/* percentile interval of the ratio */
	size_t resamples;
};

/*
 * The ratio of medians, candidate over baseline, with a percentile
 * bootstrap interval at confidence conf.  With rng seeded by seed,
 * resample b = 1 .. resamples (0 means BOOTSTRAP_RESAMPLES) draws nb indices
 * bootstrap_below(nb) into the baseline, then nc indices bootstrap_below(nc) into the
 * candidate, in that order, and takes the ratio of the two medians; lo and
 * hi are the alpha/2 and 1 - alpha/2 quantiles (type 7, numpy's
 * percentile) of the resampled ratios.  So the answer is the same on every
 * machine for the same inputs and seed.
 *
 * Returns 0; -1 when nb or nc is 0 (all NaN), when median(base) is 0
 * (ratio NaN), or when an interval is not meaningful: nb or nc below 2,
 * conf outside (0, 1), or some resample had a baseline median of 0 (lo
 * and hi NaN, ratio still set).  Allocates O(nb + nc + resamples) doubles
 * with xmalloc (exits on out of memory); base and cand are left alone.
 */
int bootstrap_median_ratio(const double *base, size_t nb, const double *cand,
    size_t nc, double conf, size_t resamples, uint64_t seed,
    struct bootstrap_ratio *r);

#endif
