/* tseries.h - a file's rows by group (the values of its key columns):
 * each group's times, intervals and wall times, and the checks of their
 * order, duplicates, gaps and jitter. */
#ifndef TSERIES_H
#define TSERIES_H

#include <stddef.h>

#include "check.h"
#include "util/strtab.h"

/* A group of rows: its key, times and (runs) wall times. */
struct grp {
	char *key;
	double *t, *iv, *wall;
	long *line;
	size_t n, nwall, cap, failed, timedout;
	size_t spans;		/* rows of lib/perfspan, not runs */
};

struct grps {
	struct grp *g;
	struct strtab keys;	/* g[i]'s key is string i */
	size_t n;
};

/* The group of key[0..len), made when new. */
struct grp *tseries_get(struct grps *gs, const char *key, size_t len);
/* Adds a row's time, interval_s and wall time (NaN: none) at line. */
void tseries_push(struct grp *g, double t, double iv, double wall, long line);
void tseries_free(struct grps *gs);
/* The time series checks of path's groups into l (samples: every group
 * has an interval_s). */
void tseries_check(struct checklist *l, const char *path, struct grps *gs,
    int samples);

#endif
