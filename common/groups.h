/* groups.h - rows of a perfpipe CSV gathered per group (the values of the
 * key columns) and metric: streaming accumulators, and the values
 * themselves while they fit a memory budget, else a quantile sketch. */
#ifndef GROUPS_H
#define GROUPS_H

#include <stddef.h>
#include <stdint.h>

#include "columns.h"
#include "csvread.h"
#include "perr.h"
#include "sketch.h"
#include "stats.h"

/* The memory for exact values, shared by every group store of a run.  An
 * accumulator whose values would take the total past limit, or take more
 * than a quarter of limit by themselves, moves them into a sketch. */
struct groups_budget {
	size_t used;	/* bytes of value arrays held, by capacity */
	size_t limit;	/* 0: no limit (--exact) */
	double alpha;	/* the sketch's relative accuracy */
	size_t nsketched;	/* accumulators that switched to a sketch */
};

/* A sketched accumulator keeps a systematic sample of its series for
 * trends and change points: every stride-th value, the stride doubling
 * whenever the sample fills. */
#define GROUPS_DECIMATE 1024

/* One group's one metric. */
struct gacc {
	struct stats_acc acc;	/* every value: count, mean, M2, min, max */
	double *y, *x;		/* the values in row order, and their x, while
				 * exact (x only when the store has an x) */
	size_t len, cap;
	struct sketch *sk;	/* non-NULL once over budget: y, x freed */
	char **lab;		/* with groups_label: each value's label */
	double *dy, *dx;	/* once sketched: every dstride-th value (and
				 * x), in row order, at most GROUPS_DECIMATE */
	size_t dlen, dstride;
	uint64_t dseen;		/* values offered to the decimated series */
	uint64_t nonpos;	/* values <= 0 (for geometric means) */
};

struct group {
	char **key;		/* key[col]: the value, NULL where the column is
				 * not a key of this group or the field is empty */
	char *id;		/* the encoded key, "name\x1fvalue\x1e" ... */
	uint64_t rows;		/* rows of the group; missing = rows - n */
	long first_line;	/* where the group first appeared */
	size_t first_src;
	struct gacc *m;		/* m[col], for metric columns */
};

/*
 * A store.  drop is a key column left out of the group key (-1: none); if
 * only is not NULL, rows whose drop column is not exactly `only` are
 * skipped (--compare COL=A,B keeps a store per value).  xcol is the column
 * whose value goes with each metric value as its x (-1: none); a row with
 * an empty or non-numeric x is still counted, without an x, and
 * groups_nox() says how many.
 */
struct groups;

struct groups *groups_new(size_t ncols, long drop, const char *only,
    long xcol, struct groups_budget *b);
void groups_free(struct groups *g);
/* Keeps, beside each exact value, the text of column col in its row (a
 * commit, say), for naming change points; call before adding rows.  The
 * labels count against the budget as 16 bytes per value plus the text. */
void groups_label(struct groups *g, long col);
/* Leaves key column col out of the group key as well (-1: none); call
 * before adding rows. */
void groups_ignore(struct groups *g, long col);

/*
 * Adds a row: finds or makes its group, parses each metric field (fast
 * path) and adds it.  Empty fields are missing values.  Returns 0, or -1
 * with "file:line: column 'NAME': 'TEXT' is not a number" in e.
 */
int groups_add_row(struct groups *g, const struct columns *c,
    const struct csvr *r, const struct csvr_row *row, struct perr *e);

/* Groups in order of first appearance. */
size_t groups_count(const struct groups *g);
struct group *groups_at(const struct groups *g, size_t i);
/* The group with the same encoded key, or NULL. */
struct group *groups_find(const struct groups *g, const char *id);
/* Rows added (not skipped), and rows whose x was missing or not a number. */
uint64_t groups_rows(const struct groups *g);
uint64_t groups_nox(const struct groups *g);

/* Whether column col is part of the store's group key. */
int groups_is_key(const struct groups *g, size_t col);

/* Whether the accumulator still holds every value exactly. */
int gacc_exact(const struct gacc *a);

#endif
