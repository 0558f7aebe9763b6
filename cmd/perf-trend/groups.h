/* groups.h - rows of a perfpipe CSV gathered per group (the values of the
 * key columns) and metric, each metric of a group an accumulator that
 * keeps its values within a memory budget (gacc.h). */
#ifndef GROUPS_H
#define GROUPS_H

#include <stddef.h>
#include <stdint.h>

#include "columns.h"
#include "fmt/csvread.h"
#include "gacc.h"
#include "util/perr.h"

/* One group. */
struct group {
	char **key;		/* key[col]: the value, NULL where the column is
				 * not a key of this group or the field is empty */
	char *id;		/* the encoded key, "name\x1fvalue\x1e" ... */
	uint64_t rows;		/* rows of the group; missing = rows - n */
	uint64_t timed_out;	/* runs left out: timed out (censored) */
	uint64_t failed;	/* runs left out: non-zero exit or a signal */
	long first_line;	/* where the group first appeared */
	size_t first_src;
	struct gacc *m;		/* its metrics' accumulators: see
				 * groups_metric */
	size_t nm;
	struct gaxis axis;	/* the x of its rows, while m[] read them */
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
    long xcol, struct gacc_budget *b);
void groups_free(struct groups *g);
/* Keeps, beside each exact value, the text of column col in its row (a
 * commit, say), for naming change points; call before adding rows.  The
 * labels count against the budget as 16 bytes per value plus the text. */
void groups_label(struct groups *g, long col);
/* Leaves key column col out of the group key as well (-1: none); call
 * before adding rows. */
void groups_ignore(struct groups *g, long col);

/* Keeps failed runs (a non-zero exit_status, a signal) in the statistics;
 * by default they are left out and counted in their group's failed. */
void groups_keep_failed(struct groups *g);

/*
 * Adds a row: finds or makes its group, parses each metric field (fast
 * path) and adds it.  Empty fields are missing values.  A run that timed
 * out (a timed_out column, not 0) is censored: its times are only a
 * lower bound, so it is counted in the group's timed_out, never averaged
 * in; a failed one likewise in failed (see groups_keep_failed).  Returns
 * 0; 1 when the store is closed and holds no group of the row (nothing
 * added: see groups_close); or -1 with "file:line: column 'NAME':
 * 'TEXT' is not a number" in e.
 */
int groups_add_row(struct groups *g, const struct columns *c,
    const struct csvread *r, const struct csvread_row *row, struct perr *e);

/* Groups in order of first appearance. */
size_t groups_count(const struct groups *g);
struct group *groups_at(const struct groups *g, size_t i);
/* The group with the same encoded key, or NULL. */
struct group *groups_find(const struct groups *g, const char *id);
/* Rows added (not skipped), and rows whose x was missing or not a number. */
uint64_t groups_rows(const struct groups *g);
/* The accumulator of column col in gr: an empty one where the column is
 * not a metric or gr has no value of it. */
const struct gacc *groups_metric(const struct groups *g,
    const struct group *gr, size_t col);
uint64_t groups_nox(const struct groups *g);

/* The memory the groups themselves take (their keys, places and
 * accumulators, not the values, which the budget counts), about. */
size_t groups_bytes(const struct groups *g);
/* Makes no more groups: a row of a group not held is left to the caller
 * (groups_add_row returns 1), its numbers checked first when check is
 * set (not when the rows were read and checked before). */
void groups_close(struct groups *g, int check);

/* Whether column col is part of the store's group key. */
int groups_is_key(const struct groups *g, size_t col);

#endif
