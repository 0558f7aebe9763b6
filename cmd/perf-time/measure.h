/* measure.h - one measured run of a command: wall time taken right around
 * spawn and wait, the resource usage of the process tree (wait4's rusage,
 * or the run cgroup's), I/O bytes, hardware counters, how it ended. */
#ifndef MEASURE_H
#define MEASURE_H

#include <signal.h>
#include <stdint.h>

#include "cgrun.h"
#include "perfevent.h"
#include "run/launch.h"

/* What a measurement uses; set up once, shared by every run. */
struct measure {
	struct cgrun *cg;	/* the run cgroup, or NULL: wait4's rusage */
	struct perfevent *pe;	/* counters, or NULL */
	long self_kib;		/* our own peak resident size, as last read */
	double timeout;		/* seconds per run, 0: none */
	const volatile sig_atomic_t *stop;	/* set by a signal: give up */
};

#define MEASURE_NCOUNTERS 4

/*
 * One run.  A value not known is NaN.  max_rss_kib from wait4 is unknown
 * when it does not exceed the caller's own peak: exec hands the peak of
 * the address space it replaces to the new program, and after vfork (or
 * fork) that is the caller's, so the kernel's figure is then only an upper
 * bound (GNU time and hyperfine report that bound as the value).
 */
struct measure_result {
	double wall_s, user_s, sys_s;
	double cpu_pct;		/* (user + sys) / wall of the run as measured,
				 * before any shell correction */
	double max_rss_kib, minor_faults, major_faults;
	double vol_ctx_switches, invol_ctx_switches;
	double read_bytes, write_bytes;
	double counters[MEASURE_NCOUNTERS];
	int exit_status;	/* exit status, -1 when killed by a signal */
	int signal;		/* the signal that killed it, 0 if none */
	int timed_out;		/* killed at the timeout */
	int by_cgroup;		/* CPU time (and memory) from the cgroup */
	int leftovers;		/* processes of the run still in its cgroup
				 * when it ended, killed then */
};

/* Sets m up with no cgroup, no counters, no timeout. */
void measure_init(struct measure *m);

/*
 * Runs argv once as o says (o->pgroup should be set: a timeout or a stop
 * kills the group) and fills r.  Returns 0 when the command ran; an errno
 * value when it could not be started (r untouched: see launch_start);
 * -1 when *m->stop was set while it ran (the run was killed and reaped,
 * r is not valid); -2 with errno for a failed wait (the run was killed).
 */
int measure_run(struct measure *m, const struct launch_opts *o,
    char *const argv[], struct measure_result *r);

/*
 * Times the shell starting and ending with nothing to do (sh -c ''), as
 * hyperfine does, to subtract it from commands run through the shell: 3
 * warm-up runs, then up to 200 runs or a quarter of a second (at least
 * 20).  Stores in over the median wall time (robust against the spikes of
 * a busy machine) and the mean user and system times (the kernel samples
 * how a short run's time splits between the two).  Returns 0, an errno
 * value when sh cannot be started, or -1 when stopped.
 */
int measure_shell(struct measure *m, const struct launch_opts *o,
    const char *shell, double over[3]);

#endif
