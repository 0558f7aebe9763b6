/* cgrun.h - a cgroup v2 of its own for the runs of a benchmark: the CPU
 * time of the whole process tree (descendants that were never waited for
 * included), its peak memory and I/O where those controllers are enabled,
 * and emptying it of what a run left behind. */
#ifndef CGRUN_H
#define CGRUN_H

#include <stdint.h>

#include "sys/procfile.h"
#include "util/perr.h"

struct cgrun {
	char *dir;	/* the run cgroup, perf-time.PID under the caller's */
	int dir_fd;	/* its directory: launch_opts.cgroup_fd */
	struct procfile cpu;	/* its cpu.stat */
	struct procfile io;	/* its io.stat, if has_io */
	int has_io;		/* the io controller is enabled for it */
	int peak_fd;	/* its memory.peak, -1 without a resettable one */
	struct procfile_buf buf;
	uint64_t user_us, sys_us, rbytes, wbytes;	/* at cgrun_mark */
};

/* What the cgroup saw since cgrun_mark; NaN where not known. */
struct cgrun_usage {
	double user_s, sys_s;
	double peak_kib;		/* memory.peak (Linux 6.12) */
	double read_bytes, write_bytes;	/* io.stat, every device */
};

/*
 * Creates the cgroup below the caller's on the cgroup2 hierarchy (found
 * in mountinfo under root, normally "/proc/self"; tests pass another
 * directory holding mountinfo and cgroup).  With need_memory, first makes
 * sure it would have the memory controller (the caller's cgroup lists it
 * in cgroup.subtree_control) and creates nothing otherwise.  Returns 0, or
 * -1 with the reason in e: no cgroup2 mounted, the caller's cgroup not on
 * it, no memory controller, no permission to create (not delegated).
 * Children are started in it with launch_opts.cgroup_fd = cg->dir_fd.
 * Close with cgrun_close.
 */
int cgrun_open(struct cgrun *cg, const char *root, int need_memory,
    struct perr *e);
/* Whether the cgroup gives the tree's peak memory. */
int cgrun_has_memory(const struct cgrun *cg);

/* Starts a measurement: notes the CPU and I/O counters, resets the peak.
 * Returns 0, or -1 with errno. */
int cgrun_mark(struct cgrun *cg);
/* Fills u with what happened since cgrun_mark.  Returns 0, or -1 with
 * errno (u is then all NaN). */
int cgrun_usage(struct cgrun *cg, struct cgrun_usage *u);
/* Kills the processes still in the cgroup (a run's background children)
 * and waits, up to a second, until it is empty.  Returns how many there
 * were, or -1 when it could not be emptied. */
int cgrun_empty(struct cgrun *cg);
/* Empties the cgroup, removes it and closes everything.  Returns 0, or -1
 * with the reason in e (the cgroup is then left behind: say so). */
int cgrun_close(struct cgrun *cg, struct perr *e);

#endif
