/* launch.c - starting commands with posix_spawnp, waiting with deadlines. */
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/cli.h"
#include "launch.h"
#include "util/timeutil.h"
#include "util/xalloc.h"

void
launch_opts_init(struct launch_opts *o)
{
	o->in_fd = o->out_fd = o->err_fd = -1;
	o->envp = NULL;
	o->cpus = NULL;
	o->pgroup = 0;
	o->cgroup_fd = -1;
	o->prepared = 0;
}

/* In the child of a clone: places the streams, the group, and runs argv;
 * on failure tells the parent why through fd and ends. */
static void __attribute__((noreturn))
child(const struct launch_opts *o, char *const argv[], char *const envp[],
    int fd)
{
	int err;

	/* dup2 clears close-on-exec on the copy. */
	if ((o->in_fd >= 0 && o->in_fd != 0 && dup2(o->in_fd, 0) < 0) ||
	    (o->out_fd >= 0 && o->out_fd != 1 && dup2(o->out_fd, 1) < 0) ||
	    (o->err_fd >= 0 && o->err_fd != 2 && dup2(o->err_fd, 2) < 0) ||
	    (o->pgroup && setpgid(0, 0) < 0))
		err = errno;
	else {
		execvpe(argv[0], argv, envp);
		err = errno;
	}
	if (write(fd, &err, sizeof err) < 0)
		_exit(EXIT_NOT_FOUND);
	_exit(EXIT_NOT_FOUND);
}

/* Starts argv in the cgroup o->cgroup_fd with clone3; as launch_start. */
static int
launch_clone(const struct launch_opts *o, char *const argv[],
    char *const envp[], pid_t *pid)
{
	struct clone_args ca;
	ssize_t n;
	long r;
	int fd[2], err = 0, status;

	if (pipe2(fd, O_CLOEXEC) < 0)
		return errno;
	memset(&ca, 0, sizeof ca);
	ca.flags = CLONE_INTO_CGROUP | CLONE_VFORK;
	ca.exit_signal = SIGCHLD;
	ca.cgroup = (uint64_t)o->cgroup_fd;
	r = syscall(SYS_clone3, &ca, sizeof ca);
	if (r == 0) {
		close(fd[0]);
		child(o, argv, envp, fd[1]);
	}
	err = errno;
	close(fd[1]);
	if (r < 0) {
		close(fd[0]);
		return err;
	}
	/* CLONE_VFORK: by now the child has run its program (the pipe closed
	 * on exec: nothing to read) or sent why it could not. */
	while ((n = read(fd[0], &err, sizeof err)) < 0 && errno == EINTR)
		;
	close(fd[0]);
	if (n == sizeof err) {
		while (waitpid((pid_t)r, &status, 0) < 0 && errno == EINTR)
			;
		return err;
	}
	*pid = (pid_t)r;
	return 0;
}

/* Adds a dup2 of fd onto target, unless fd is -1 or already target. */
static int
redirect(posix_spawn_file_actions_t *fa, int fd, int target, int *any)
{
	if (fd < 0 || fd == target)
		return 0;
	*any = 1;
	return posix_spawn_file_actions_adddup2(fa, fd, target);
}

/* Builds the attributes and file actions o asks for; *any says whether
 * there is a file action at all.  Returns 0 or an errno value (nothing
 * to destroy then). */
static int
build(const struct launch_opts *o, posix_spawn_file_actions_t *fa,
    posix_spawnattr_t *at, int *any)
{
	int err;

	*any = 0;
	if ((err = posix_spawn_file_actions_init(fa)) != 0)
		return err;
	if ((err = posix_spawnattr_init(at)) != 0) {
		posix_spawn_file_actions_destroy(fa);
		return err;
	}
	if ((err = redirect(fa, o->in_fd, 0, any)) != 0 ||
	    (err = redirect(fa, o->out_fd, 1, any)) != 0 ||
	    (err = redirect(fa, o->err_fd, 2, any)) != 0 ||
	    (o->pgroup && ((err = posix_spawnattr_setpgroup(at, 0)) != 0 ||
	    (err = posix_spawnattr_setflags(at,
	    POSIX_SPAWN_SETPGROUP)) != 0))) {
		posix_spawnattr_destroy(at);
		posix_spawn_file_actions_destroy(fa);
	}
	return err;
}

int
launch_opts_prepare(struct launch_opts *o)
{
	int err;

	launch_opts_free(o);
	if (o->cpus != NULL && sched_getaffinity(0, sizeof o->home,
	    &o->home) < 0)
		return errno;
	if ((err = build(o, &o->fa, &o->at, &o->any)) != 0)
		return err;
	o->prepared = 1;
	return 0;
}

void
launch_opts_free(struct launch_opts *o)
{
	if (!o->prepared)
		return;
	posix_spawnattr_destroy(&o->at);
	posix_spawn_file_actions_destroy(&o->fa);
	o->prepared = 0;
}

int
launch_start(const struct launch_opts *o, char *const argv[], pid_t *pid)
{
	extern char **environ;
	posix_spawn_file_actions_t lfa;
	posix_spawnattr_t lat;
	const posix_spawn_file_actions_t *fa = &o->fa;
	const posix_spawnattr_t *at = &o->at;
	char *const *envp = o->envp != NULL ? o->envp : environ;
	cpu_set_t saved;
	int err, any = o->any;

	if (argv == NULL || argv[0] == NULL || argv[0][0] == '\0')
		return ENOENT;
	if (!o->prepared) {
		if ((err = build(o, &lfa, &lat, &any)) != 0)
			return err;
		fa = &lfa, at = &lat;
	}
	/* posix_spawn cannot set the child's affinity: the child inherits
	 * ours, so ours is set for the moment of the spawn. */
	if (o->cpus != NULL) {
		if (o->prepared)
			saved = o->home;
		else if (sched_getaffinity(0, sizeof saved, &saved) < 0) {
			err = errno;
			goto out;
		}
		if (sched_setaffinity(0, sizeof *o->cpus, o->cpus) < 0) {
			err = errno;
			goto out;
		}
	}
	if (o->cgroup_fd >= 0)
		err = launch_clone(o, argv, envp, pid);
	else
		err = posix_spawnp(pid, argv[0], any ? fa : NULL, at, argv,
		    envp);
	if (o->cpus != NULL)
		sched_setaffinity(0, sizeof saved, &saved);
out:
	if (!o->prepared) {
		posix_spawnattr_destroy(&lat);
		posix_spawn_file_actions_destroy(&lfa);
	}
	return err;
}

int
launch_argv(char *const argv[], pid_t *pid)
{
	struct launch_opts o;

	launch_opts_init(&o);
	return launch_start(&o, argv, pid);
}

int
launch_exit_status(int err)
{
	return err == ENOENT || err == ENOTDIR ? EXIT_NOT_FOUND :
	    EXIT_CANNOT_RUN;
}

int
launch_cpus_parse(const char *s, cpu_set_t *set, struct perr *e)
{
	cpu_set_t allowed;
	char part[64], why[128], *dash;
	const char *p = s;
	long long a, b, i;
	size_t len;

	CPU_ZERO(set);
	if (sched_getaffinity(0, sizeof allowed, &allowed) < 0)
		return perr_set(e, "cpu list '%s': %s", s, strerror(errno));
	do {
		len = strcspn(p, ",");
		if (len == 0 || len >= sizeof part)
			return perr_set(e, "cpu list '%s': not a list such as"
			    " 0-3,6", s);
		memcpy(part, p, len);
		part[len] = '\0';
		if ((dash = strchr(part, '-')) != NULL)
			*dash++ = '\0';
		if (cli_int(part, 0, CPU_SETSIZE - 1, &a, why,
		    sizeof why) < 0 ||
		    (dash != NULL && cli_int(dash, a, CPU_SETSIZE - 1, &b, why,
		    sizeof why) < 0))
			return perr_set(e, "cpu list '%s': %s", s, why);
		if (dash == NULL)
			b = a;
		for (i = a; i <= b; i++) {
			if (!CPU_ISSET(i, &allowed))
				return perr_set(e, "cpu list '%s': cpu %lld not"
				    " available", s, i);
			CPU_SET(i, set);
		}
		p += len;
	} while (*p++ == ',');
	return 0;
}

/* wait4, retrying nothing: EINTR goes back to the caller. */
static int
reap(pid_t pid, int *status, struct rusage *ru)
{
	/* wait4 takes a NULL rusage when the caller wants none. */
	if (wait4(pid, status, 0, ru) < 0)
		return -1;
	return 0;
}

int
launch_kill(pid_t pid, int group)
{
	int status;

	if (kill(group ? -pid : pid, SIGKILL) < 0 && errno != ESRCH)
		return -1;
	while (reap(pid, &status, NULL) < 0)
		if (errno != EINTR)
			return -1;
	return 0;
}

int
launch_wait(pid_t pid, double deadline, int group, int *status,
    struct rusage *ru, int *timed_out)
{
	struct pollfd p;
	struct timespec ts;
	double left;
	int fd, r, saved;

	*timed_out = 0;
	if (deadline <= 0)
		return reap(pid, status, ru);
	/* A pidfd becomes readable when the child ends: poll it until the
	 * deadline, then wait4 (which never blocks by then). */
	if ((fd = (int)syscall(SYS_pidfd_open, pid, 0)) < 0)
		return -1;
	p.fd = fd;
	p.events = POLLIN;
	for (;;) {
		left = deadline - timeutil_mono();
		if (left < 0)
			left = 0;
		ts = timeutil_ts(left);
		r = ppoll(&p, 1, &ts, NULL);
		if (r > 0)
			break;
		if (r < 0) {
			saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		if (left == 0) {
			*timed_out = 1;
			kill(group ? -pid : pid, SIGKILL);
			break;
		}
	}
	close(fd);
	while ((r = reap(pid, status, ru)) < 0 && errno == EINTR && *timed_out)
		;
	return r;
}

void
launch_env_init(struct launch_env *env, char *const *base)
{
	size_t n = 0;

	while (base != NULL && base[n] != NULL)
		n++;
	env->envp = xreallocarray(NULL, n + 1, sizeof *env->envp);
	if (n)
		memcpy(env->envp, base, n * sizeof *env->envp);
	env->envp[n] = NULL;
	env->n = n;
}

void
launch_env_put(struct launch_env *env, char *kv)
{
	size_t i, len;
	const char *eq = strchr(kv, '=');

	len = eq != NULL ? (size_t)(eq - kv) + 1 : strlen(kv);
	for (i = 0; i < env->n; i++)
		if (strncmp(env->envp[i], kv, len) == 0) {
			env->envp[i] = kv;
			return;
		}
	env->envp = xreallocarray(env->envp, env->n + 2, sizeof *env->envp);
	env->envp[env->n++] = kv;
	env->envp[env->n] = NULL;
}

void
launch_env_free(struct launch_env *env)
{
	free(env->envp);
	env->envp = NULL;
	env->n = 0;
}
