/* blame.h - who a finding is due to, from process or cgroup rows
 * (perf-sample --per-process, -c): per group (pid and comm, or cgroup) the
 * CPU, memory and disk columns summed over time buckets, so a finding's
 * window ranks the groups of its host by their share; and resident memory
 * that only grows (a leak), told from a plateau by Theil-Sen's interval. */
#ifndef BLAME_H
#define BLAME_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "eval.h"
#include "series.h"

enum { BLAME_CPU, BLAME_MEM, BLAME_DISK, NBLAME };

/* At most this many buckets: the grid's width doubles (pairs merge) when
 * the time span needs more, so memory per group stays bounded. */
#define BLAME_NB 1024

struct blame_group {
	double *sum[NBLAME];	/* per bucket: value x seconds */
	double *dt;		/* per bucket: seconds sampled */
	size_t k0, nb;		/* the buckets held: [k0, k0 + nb) */
	uint64_t rows;
	double first, last;	/* times of the first and last rows */
	double peak;		/* largest memory value */
};

struct blame {
	long col[NBLAME][2];	/* columns summed per resource, or -1 */
	const char *metric[NBLAME];	/* the first column's name */
	int any;		/* some column found */
	double t0, width;	/* the bucket grid: [t0 + k w, t0 + (k+1) w) */
	size_t nb;		/* buckets in use on the grid */
	struct blame_group *g;	/* per eval group; NULL sums: no data */
	size_t ng;
};

/* Finds the process (proc_*) or else cgroup (cgroup_*) columns in r and
 * has the layout parse them. */
void blame_init(struct blame *b, const struct csvread *r, struct layout *l);
/* Adds a parsed row of group gi at time t, covering dt seconds. */
void blame_row(struct blame *b, size_t gi, double t, double dt,
    const double *vals);
/*
 * The groups of the finding's host with a share of its resource over its
 * window, largest first (at most 5, each at least 1%), as an array of
 * {keys, share_pct, value, unit}; NULL when the finding's resource has no
 * column or no group has data in the window.  New reference.
 */
json_t *blame_rank(const struct blame *b, const struct eval *ev,
    const struct finding *f);
/* The same over the whole input of a host: {"cpu": [...], ...}, or NULL
 * when no group of the host has process or cgroup data. */
json_t *blame_top(const struct blame *b, const struct eval *ev,
    const char *host);
/* Adds a warning finding to ev for each group whose memory grew steadily:
 * Theil-Sen slope with its 99% interval above 0, growth at least 10% of
 * the first level and 1 MiB, over 8 buckets or more. */
void blame_leaks(struct blame *b, struct eval *ev);
void blame_free(struct blame *b);

#endif
