/* rdata.h - the raw rows a report draws: samples per host, downsampled in
 * bounded memory, and the wall times of runs per command. */
#ifndef RDATA_H
#define RDATA_H

#include <stddef.h>

#include "downsample.h"
#include "util/perr.h"

/* Hosts drawn as panels at most; more are counted, not drawn. */
#define RDATA_MAXHOSTS 8
/* Buckets per series: 257 to 512 (pairs merge as rows come), one for
 * every 1.5 to 3 pixels of a chart's plot (about 780 of the 900 of the
 * image).  Finer is more than the lines can show (anti-aliased segments
 * shorter than a pixel blur into the band), and gnuplot's time goes
 * with the points: at 675 buckets a day's eight charts took 0.44 s of
 * its CPU, at 338 about half that. */
#define RDATA_BUCKETS 512

struct rhost {
	char *name;
	struct downsample ds;
	double start, end;
	long rows;
	double *last;		/* the latest value of each metric */
};

struct rsamples {
	size_t nm;		/* metrics present, of those wanted */
	const char **metric;	/* their names */
	size_t nh;
	struct rhost h[RDATA_MAXHOSTS];
	size_t more_hosts;	/* hosts beyond RDATA_MAXHOSTS, not drawn */
	long rows;
	double start, end, interval;	/* interval: the median-free mean */
};

struct rgroup {
	char *label;		/* name, else command; then param_*=v */
	double *t, *wall, *param;
	size_t n, cap;
};

/* A function or span of lib/perfspan's rows, its rows summed. */
struct rspan {
	char *name, *parent;	/* parent "" at the root */
	double calls, total, self;	/* s */
};

struct rruns {
	size_t ng;
	struct rgroup *g;
	/* perfspan's rows (measured_by span, instrument, or either
	 * -sampled): not runs of commands, so in none of the groups. */
	size_t nspan;
	struct rspan *span;	/* most self time first */
	long spanrows;
	int sampled;		/* some of them PERFSPAN_SAMPLE's */
	char *param;		/* the first param_* column, or NULL */
	long rows, failed;
	int has_rss;		/* a max_rss_kib column */
	double start, end;
};

/*
 * Reads samples CSV files (merged by column name), keeping the wanted
 * metrics that are present (names[0..n)).  rows[i] receives the rows of
 * file i.  Returns 0, or -1 with "file:line: message" in e.
 */
int rdata_samples(char *const *paths, size_t npaths, const char *const *names,
    const char *const *wanted, size_t nwanted, long *rows,
    struct rsamples *s, struct perr *e);
void rdata_samples_free(struct rsamples *s);
/* The index of metric name in s, or -1. */
long rdata_metric(const struct rsamples *s, const char *name);

/* Reads runs CSV files: wall_s per command, failed runs left out and
 * counted; perfspan's rows summed per (name, parent). */
int rdata_runs(char *const *paths, size_t npaths, const char *const *names,
    long *rows, struct rruns *r, struct perr *e);
void rdata_runs_free(struct rruns *r);

#endif
