/* eval.h - the window and hysteresis evaluator: per group of rows (host
 * and keys) and per series, a finding fires once its metric has stayed
 * past a level for the rule's duration, escalates to critical the same
 * way, and resolves only when the metric comes back past the clear level.
 * A gap in time (more than twice the interval) or time going backwards
 * ends every window of the group there. */
#ifndef EVAL_H
#define EVAL_H

#include <stddef.h>
#include <stdint.h>

#include "fmt/csvread.h"
#include "rules.h"
#include "series.h"

struct finding {
	size_t group, series;
	const char *metric;	/* the series' name (or a budget's metric) */
	const char *resource;	/* the rule's */
	int kind, dir;		/* KIND_*, DIR_* */
	int sev;		/* SEV_* reached */
	double start;		/* the window's start: first row past, less
				 * its interval */
	double end;		/* time of the last row of the window */
	uint64_t rows;		/* rows in the window */
	double peak, sum;	/* worst value, sum over the n known values */
	uint64_t n;
	double ctx_sum[NCTX];
	uint64_t ctx_n[NCTX];
	double threshold;	/* the level crossed for sev */
	int gap;		/* ended at a gap or a step back in time */
	int open;		/* still firing at the end of the input */
	int worded;		/* made by budget.c or blame.c, not by a
				 * rule: its maker wrote its words */
	char *evidence, *recommendation;	/* set by advice.c */
	double value;		/* for an alert: the value of the row */
};

struct group {
	char *host;
	char **keyvals;		/* values of the layout's key columns */
	double first, last, lastdt;
	uint64_t rows, gaps, backwards;
	struct sstate *st;	/* per series */
};

struct eval;
/* Called on each state change: state "firing" or "resolved", at time t. */
typedef void eval_event(void *arg, const struct eval *ev,
    const struct finding *f, const char *state, double t);

struct eval {
	const struct layout *l;
	const struct rules *rs;
	struct group *g;
	size_t ng;
	size_t *slot;		/* hash table of groups: index + 1, 0 free */
	size_t nslot;
	struct finding *f;	/* closed findings, in order of closing */
	size_t nf;
	eval_event *on_event;
	void *arg;
	uint64_t *known;	/* per series: rows with a value */
	char *keybuf;
	size_t keylen;
};

void eval_init(struct eval *ev, const struct layout *l,
    const struct rules *rs, eval_event *on_event, void *arg);
/* Feeds one row (vals from layout_parse).  Returns its group's index; the
 * group's last is the row's time. */
size_t eval_row(struct eval *ev, const struct csvread_row *row,
    const double *vals);
/* Closes the windows still firing (open = 1). */
void eval_finish(struct eval *ev);
/* Adds a finding made elsewhere (a budget); takes ownership of strings. */
void eval_add(struct eval *ev, const struct finding *f);
/* The group of host and keys, made when new; keyvals has l->nkeys. */
size_t eval_group(struct eval *ev, const char *host, char *const *keyvals);
void eval_free(struct eval *ev);

/* Mean over a finding's window, and of a context column (NaN: unknown). */
double finding_mean(const struct finding *f);
double finding_ctx(const struct finding *f, int ctx);

#endif
