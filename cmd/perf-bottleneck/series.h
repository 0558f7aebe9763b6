/* series.h - what perf-bottleneck evaluates in a samples CSV: each metric
 * column a rule matches, the derived metrics (load per CPU, error and drop
 * ratios, file handles used), the key columns that form groups, and the
 * context columns that evidence and recommendations quote. */
#ifndef SERIES_H
#define SERIES_H

#include <stddef.h>

#include "fmt/csvread.h"
#include "rules.h"
#include "util/perr.h"

/* Context columns, averaged over each finding's window. */
enum { CTX_BUSY, CTX_IOWAIT, CTX_STEAL, CTX_LOAD1, CTX_PSI_CPU, CTX_PSI_MEM,
	CTX_PSI_IO, CTX_MEM, CTX_SWAPIN, CTX_MAJFLT, CTX_DISK_UTIL, CTX_AWAIT,
	CTX_QUEUE, CTX_THROTTLED, NCTX };

enum { SER_COL, SER_RATIO, SER_PER_CPU, SER_OF_MAX };

struct series {
	char *name;	/* the metric: a column, or a derived name */
	size_t rule;	/* index into the rules */
	int how;	/* SER_*: a/b*100, a/ncpu, a/fdmax*100 */
	long a, b;	/* columns */
};

/* Notes for the output, each said once. */
struct notes {
	char **v;
	size_t n;
};

void notes_add(struct notes *n, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void notes_free(struct notes *n);

struct layout {
	size_t ncols;
	long time, interval, host;	/* columns, or -1 */
	long *keys;			/* key columns besides host */
	char **keyname;			/* their names */
	size_t nkeys;
	struct series *s;
	size_t ns;
	long ctx[NCTX];			/* context columns, or -1 */
	long *used;			/* the columns each row's parse reads */
	size_t nused;
	double ncpu;			/* NaN when not known */
	double fdmax;			/* NaN when not known */
	int runs;			/* a runs CSV (perf-time): wall_s */
};

/*
 * Maps the reader's header onto the rules.  cpus and fdmax (NaN: not
 * given) stand in for what the columns do not say.  A rule no column
 * feeds is named once in notes.  Free with layout_free.
 */
void layout_init(struct layout *l, const struct csvread *r,
    const struct rules *rs, double cpus, double fdmax, struct notes *notes);
void layout_free(struct layout *l);
/* Has layout_parse read column c too (c < 0: nothing). */
void layout_use(struct layout *l, long c);

/* Parses the used columns of row into vals (NaN for an empty field).
 * Returns 0, or -1 with "file:line: column 'c': 'x' is not a number". */
int layout_parse(const struct layout *l, const struct csvread *r,
    const struct csvread_row *row, double *vals, struct perr *e);
/* The value of series i in a parsed row; NaN when not known. */
double layout_value(const struct layout *l, size_t i, const double *vals);

#endif
