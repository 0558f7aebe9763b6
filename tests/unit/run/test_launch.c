/* test_launch.c - starting commands, redirection, environment, pinning,
 * process groups, deadlines and the env(1) exit statuses. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run/launch.h"
#include "tap.h"
#include "util/timeutil.h"

/* Reads a small file into buf; returns buf. */
static const char *
slurp(const char *path, char *buf, size_t len)
{
	FILE *fp = fopen(path, "r");
	size_t n = 0;

	if (fp != NULL) {
		n = fread(buf, 1, len - 1, fp);
		fclose(fp);
	}
	buf[n] = '\0';
	return buf;
}

/* Runs argv with o, waits, returns the wait status or -1. */
static int
run(struct launch_opts *o, char **argv)
{
	pid_t pid;
	int status, to;

	if (launch_start(o, argv, &pid) != 0)
		return -1;
	if (launch_wait(pid, 0, o->pgroup, &status, NULL, &to) < 0)
		return -1;
	return status;
}

int
main(void)
{
	extern char **environ;
	struct launch_opts o;
	struct launch_env env;
	struct rusage ru;
	char buf[256], runvar[32], *argv[8];
	const char *path, *script;
	pid_t pid;
	cpu_set_t one;
	double t0;
	int fd, status, to;

	/* The simple call. */
	argv[0] = "true", argv[1] = NULL;
	tap_int(launch_argv(argv, &pid), 0, "launch_argv true");
	tap_ok(pid > 0, "a pid");
	tap_int(launch_wait(pid, 0, 0, &status, &ru, &to), 0, "wait");
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit 0");
	tap_int(to, 0, "not timed out");
	argv[0] = "false";
	tap_int(launch_argv(argv, &pid), 0, "launch_argv false");
	launch_wait(pid, 0, 0, &status, NULL, &to);
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 1, "exit 1");

	/* Failures: errno values and env(1)'s statuses. */
	argv[0] = "perfpipe-no-such-command";
	tap_int(launch_argv(argv, &pid), ENOENT, "not found: ENOENT");
	tap_int(launch_exit_status(ENOENT), 127, "not found: 127");
	argv[0] = "/nonexistent/dir/cmd";
	tap_int(launch_argv(argv, &pid), ENOENT, "missing path: ENOENT");
	argv[0] = "";
	tap_int(launch_argv(argv, &pid), ENOENT, "empty name: ENOENT");
	path = tap_file("noexec", "#!/bin/sh\nexit 0\n");
	argv[0] = (char *)path;
	tap_int(launch_argv(argv, &pid), EACCES, "not executable: EACCES");
	tap_int(launch_exit_status(EACCES), 126, "cannot run: 126");
	argv[0] = "/";
	tap_int(launch_argv(argv, &pid), EACCES, "a directory: EACCES");

	/* Redirection and environment additions. */
	launch_opts_init(&o);
	path = tap_file("out", "");
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	o.out_fd = fd;
	launch_env_init(&env, environ);
	snprintf(runvar, sizeof runvar, "PERFPIPE_RUN=%d", 1);
	launch_env_put(&env, runvar);
	launch_env_put(&env, "PERFPIPE_TEST=a=b");
	snprintf(runvar, sizeof runvar, "PERFPIPE_RUN=%d", 7);
	o.envp = env.envp;
	argv[0] = "sh", argv[1] = "-c";
	argv[2] = "echo $PERFPIPE_RUN $PERFPIPE_TEST; echo err >&2";
	argv[3] = NULL;
	o.err_fd = fd;
	tap_int(run(&o, argv), 0, "sh with redirection");
	close(fd);
	tap_str(slurp(path, buf, sizeof buf), "7 a=b\nerr\n",
	    "stdout and stderr to a file, variables rewritten in place");
	launch_env_put(&env, "PERFPIPE_TEST=c");
	tap_str(env.envp[env.n - 1], "PERFPIPE_TEST=c", "put replaces");
	launch_env_free(&env);
	launch_env_init(&env, NULL);
	tap_ok(env.n == 0 && env.envp[0] == NULL, "empty environment");
	launch_env_free(&env);

	/* Prepared once, used twice: the same redirection each time. */
	launch_opts_init(&o);
	path = tap_file("prep", "");
	fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	o.out_fd = fd;
	o.pgroup = 1;
	tap_int(launch_opts_prepare(&o), 0, "prepare");
	argv[0] = "echo", argv[1] = "x", argv[2] = NULL;
	tap_int(run(&o, argv), 0, "prepared run 1");
	tap_int(run(&o, argv), 0, "prepared run 2");
	argv[0] = "perfpipe-no-such-command";
	tap_int(launch_start(&o, argv, &pid), ENOENT, "prepared: not found");
	launch_opts_free(&o);
	launch_opts_free(&o);
	tap_int(o.prepared, 0, "freed (twice is harmless)");
	close(fd);
	tap_str(slurp(path, buf, sizeof buf), "x\nx\n", "both runs redirected");

	/* Standard input from a file. */
	launch_opts_init(&o);
	script = tap_file("in", "exit 3\n");
	fd = open(script, O_RDONLY | O_CLOEXEC);
	o.in_fd = fd;
	argv[0] = "sh", argv[1] = NULL;
	status = run(&o, argv);
	close(fd);
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 3, "stdin from a file");

	/* Pinning: the child sees one CPU; ours is restored. */
	launch_opts_init(&o);
	CPU_ZERO(&one);
	CPU_SET(0, &one);
	o.cpus = &one;
	path = tap_file("cpus", "");
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	o.out_fd = fd;
	argv[0] = "sh", argv[1] = "-c";
	argv[2] = "grep Cpus_allowed_list /proc/self/status", argv[3] = NULL;
	tap_int(run(&o, argv), 0, "pinned child");
	close(fd);
	tap_str(slurp(path, buf, sizeof buf), "Cpus_allowed_list:\t0\n",
	    "the child runs on CPU 0");
	sched_getaffinity(0, sizeof one, &one);
	tap_int(CPU_COUNT(&one), sysconf(_SC_NPROCESSORS_ONLN),
	    "our affinity restored");

	/* A process group of its own, and a deadline that kills it whole:
	 * the grandchild holds the pipe open until it is killed too. */
	launch_opts_init(&o);
	o.pgroup = 1;
	argv[0] = "sh", argv[1] = "-c", argv[2] = "sleep 30 & sleep 30";
	argv[3] = NULL;
	t0 = timeutil_mono();
	tap_int(launch_start(&o, argv, &pid), 0, "start a tree");
	tap_int(getpgid(pid), pid, "it leads its own group");
	tap_int(launch_wait(pid, t0 + 0.2, 1, &status, &ru, &to), 0,
	    "wait with a deadline");
	tap_int(to, 1, "timed out");
	tap_ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "killed");
	tap_ok(timeutil_mono() - t0 < 5, "did not wait for sleep 30");
	/* The orphaned sleep is killed too; its reaper may take a moment. */
	while (kill(-pid, 0) == 0 && timeutil_mono() - t0 < 5)
		timeutil_sleep_until(timeutil_mono() + 0.01);
	errno = 0;
	tap_ok(kill(-pid, 0) < 0 && errno == ESRCH, "the whole group is gone");

	/* A deadline not reached. */
	argv[2] = "exit 5";
	tap_int(launch_start(&o, argv, &pid), 0, "start");
	tap_int(launch_wait(pid, timeutil_mono() + 10, 1, &status, &ru, &to), 0,
	    "wait");
	tap_ok(!to && WIFEXITED(status) && WEXITSTATUS(status) == 5,
	    "ended in time with its status");
	tap_ok(ru.ru_maxrss > 0, "resource usage filled");

	/* launch_kill. */
	argv[2] = "sleep 30";
	tap_int(launch_start(&o, argv, &pid), 0, "start sleep");
	tap_int(launch_kill(pid, 1), 0, "kill and reap");
	errno = 0;
	tap_ok(waitpid(pid, &status, WNOHANG) < 0 && errno == ECHILD, "reaped");
	return tap_done();
}
