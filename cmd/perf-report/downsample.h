/* downsample.h - a long series kept in bounded memory for a chart: rows go
 * into buckets of equal row count, each keeping per metric the mean, the
 * minimum and the maximum, so no peak is lost.  When the buckets fill,
 * neighbours merge in pairs and the width doubles (the series' length need
 * not be known in advance). */
#ifndef DOWNSAMPLE_H
#define DOWNSAMPLE_H

#include <stddef.h>

struct downsample {
	size_t nm;		/* metrics per row */
	size_t cap;		/* buckets before a merge (even) */
	size_t width;		/* rows per bucket */
	size_t nb;		/* buckets in use */
	size_t rows;		/* rows added */
	double *t0, *t1;	/* first and last time of each bucket */
	size_t *brows;		/* rows in each bucket */
	double *sum, *min, *max;	/* [bucket * nm + metric] */
	size_t *cnt;		/* values known, per bucket and metric */
};

/* Keeps at most cap buckets (rounded up to even, at least 2) of nm
 * metrics.  Dies when memory runs out. */
void downsample_init(struct downsample *d, size_t nm, size_t cap);
void downsample_free(struct downsample *d);
/* Adds a row at time t; v[i] NaN is an unknown value. */
void downsample_add(struct downsample *d, double t, const double *v);
/* Bucket b's middle time; metric m's mean, minimum and maximum (NaN when
 * no value was known). */
double downsample_time(const struct downsample *d, size_t b);
double downsample_mean(const struct downsample *d, size_t b, size_t m);
double downsample_min(const struct downsample *d, size_t b, size_t m);
double downsample_max(const struct downsample *d, size_t b, size_t m);

#endif
