/* test_cgrun.c - cpu.stat and io.stat parsing, locating the cgroup2
 * hierarchy, and (where this machine allows) a real run cgroup. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgrun.h"
#include "run/launch.h"
#include "tap.h"

/* Writes a fake /proc/self with mountinfo and cgroup into dir. */
static const char *
fakeroot(const char *name, const char *mountinfo, const char *cgroup)
{
	static char dir[512];
	char path[600];
	FILE *fp;

	snprintf(dir, sizeof dir, "%s/%s", tap_tmpdir(), name);
	mkdir(dir, 0755);
	snprintf(path, sizeof path, "%s/mountinfo", dir);
	fp = fopen(path, "w");
	fputs(mountinfo, fp);
	fclose(fp);
	snprintf(path, sizeof path, "%s/cgroup", dir);
	fp = fopen(path, "w");
	fputs(cgroup, fp);
	fclose(fp);
	return dir;
}

int
main(void)
{
	struct cgrun cg;
	struct cgrun_usage u;
	struct perr e;
	struct stat st;
	char *argv[] = { "sh", "-c",
	    "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done", NULL };
	char dir[4096], path[64], line[512] = "", *nope[2] = { NULL, NULL };
	struct launch_opts o;
	FILE *fp;
	pid_t pid, pid2;
	int status, to;

	tap_int(cgrun_open(&cg, fakeroot("v1", "22 1 0:20 / /sys/fs/cgroup/cpu"
	    " rw - cgroup cgroup rw,cpu\n", "1:cpu:/\n"), 0, &e), -1,
	    "no cgroup2");
	tap_str(e.msg, "no cgroup2 file system mounted", "says so");
	tap_int(cgrun_open(&cg, fakeroot("nov2", "30 1 0:26 / /nonexistent/cg2"
	    " rw shared:9 - cgroup2 cgroup2 rw\n", "1:cpu:/\n"), 0, &e), -1,
	    "not in a cgroup v2");
	tap_str(e.msg, "not in a cgroup v2", "says so");
	tap_int(cgrun_open(&cg, fakeroot("gone", "30 1 0:26 / /nonexistent/cg2"
	    " rw shared:9 - cgroup2 cgroup2 rw\n", "0::/a/b\n"), 1, &e), -1,
	    "no memory controller");
	tap_str(e.msg, "/nonexistent/cg2/a/b: no memory controller for a"
	    " cgroup below it", "names the cgroup");
	tap_int(cgrun_open(&cg, "/nonexistent", 0, &e), -1, "no proc");

	if (cgrun_open(&cg, "/proc/self", 1, &e) < 0)
		tap_ok(strstr(e.msg, "no memory controller") != NULL ||
		    strstr(e.msg, "cgroup") != NULL, "need_memory: %s", e.msg);
	else {
		tap_ok(cgrun_has_memory(&cg), "need_memory: it has memory.peak");
		cgrun_close(&cg, NULL);
	}
	if (cgrun_open(&cg, "/proc/self", 0, &e) < 0) {
		tap_ok(1, "real cgroup # SKIP %s", e.msg);
		return tap_done();
	}
	snprintf(dir, sizeof dir, "%s", cg.dir);
	tap_ok(stat(dir, &st) == 0 && S_ISDIR(st.st_mode), "created %s", dir);
	tap_int(cgrun_mark(&cg), 0, "mark");
	launch_opts_init(&o);
	o.cgroup_fd = cg.dir_fd;
	tap_int(launch_start(&o, argv, &pid), 0, "spawn inside");
	tap_int(launch_wait(pid, 0, 0, &status, NULL, &to), 0, "wait");
	tap_int(cgrun_usage(&cg, &u), 0, "usage");
	tap_ok(u.user_s + u.sys_s > 0.005, "the child's CPU time counted (%g s)",
	    u.user_s + u.sys_s);
	tap_ok(cgrun_has_memory(&cg) ? u.peak_kib > 0 : u.peak_kib != u.peak_kib,
	    "peak memory known exactly when the controller is there");
	tap_int(cgrun_mark(&cg), 0, "mark again");
	tap_int(cgrun_usage(&cg, &u), 0, "usage of nothing");
	tap_ok(u.user_s + u.sys_s < 0.005, "nothing ran since the mark");
	argv[2] = "sleep 30";
	tap_int(launch_start(&o, argv, &pid), 0, "spawn sleep inside");
	snprintf(path, sizeof path, "/proc/%ld/cgroup", (long)pid);
	fp = fopen(path, "r");
	while (fp != NULL && fgets(line, sizeof line, fp) != NULL &&
	    strncmp(line, "0::", 3) != 0)
		;
	tap_ok(strncmp(line, "0::", 3) == 0 &&
	    strstr(line, "/perf-time.") != NULL, "born in it");
	if (fp != NULL)
		fclose(fp);
	nope[0] = "perfpipe-no-such-command";
	tap_int(launch_start(&o, nope, &pid2), ENOENT, "not found: ENOENT");
	o.out_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	o.pgroup = 1;
	nope[0] = "true";
	tap_int(launch_start(&o, nope, &pid2), 0, "redirected, own group");
	tap_int(launch_wait(pid2, 0, 1, &status, NULL, &to), 0, "waited");
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "ran");
	close(o.out_fd);
	tap_ok(cgrun_empty(&cg) >= 1, "emptied: the busy child killed");
	launch_wait(pid, 0, 0, &status, NULL, &to);
	tap_ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	    "by SIGKILL");
	tap_int(cgrun_empty(&cg), 0, "empty now");
	nope[0] = "true";
	o.out_fd = -1;
	tap_int(launch_start(&o, nope, &pid2), 0, "a run after emptying");
	tap_int(launch_wait(pid2, 0, 1, &status, NULL, &to), 0, "waited");
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "is not killed (cgroup.kill, seen here, went on killing)");
	tap_int(cgrun_close(&cg, &e), 0, "close");
	tap_ok(stat(dir, &st) < 0 && errno == ENOENT, "removed");
	return tap_done();
}
