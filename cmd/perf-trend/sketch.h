/* sketch.h - a mergeable quantile sketch with a relative error guarantee
 * (DDSketch: logarithmic buckets for positive and negative values and a
 * bucket for zero, indexed log-linearly from the bits of each double, so
 * adding a value costs no logarithm), for more values than fit in
 * memory. */
#ifndef SKETCH_H
#define SKETCH_H

#include <stddef.h>
#include <stdint.h>

/*
 * The guarantee: with relative accuracy a (say 0.01), every order
 * statistic the sketch returns is within a * |x| of the true one, x, for
 * any input; a type 7 quantile, interpolated between two such estimates,
 * is within a * max(|x_lo|, |x_hi|) of the exact type 7 quantile (within
 * a relatively when both are of one sign).  The minimum and maximum are
 * exact.  Values with |x| < SKETCH_TINY count as zero.  Each sign keeps
 * at most SKETCH_MAXBINS buckets (ceil((1 - a) / 2a) per factor of 2: 50
 * at a = 0.01, so a span of magnitudes of about 1e24); beyond that the
 * smallest magnitudes share one bucket and the guarantee holds above them
 * only.  Memory: at most 2 * SKETCH_MAXBINS * 8 bytes plus the struct,
 * whatever the number of values.
 */
#define SKETCH_TINY 1e-300
#define SKETCH_MAXBINS 4096

struct sketch_store {
	uint64_t *bins;		/* bins[i]: count of bucket index off + i */
	int off;		/* index of bins[0] */
	int nbins;		/* buckets in use: off .. off + nbins - 1 */
	int cap;
};

struct sketch {
	double alpha;		/* relative accuracy asked for */
	uint64_t per_octave;	/* buckets per factor of 2 */
	uint64_t n;		/* values added */
	uint64_t nzero;
	double min, max;
	struct sketch_store pos, neg;	/* neg holds |x| of negative values */
	int collapsed;		/* some buckets were merged (see above) */
};

/* Starts an empty sketch with relative accuracy alpha (0 < alpha < 1). */
void sketch_init(struct sketch *s, double alpha);
void sketch_free(struct sketch *s);
/* Adds a finite value; NaN and infinities are ignored. */
void sketch_add(struct sketch *s, double v);
/* Adds count copies of v (count >= 1). */
void sketch_add_n(struct sketch *s, double v, uint64_t count);
/* Adds every value of src to dst (same alpha; else returns -1). */
int sketch_merge(struct sketch *dst, const struct sketch *src);

/*
 * Estimates the q quantile (0 <= q <= 1) by R's type 7 rule: the order
 * statistic estimates at ranks floor(h) and ceil(h), h = (n - 1) q,
 * interpolated.  NaN for an empty sketch or q outside [0, 1].
 */
double sketch_quantile(const struct sketch *s, double q);
/* The estimate of the order statistic of 0-based rank r (r < n). */
double sketch_rank(const struct sketch *s, uint64_t r);
/* How many values are estimated below lo or above hi (bucket values). */
uint64_t sketch_count_outside(const struct sketch *s, double lo, double hi);
/* The median absolute deviation from m, estimated over bucket values:
 * within alpha * (|x| + |m|) of the exact one.  NaN when empty. */
double sketch_mad(const struct sketch *s, double m);

/* Buckets in ascending order of value: sketch_nbuckets() of them, each with
 * its representative value and count (zero-count buckets included). */
size_t sketch_nbuckets(const struct sketch *s);
void sketch_bucket(const struct sketch *s, size_t i, double *value,
    uint64_t *count);

/* Bytes of memory the sketch holds (for the exact-values budget). */
size_t sketch_bytes(const struct sketch *s);

#endif
