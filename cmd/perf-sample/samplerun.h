/* samplerun.h - perf-sample's job: the settings its command line gives,
 * the sources it reads, the snapshots, the rows and their output. */
#ifndef SAMPLERUN_H
#define SAMPLERUN_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

#include "fmt/csvwrite.h"
#include "sys/procpid.h"
#include "procsys.h"
#include "sampler.h"
#include "sys/cgroup.h"
#include "sysrow.h"
#include "usermetric.h"

/* What is sampled. */
enum { SAMPLERUN_SYSTEM, SAMPLERUN_PROCESS, SAMPLERUN_CGROUP };

/* What the command line asks for; set once before the run. */
struct samplerun_opts {
	int scope;			/* SAMPLERUN_SYSTEM ... */
	int per_process;		/* --per-process: a row per process */
	int prometheus;			/* -f prometheus */
	int realtime;			/* -R: ask for SCHED_FIFO */
	struct sysrow_opts sysopts;	/* --per-cpu, --per-disk, --per-net */
	const char *cgpath;		/* -c, NULL: none */
	const char *outpath;		/* -o, NULL: stdout */
	const char *host;		/* --host, NULL: the tree's host name */
	long long count, pid;		/* -n (0: no limit), -p (-1: none) */
	double interval, duration;	/* -i, -d (0: none), seconds */
	const char **roots;		/* --root DIR in order (a new array,
					 * free() it), NULL: none given */
	size_t nroots;
	char **command;			/* the command and its arguments (in
					 * argv), NULL: none */
	struct usermetrics *metrics;	/* --metric, --metric-cmd: read at
					 * each sample, added to every row */
};

/* What a sample reads: one per root (several when replaying trees). */
struct samplerun_source {
	const char *root;
	struct procsys_reader sys;
	struct procpid_reader pid;
	struct cgroup_reader cg;
};

struct samplerun_snap {
	double mono, real;
	struct procsys_snap sys;
	struct procpid_tree tree;
	struct cgroup_snap cg;
};

/* The state of a run: its sources, the two latest snapshots, the rows. */
struct samplerun {
	const struct samplerun_opts *o;
	volatile sig_atomic_t *stopsig;		/* SIGINT or SIGTERM caught */
	volatile sig_atomic_t *childexit;	/* SIGCHLD caught */
	struct samplerun_source *src;
	size_t nsrc;
	int replay;		/* several roots: the trees are replayed */
	struct samplerun_snap sn[2];
	struct sampler_row *rows;
	size_t nrows;
	struct csvwrite w;
	pid_t child;		/* the command, -1: none */
};

/*
 * Opens a source per root (n of them; replayed trees must come in the
 * order they were taken), takes the first snapshot, fixes the columns
 * from it and starts the output: the header on stdout, or appended to
 * o->outpath unless it has it already.  child is the command's pid, or -1;
 * stopsig and childexit are the flags the signal handler sets.  Dies with
 * a message (exit status 2) on any failure.
 */
void xsamplerun_open(struct samplerun *r, const struct samplerun_opts *o,
    const char *const *roots, size_t n, pid_t child,
    volatile sig_atomic_t *stopsig, volatile sig_atomic_t *childexit);
/*
 * Samples at each tick of the interval grid until the count or the
 * duration is reached, a signal comes, the command ends or the replayed
 * trees run out; a signal is passed on to the command.  Writes each
 * sample whole; dies with a message (exit status 2) on a read or write
 * error.
 */
void samplerun_loop(struct samplerun *r);
/* Closes the sources and frees what r holds. */
void samplerun_close(struct samplerun *r);

#endif
