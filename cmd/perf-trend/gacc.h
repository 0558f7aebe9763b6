/* gacc.h - one group's one metric: a streaming accumulator that keeps the
 * values themselves while they fit a memory budget shared by all, then
 * folds them into two quantile sketches (of the values, and of their
 * deviations from a reference) and a decimated series. */
#ifndef GACC_H
#define GACC_H

#include <stddef.h>
#include <stdint.h>

#include "sketch.h"
#include "stats/stats.h"

/* The memory for exact values, shared by every accumulator of a run.  An
 * accumulator whose values would take the total past limit, or take more
 * than a quarter of limit by themselves, moves them into a sketch, unless
 * they take no more than GACC_SMALL bytes. */
struct gacc_budget {
	size_t used;	/* bytes of value arrays held, by capacity */
	size_t limit;	/* 0: no limit (--exact) */
	double alpha;	/* the sketch's relative accuracy */
	size_t nsketched;	/* accumulators that switched to a sketch */
};

/* A sketched accumulator keeps a systematic sample of its series for
 * trends and change points: every stride-th value, the stride doubling
 * whenever the sample fills. */
#define GACC_DECIMATE 1024
/* Bytes of values an accumulator keeps exact whatever the budget: less
 * than its two sketches and decimated series would take. */
#define GACC_SMALL 512

/*
 * The x of a group's rows, in row order: the metrics of the group read
 * their x from here for as long as each has had a value in every row
 * (samples and runs mostly do), rather than each keeping a copy, which
 * took half of the exact values' memory.  Kept only while a metric reads
 * it; its memory counts against the budget.
 */
struct gaxis {
	double *x;
	size_t len, cap;
	size_t users;		/* exact accumulators reading x from here */
	int dropped;		/* no longer kept: none read it, none can */
};

/* A sketched accumulator's sample of its series, made when it is
 * sketched (apart, so that an exact one does not carry its room). */
struct gdec {
	double *y, *x;		/* every stride-th value (and x), in row
				 * order, at most GACC_DECIMATE */
	size_t len, stride;
	size_t cap;		/* room in y (and x): grows to GACC_DECIMATE,
				 * so that many small sketched series (200,000
				 * one-row groups under --memory 1) stay small */
	uint64_t seen;		/* values offered to it */
};

struct gacc {
	struct stats_acc acc;	/* every value: count, mean, M2, min, max */
	double *y, *x;		/* the values in row order, and their x, while
				 * exact (x only with withx, and only when not
				 * shared: see gacc_xs) */
	size_t len, cap;
	int withx;		/* each value comes with an x */
	int shared;		/* x read from ax: value i is row i's */
	struct gaxis *ax;	/* the group's axis, NULL: none to share */
	struct sketch *sk;	/* non-NULL once over budget: y, x freed */
	struct sketch *skd;	/* with sk: the deviations from the mean of
				 * the values when they were folded, for
				 * values clustered away from zero */
	char **lab;		/* with labels: each value's label */
	struct gdec *dec;	/* with sk: the decimated series */
	uint64_t nonpos;	/* values <= 0 (for geometric means) */
};

/* An empty accumulator; withx: each value comes with an x, read from the
 * group's axis ax while the values follow its rows one for one (ax NULL:
 * each kept here). */
void gacc_init(struct gacc *a, int withx, struct gaxis *ax);
/* An empty axis. */
void gaxis_init(struct gaxis *ax);
/* Adds a row's x to the axis (before the row's values are added to its
 * accumulators), dropping the axis once no accumulator can read it. */
void gaxis_add(struct gaxis *ax, struct gacc_budget *b, double x);
void gaxis_free(struct gaxis *ax, struct gacc_budget *b);
/* The x of the kept values (len of them); NULL without x or once
 * sketched. */
const double *gacc_xs(const struct gacc *a);
/*
 * Adds the value y, with x (when withx) and, when lab is not NULL, the
 * label lab[0..lablen) (a copy; labels count against the budget as 16
 * bytes per value plus the text).  Takes its memory from b; over budget,
 * moves every value into a sketch (counted in b->nsketched) and gives the
 * memory back.  Dies only when memory runs out.
 */
void gacc_add(struct gacc *a, struct gacc_budget *b, double y, double x,
    const char *lab, size_t lablen);
/* Frees the accumulator's memory and gives its share of b back. */
void gacc_free(struct gacc *a, struct gacc_budget *b);
/* Whether the accumulator still holds every value exactly. */
int gacc_exact(const struct gacc *a);

#endif
