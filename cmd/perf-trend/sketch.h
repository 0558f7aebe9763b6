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
	int collapsed;		/* bins[0] also holds every smaller magnitude */
};

struct sketch {
	double alpha;		/* relative accuracy asked for */
	double ref;		/* the buckets hold v - ref (0: v itself) */
	uint64_t per_octave;	/* buckets per factor of 2 */
	uint64_t n;		/* values added */
	uint64_t nzero;
	int zero_inexact;	/* some value in the zero bucket is not ref */
	double min, max;
	struct sketch_store pos, neg;	/* neg holds |x| of negative values */
	int collapsed;		/* some buckets were merged (see above) */
};

/* Starts an empty sketch with relative accuracy alpha (0 < alpha < 1). */
void sketch_init(struct sketch *s, double alpha);
/* The same, for the deviations v - ref of the values from a finite
 * reference: each estimate is then within alpha * |x - ref| of the exact
 * x, which is far better than alpha * |x| for values clustered away from
 * zero (1e12 +- 1000).  Every function below takes and returns values in
 * the units they were added in. */
void sketch_init_ref(struct sketch *s, double alpha, double ref);
void sketch_free(struct sketch *s);
/* Adds a finite value; NaN and infinities are ignored. */
void sketch_add(struct sketch *s, double v);
/* Adds count copies of v (count >= 1). */
void sketch_add_n(struct sketch *s, double v, uint64_t count);
/* Adds every value of src to dst (same alpha and ref; else returns -1). */
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

/*
 * Ranges sure to hold the exact answer, whatever the values were: from
 * the edges of the buckets (widened by a few units in the last place for
 * rounding, the sum of a reference and a deviation included) and the
 * exact minimum and maximum.  They hold in a collapsed bucket too, where
 * they are merely wide.  sketch_bucket_range: every value counted in
 * bucket i.  sketch_rank_range: the order statistic of 0-based rank r
 * (r < n).  sketch_quantile_range: the type 7 q quantile.  Empty sketch
 * or argument out of range: NaN.
 */
void sketch_bucket_range(const struct sketch *s, size_t i, double *lo,
    double *hi);
void sketch_rank_range(const struct sketch *s, uint64_t r, double *lo,
    double *hi);
void sketch_quantile_range(const struct sketch *s, double q, double *lo,
    double *hi);
/* The range of the exact median absolute deviation median(|x - m|) (type
 * 7 median of the deviations), given that the exact median m lies in
 * [mlo, mhi].  NaN when empty. */
void sketch_mad_range(const struct sketch *s, double mlo, double mhi,
    double *lo, double *hi);
/*
 * Counts values below a fence L or above a fence H known only to lie in
 * [llo, lhi] and [hlo, hhi]: *sure counts those outside whatever the
 * fences and the values, *maybe those that may be; the exact count lies
 * between them.  *est counts the buckets whose midpoint is below lm or
 * above hm (the estimated fences, inside their ranges), so that
 * *sure <= *est <= *maybe.
 */
void sketch_count_range(const struct sketch *s, double llo, double lhi,
    double hlo, double hhi, double lm, double hm, uint64_t *sure,
    uint64_t *est, uint64_t *maybe);

/* Bytes of memory the sketch holds (for the exact-values budget). */
size_t sketch_bytes(const struct sketch *s);

#endif
