/* columns.h - the roles of the columns of any perfpipe CSV: keys that form
 * groups, metrics to summarise, the time axis, and numeric identifiers
 * that are neither; decided while streaming, before all rows are read. */
#ifndef COLUMNS_H
#define COLUMNS_H

#include <stddef.h>

#include "fmt/csvread.h"
#include "util/perr.h"

/*
 * The rules, in order (a column named by an option always wins):
 *
 *  1. --x COL, else a column named `time`, is the axis (COL_AXIS): not a
 *     metric unless --metric names it.
 *  2. --by COL,... : exactly those columns are keys.  Without it, keys are
 *     the columns known as keys by name (host, name, command, cgroup, pid,
 *     comm, commit, branch, label, source, param_*) and every other column
 *     whose first non-empty value is not a number.
 *  3. --metric COL,... : exactly those columns are metrics.  Without it,
 *     metrics are the columns whose first non-empty value is a number,
 *     except the known identifiers (ppid, tid, run, exit_status, signal,
 *     timed_out, cpu, measured_by), which name or count things rather
 *     than measure them (COL_ID).  interval_s is a metric: the measured
 *     interval, whose spread shows the sampler's jitter.
 *  4. A column that is empty in every row seen so far is undecided; it
 *     takes its role from its first non-empty value, and a column empty to
 *     the end is a metric with no values (unless rule 2 or 3 excludes it).
 *     Empty key fields are the same as an absent column, so deciding late
 *     never splits a group.
 *  5. Once a metric, always a metric: a later value that is not a number
 *     is an error naming its file and line, and where the column became a
 *     metric ("a metric since a.csv:2") when that was in another file.
 *
 * Columns that are none of these (strings when --by is given, numbers when
 * --metric is given, identifiers) are COL_SKIP or COL_ID and ignored.
 */
enum col_role {
	COL_UNDECIDED,
	COL_KEY,
	COL_METRIC,
	COL_AXIS,
	COL_ID,
	COL_SKIP
};

struct columns {
	size_t n;		/* number of columns of the merged header */
	unsigned char *role;	/* role[i]: enum col_role */
	long *since_line;	/* where a late role was decided */
	size_t *since_src;
	size_t nundecided;	/* columns still undecided */
	long axis;		/* the axis column, or -1 */
	unsigned char by_given, metric_given;
};

/*
 * Sets the roles that the names and options decide.  by, metric and x are
 * comma-separated lists (x: one name) or NULL; every name must be in the
 * header.  Fails (-1, reason in e, "FILE:1: ...") for a name not in the
 * header, a column named both by --by and --metric, a key named as axis;
 * then nothing is left to free.  Free with columns_free.
 */
int columns_init(struct columns *c, const struct csvread *r, const char *by,
    const char *metric, const char *x, struct perr *e);
void columns_free(struct columns *c);

/*
 * Decides undecided columns from this row's non-empty fields.  Returns the
 * number of columns that became keys in this row (groups keyed so far
 * stay valid: see rule 4).  Cheap once every column is decided.
 */
int columns_see(struct columns *c, const struct csvread_row *row);

/* Ends the decisions: undecided columns become metrics (or COL_SKIP when
 * --metric was given). */
void columns_finish(struct columns *c);

/* Reports a value that is not a number in metric column i: always -1 with
 * "file:line: column 'NAME': 'TEXT' is not a number" in e. */
int columns_notnum(const struct columns *c, const struct csvread *r,
    const struct csvread_row *row, size_t i, struct perr *e);

/*
 * Checks that every source shares at least one column with the first,
 * that the merged header has a metric or an undecided column, and that
 * key and metric columns have names the trend schema allows (metrics
 * snake_case, keys letters, digits and _).  Returns 0, or -1 with
 * "FILE:1: ..." in e.
 */
int columns_check(const struct columns *c, const struct csvread *r,
    struct perr *e);

/* The perfpipe format of source src, told by a column only that format
 * has: "runs" (wall_s), "samples" (interval_s) or "unknown". */
const char *columns_format(const struct csvread *r, size_t src);

/* Whether the name is a known key or a known numeric identifier. */
int columns_known_key(const char *name);
int columns_known_id(const char *name);

/* The name of a role, for messages and output ("key", "metric", ...). */
const char *columns_role_name(enum col_role role);

#endif
