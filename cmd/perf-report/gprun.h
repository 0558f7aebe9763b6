/* gprun.h - gnuplot runs for the report's charts: each chart a script
 * from plots/ and the variables it reads, so that text from the data
 * reaches gnuplot only as escaped string literals, never as script.  The
 * charts are drawn by one gnuplot per CPU, each drawing several in turn:
 * gnuplot's start (its libraries, cairo's fonts) is paid once per CPU,
 * not once per chart. */
#ifndef GPRUN_H
#define GPRUN_H

#include <stddef.h>

#include "util/perr.h"

/* One chart: its variables, as gnuplot assignments, and its script. */
struct gprun {
	char **cmd;		/* "name=<number>" and "name='text'" */
	size_t n, cap;
	char *script;		/* plots/KIND.gp */
	char *file;		/* the chart's base name, for messages */
};

/* name=<number>; NaN as gnuplot's NaN. */
void gprun_num(struct gprun *g, const char *name, double v);
/* The same, the name made by fmt. */
void gprun_numf(struct gprun *g, double v, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* name='text': text from data as an escaped string literal, the name
 * made by fmt. */
void gprun_str(struct gprun *g, const char *text, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/*
 * Draws runs[0..n) with the program gnuplot, one process per CPU at once,
 * each from a driver script dir/data/charts-K.gp (the charts' variables
 * and a load of each script, the session reset between charts), its
 * messages into dir/data/charts-K.gnuplot.err (kept only when gnuplot
 * complained), and waits for them all.  Returns 0, or -1 with
 * "chart FILE.svg: ..." in e for the first chart that could not be drawn.
 */
int gprun_all(struct gprun *runs, size_t n, const char *gnuplot,
    const char *dir, struct perr *e);
/* Kills and reaps the gnuplots gprun_all is waiting for, if any: for a
 * signal handler (async-signal-safe). */
void gprun_kill(void);
void gprun_free(struct gprun *g);

#endif
