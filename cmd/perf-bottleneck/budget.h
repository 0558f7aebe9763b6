/* budget.h - performance budgets on runs CSV (perf-time's output): a
 * command fails its budget only when the 95% interval of its median lies
 * wholly above it, so one noisy run does not trip it. */
#ifndef BUDGET_H
#define BUDGET_H

#include <stddef.h>

#include "eval.h"
#include "util/perr.h"

struct budget {
	char *text;	/* as given: "name=sort:wall_s=2.5" */
	char *name;	/* the command's name, NULL for every command */
	char *metric;
	double limit;
	long col;	/* the metric's column, -1 when absent */
};

struct budgets {
	struct budget *b;
	size_t n;
	/* Values per (group, budget): vals[g * n + k], nvals, cap. */
	double **vals;
	size_t *nvals, *cap, ngroups;
	double *tmin, *tmax;	/* per group: first and last run times */
};

/* Adds "[name=NAME:]METRIC=LIMIT".  Returns 0, or -1 with the reason. */
int budget_parse(struct budgets *bs, const char *spec, struct perr *e);
/* Finds the columns; a budget whose metric is absent gets a note. */
void budget_bind(struct budgets *bs, const struct csvread *r,
    struct notes *notes);
/* Keeps the budgeted values of a row of group gi (named name). */
void budget_row(struct budgets *bs, size_t gi, const char *name,
    const struct csvread_row *row, double t, struct perr *e, int *bad);
/* Adds a finding to ev per budget and command over it (critical when
 * failed, info when only the median is over it). */
void budget_finish(struct budgets *bs, struct eval *ev);
void budget_free(struct budgets *bs);

#endif
