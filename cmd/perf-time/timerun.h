/* timerun.h - perf-time's job: the settings its command line gives, and
 * the run state (benchmarks, measurement, streams, rows) in one struct. */
#ifndef TIMERUN_H
#define TIMERUN_H

#include <signal.h>
#include <stddef.h>

#include "bench.h"
#include "export.h"
#include "cgrun.h"
#include "measure.h"
#include "params.h"
#include "perfevent.h"
#include "run/launch.h"
#include "runsout.h"

enum { TIMERUN_AUTO, TIMERUN_CGROUP, TIMERUN_RUSAGE };	/* --measure */
enum { TIMERUN_SEQUENTIAL, TIMERUN_ALTERNATE, TIMERUN_SHUFFLE };

/* What the command line asks for; set once before the runs. */
struct timerun_opts {
	struct bench_spec spec;		/* commands, names, hooks, parameters */
	struct bench_rule rule;	/* -r, -m, -M, --precision, --min-time */
	struct params ps;
	long long warmup, seed;
	double timeout;			/* seconds, 0: none */
	int counters;
	int summary;			/* -1: when stderr is a terminal */
	int interleave;			/* TIMERUN_SEQUENTIAL ... */
	int measure;			/* TIMERUN_AUTO ... */
	int ignore_all, nignore;	/* -i; -i=CODES */
	int ignore_codes[256];
	const char *input, *output, *cpulist;	/* NULL, "null", NULL */
	const char *append;		/* -o FILE: rows appended, or NULL */
	struct export_opts exp;		/* --export-* in hyperfine's formats */
	const char *calibration;	/* --calibration FILE, or NULL */
	const char *host;		/* --host, NULL: this machine's */
	char *labels[64];		/* --label NAME=VALUE */
	size_t nlabels;
	char *names[1024];
};

/* The state of the job, from the plan to the last row. */
struct timerun {
	const struct timerun_opts *o;
	const volatile sig_atomic_t *stop;	/* set by a signal: give up */
	struct measure m;
	struct cgrun cg;
	struct perfevent pe;
	struct launch_opts ro;		/* how runs and hooks start */
	struct launch_env env;		/* kept for the whole run */
	cpu_set_t cpus;			/* --cpu */
	struct runsout out;
	FILE *rows;			/* stdout, or the -o file */
	const char *rowsname;		/* "<stdout>", or its path */
	char runvar[48];		/* PERFPIPE_RUN=N, in env */
	double overhead[3];		/* shell start-up: wall, user, sys */
	double floor;			/* --calibration's spawn floor, or 0 */
	int tty;			/* progress on stderr */
	double last_progress;		/* when it was last shown */
	struct bench *b;
	size_t nb, *order;
};

/*
 * Plans the benchmarks of o and gets ready to run them: the environment,
 * --input and --output, the measurement (cgroup, counters), the shell's
 * start-up time, and the header of the runs on stdout.  o->summary must
 * be 0 or 1.  stop is the flag a signal handler sets.  Dies with a
 * message on any failure (exit status 2, or EXIT_INTERRUPTED when stopped).
 */
/* perf-validate's calibration (a perf-calibration/1 file or a validation
 * document): the spawn floor (0 to 1 s), the shell's start-up (NaN when
 * absent) and the host it was measured on ("" when absent). */
struct timerun_cal {
	double floor, shell;
	char host[256];
};
int timerun_calibration(const char *path, struct timerun_cal *c,
    struct perr *e);

void xtimerun_open(struct timerun *t, const struct timerun_opts *o,
    const volatile sig_atomic_t *stop);
/*
 * Sets up, warms up, measures and cleans up each benchmark, in turn or
 * interleaved, with a row per measured run on stdout and the summaries on
 * stderr.  Returns 0, or -1 when stopped by a signal (the rows written are
 * whole).  Dies with a message when a hook or a run fails.
 */
int xtimerun_all(struct timerun *t);
/* Says that the runs were interrupted; removes the cgroup and exits with
 * EXIT_INTERRUPTED. */
void xtimerun_interrupted(struct timerun *t) __attribute__((noreturn));
/* Removes the cgroup; then exits with status (or with EXIT_TROUBLE when
 * stdout cannot be written). */
void xtimerun_finish(struct timerun *t, int status)
    __attribute__((noreturn));

#endif
