/* runsout.h - the runs table (schemas/runs.schema.json): its header and
 * one row per run, each written whole and flushed as the run ends. */
#ifndef RUNSOUT_H
#define RUNSOUT_H

#include <stddef.h>
#include <stdio.h>

#include "fmt/csvwrite.h"
#include "measure.h"
#include "params.h"

struct runsout {
	struct csvwrite w;
	const struct params *ps;	/* the param_* columns, in order */
	int counters;			/* write the counter columns */
	char *const *labels;		/* --label NAME=VALUE, after host */
	size_t nlabels;
	char host[256];
};

/* One row: what ran, which run, and its measurement. */
struct runsout_row {
	double time;			/* epoch seconds at the start */
	const char *name, *command;
	const char *const *pvals;	/* a value per parameter */
	size_t run;			/* 1-based */
	double overhead_s;		/* shell start-up subtracted or NaN */
	const struct measure_result *r;
};

/* Sets o up: the param_* columns of ps, the counter columns, the labels
 * (each "NAME=VALUE": a NAME column after host, VALUE in every row), and
 * host (NULL: this machine's name; "": empty, so that runs of several
 * machines compare as one). */
void runsout_init(struct runsout *o, const struct params *ps, int counters,
    char *const *labels, size_t nlabels, const char *host);
/* The header's column names, a new array of *n (free() the array and
 * each name). */
char **runsout_names(const struct runsout *o, size_t *n);
/* Starts writing rows to fp, the header first when header is set.
 * Returns 0, or -1 with errno from the stream. */
int runsout_open(struct runsout *o, FILE *fp, int header);
/* Writes a row and flushes it.  Returns 0, or -1 with errno.  Allocates
 * nothing. */
int runsout_row(struct runsout *o, const struct runsout_row *row);

#endif
