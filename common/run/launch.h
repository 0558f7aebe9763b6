/* launch.h - starting commands without a shell (posix_spawnp): standard
 * streams redirected, environment additions, CPU pinning, a process group
 * of their own, bounded waits; failures come back as errno values. */
#ifndef LAUNCH_H
#define LAUNCH_H

#include <sched.h>
#include <spawn.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "util/perr.h"

/* How to start a command; launch_opts_init gives "inherit everything". */
struct launch_opts {
	int in_fd;		/* standard input from this fd, -1: inherit */
	int out_fd;		/* standard output to this fd, -1: inherit */
	int err_fd;		/* standard error to this fd, -1: inherit */
	char *const *envp;	/* the environment, NULL: the parent's */
	const cpu_set_t *cpus;	/* run on these CPUs, NULL: the parent's set */
	int pgroup;		/* nonzero: the child leads a process group */
	int cgroup_fd;		/* born in this cgroup v2 (its directory), -1:
				 * in ours; see launch_start */
	/* Filled by launch_opts_prepare. */
	int prepared, any;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	cpu_set_t home;
};

void launch_opts_init(struct launch_opts *o);
/*
 * Builds o's posix_spawn attributes and file actions once, so that each
 * launch_start need not (glibc checks every descriptor against the limit
 * and allocates for each action).  Call again after changing the fields
 * above; free with launch_opts_free.  Returns 0 or an errno value.
 */
int launch_opts_prepare(struct launch_opts *o);
void launch_opts_free(struct launch_opts *o);

/*
 * Starts argv[0], looked up on PATH as execvp does, with argv.  Returns 0
 * and stores the child's pid, or returns an errno value (ENOENT: not found,
 * EACCES, ENOEXEC: cannot run; the child never ran).  CPU pinning sets the
 * caller's own affinity around the spawn and restores it, so the caller
 * must be single-threaded.  Allocates nothing once o is prepared.
 *
 * With cgroup_fd set, posix_spawn cannot place the child: it is started
 * with clone3(CLONE_INTO_CGROUP) instead (Linux 5.7), a fork (copy on
 * write) rather than vfork, so it costs more; the child is in the cgroup
 * from its first instruction, and the caller never enters it.  ENOSYS on
 * older kernels; EACCES, EPERM when the cgroup is not delegated to us.
 */
int launch_start(const struct launch_opts *o, char *const argv[], pid_t *pid);

/* The simple call: starts argv inheriting everything.  Returns 0 and stores
 * the pid, or an errno value as launch_start. */
int launch_argv(char *const argv[], pid_t *pid);

/* The exit status env(1) uses for a spawn error: EXIT_NOT_FOUND (127)
 * when the command was not found (ENOENT, ENOTDIR), EXIT_CANNOT_RUN (126)
 * when it could not be run. */
int launch_exit_status(int err);

/*
 * Parses a CPU list such as "0-3,6" into set.  Returns 0, or -1 with the
 * reason in e: "cpu list 'x': ..." for a malformed list, a descending
 * range, or a CPU the caller may not run on.
 */
int launch_cpus_parse(const char *s, cpu_set_t *set, struct perr *e);

/*
 * Waits for pid, at most until the CLOCK_MONOTONIC time deadline (0: no
 * limit).  When the deadline passes, kills the child with SIGKILL (its
 * whole process group when group is nonzero), reaps it and sets
 * *timed_out.  Returns 0 with the wait status and the resource usage of
 * the child and its waited-for descendants (ru may be NULL); or -1 with
 * errno: EINTR when a signal arrived first (the child still runs: wait
 * again, or launch_kill and wait), anything else from wait4 or pidfd_open.
 */
int launch_wait(pid_t pid, double deadline, int group, int *status,
    struct rusage *ru, int *timed_out);

/* Sends SIGKILL to the child (its process group when group is nonzero) and
 * reaps it.  Returns 0, or -1 with errno. */
int launch_kill(pid_t pid, int group);

/*
 * An environment built once: the parent's, with variables set or replaced.
 * The strings are the caller's and must outlive the environment; a caller
 * may rewrite a string in place between spawns (e.g. "PERFPIPE_RUN=3") at
 * no cost.  Pass env.envp as launch_opts.envp.
 */
struct launch_env {
	char **envp;	/* NULL-terminated */
	size_t n;
};

/* Copies the pointers of base (e.g. environ).  Dies when memory runs out. */
void launch_env_init(struct launch_env *env, char *const *base);
/* Sets "NAME=value" (kv), replacing a variable of that name. */
void launch_env_put(struct launch_env *env, char *kv);
void launch_env_free(struct launch_env *env);

#endif
