/* gprun.h - gnuplot runs for the report's charts: a command line built of
 * -e variables and a script from plots/, so that text from the data
 * reaches gnuplot only as escaped string literals, never as script. */
#ifndef GPRUN_H
#define GPRUN_H

#include <stddef.h>
#include <sys/types.h>

#include "util/perr.h"

struct gprun {
	char **argv;
	size_t n, cap;
	char *file;		/* the chart's base name, for messages */
	pid_t pid;
	int errfd;		/* gnuplot's messages, kept for ours */
	char *errpath;
};

/* Appends s (taken, malloc'd) to the command line. */
void gprun_arg(struct gprun *g, char *s);
/* -e "name=<number>"; NaN as gnuplot's NaN. */
void gprun_num(struct gprun *g, const char *name, double v);
/* The same, the name made by fmt. */
void gprun_numf(struct gprun *g, double v, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* -e "name='text'": text from data as an escaped string literal, the
 * name made by fmt. */
void gprun_str(struct gprun *g, const char *text, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/*
 * Runs runs[0..n) at once, gnuplot's messages into dir/data/FILE.gnuplot.err
 * (kept only when one complained), and waits for them all.  Returns 0, or
 * -1 with "chart FILE.svg: ..." in e for the first that could not start
 * or failed.
 */
int gprun_all(struct gprun *runs, size_t n, const char *dir,
    struct perr *e);
/* Kills and reaps the runs gprun_all is waiting for, if any: for a
 * signal handler (async-signal-safe). */
void gprun_kill(void);
void gprun_free(struct gprun *g);

#endif
