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

/* Writes the header to fp (the host name is looked up here).  Returns 0,
 * or -1 with errno from the stream. */
int runsout_open(struct runsout *o, FILE *fp, const struct params *ps,
    int counters);
/* Writes a row and flushes it.  Returns 0, or -1 with errno.  Allocates
 * nothing. */
int runsout_row(struct runsout *o, const struct runsout_row *row);

#endif
