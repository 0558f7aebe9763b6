/* sampler.h - turning two snapshots into a row of columns: rates from
 * counter deltas, percentages, levels; the column list is declared by the
 * same code that fills it, so header and values cannot drift apart. */
#ifndef SAMPLER_H
#define SAMPLER_H

#include <stddef.h>
#include <stdint.h>

#include "sys/cgroup.h"
#include "sys/procpid.h"
#include "procsys.h"

/* A column: its CSV name, and for the Prometheus form its metric name
 * and the one label that tells devices apart (NULL for none). */
struct sampler_col {
	char *name;
	char *metric;
	const char *lkey;	/* "cpu", "device" or "metric", or NULL */
	char *lval;
	char *pattern;		/* per device: "cpuN_busy_pct", else NULL */
	int dec;		/* decimals written */
};

/*
 * A row being built.  The first call of a row function (ncols still 0 and
 * declaring set) declares the columns; later calls fill v[] in the same
 * order.  Devices are those of the first snapshot: later ones are left
 * out, vanished ones give NaN (an empty field).
 */
struct sampler_row {
	struct sampler_col *col;
	double *v;		/* the values, NaN when unknown */
	double *tot;		/* per rate column (_per_s), its integral since
				 * the first sample: a counter for Prometheus;
				 * NULL until sampler_integrate */
	long id;		/* what the row is of (a pid), -1: the one row */
	size_t ncols, cap;
	size_t at;		/* the next column to fill */
	int declaring;
	/* devices chosen when declaring, with where they were last seen */
	char (*disk)[32];
	long *diskhint;
	size_t ndisk;
	char (*net)[32];
	long *nethint;
	size_t nnet;
	size_t ncpu;
};

void sampler_row_init(struct sampler_row *r);
void sampler_row_free(struct sampler_row *r);

/* Adds each rate column's value times dt (the interval it was measured
 * over) to its total: counters that rise by exactly what the rates say,
 * unknown intervals left out.  r0 declared the columns (r itself, or the
 * first of rows that share its columns). */
void sampler_integrate(struct sampler_row *r, const struct sampler_row *r0,
    double dt);

/* Starts a row: declaring it if no column is declared yet, else filling
 * it again from the first column. */
void sampler_begin(struct sampler_row *r);
/* Adds one value (declaring: the column named name, with dec decimals). */
void sampler_put(struct sampler_row *r, const char *name, int dec, double v);
/* Adds one value of a family whose members a label tells apart (column
 * name; Prometheus metric PROMNAME with label lkey=lval; pattern names
 * the family's columns in its HELP). */
void sampler_put_labelled(struct sampler_row *r, const char *name,
    const char *promname, const char *lkey, const char *lval,
    const char *pattern, int dec, double v);
/* A device's name as it stands in column names: a-z and 0-9 as they are,
 * any other byte as "_" and two lower-case hex digits ("dm-0" is
 * "dm_2d0", "eth0.100" "eth0_2e100", "eth0_100" "eth0_5f100"), so that
 * every name is unique and reads back.  A new string. */
char *sampler_escape(const char *dev);

/* Adds a per-device value: column PREFIX_DEV_METRIC, with Prometheus
 * metric PROMNAME and label lkey=dev. */
void sampler_put_dev(struct sampler_row *r, const char *prefix, const char *dev,
    const char *metric, const char *promname, const char *lkey, int dec,
    double v);

/* The rate of a counter over dt seconds, NaN when either end is unknown
 * or the counter went backwards (a device re-created, a wrap). */
double sampler_rate(uint64_t prev, uint64_t cur, double dt);
/* A level (PROCFILE_NONE gives NaN). */
double sampler_level(uint64_t v);

/* Adds the twelve pressure columns PREFIX{cpu,memory,io}_{some,full}_
 * {avg10_pct,stall_ms_per_s} from two readings of three pressure files. */
void sampler_psi_cols(struct sampler_row *r, const char *prefix,
    const struct psi *a, const struct psi *b, double dt);

/*
 * Declares or fills the process columns (proc_*) from two readings of a
 * tree, dt seconds apart, tck clock ticks per second.  With which < 0 the
 * row is the whole tree of b, else the process b->p[which] alone.  A
 * process not in a is counted from its start (it began in the interval);
 * one that left is not counted.  A counter unknown for any member makes
 * the column unknown.
 */
void sampler_proc_row(struct sampler_row *r, const struct procpid_tree *a,
    const struct procpid_tree *b, long which, double dt, double tck);

/* Declares or fills the cgroup columns (cgroup_*) from two readings. */
void sampler_cg_row(struct sampler_row *r, const struct cgroup_snap *a,
    const struct cgroup_snap *b, double dt);

/*
 * Formats v with dec decimals (at most 9), trailing zeros removed, into
 * buf (at least 32 bytes) without stdio; NaN gives "".  Values too large
 * for the fast path go through num_fmt.  Returns the length written.
 */
size_t sampler_fmt(char *buf, double v, int dec);

#endif
