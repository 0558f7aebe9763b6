/* cgrun.c - a cgroup v2 per benchmark, its CPU, memory and I/O counters. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgrun.h"
#include "sys/cgroup.h"
#include "util/timeutil.h"
#include "util/xalloc.h"

/* Reads the file behind fd from its start into buf; returns 0 or -1. */
static int
reread(int fd, char *buf, size_t len)
{
	ssize_t n = pread(fd, buf, len - 1, 0);

	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* Reads cpu.stat and, with the io controller, io.stat into s. */
static int
counters(struct cgrun *cg, struct cgroup_snap *s)
{
	if (procfile_read(&cg->cpu, &cg->buf, 0, NULL) < 0 ||
	    cgroup_parse_cpustat(cg->buf.p, cg->buf.len, s) < 0 ||
	    s->user_us == PROCFILE_NONE || s->system_us == PROCFILE_NONE)
		return -1;
	s->rbytes = s->wbytes = PROCFILE_NONE;
	if (cg->has_io && (procfile_read(&cg->io, &cg->buf, 0, NULL) < 0 ||
	    cgroup_parse_iostat(cg->buf.p, cg->buf.len, s) < 0))
		return -1;
	return 0;
}

/* Opens NAME in directory dir; -1 with errno. */
static int
openin(const char *dir, const char *name, int flags)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return open(path, flags | O_CLOEXEC);
}

/* Whether the word w is in the list of words of file dir/name. */
static int
listed(const char *dir, const char *name, const char *w)
{
	struct procfile_buf b;
	char *path = xasprintf("%s/%s", dir, name);
	const char *p, *end, *word;
	size_t n, len = strlen(w);
	int found = 0;

	procfile_buf_init(&b);
	if (procfile_slurp(path, &b, NULL) == 0)
		for (p = b.p, end = p + b.len; !found && p < end;
		    p = procfile_scan_nextline(p, end))
			while (!found &&
			    (p = procfile_scan_word(p, end, &word, &n)) != NULL)
				found = n == len && memcmp(word, w, n) == 0;
	procfile_buf_free(&b);
	free(path);
	return found;
}

int
cgrun_open(struct cgrun *cg, const char *root, int need_memory,
    struct perr *e)
{
	char *home;

	cg->dir_fd = cg->peak_fd = -1;
	cg->dir = NULL;
	if (cgroup_self(root, &home, e) < 0)
		return -1;
	if (need_memory && !listed(home, "cgroup.subtree_control", "memory")) {
		perr_set(e, "%s: no memory controller for a cgroup below it",
		    home);
		free(home);
		return -1;
	}
	cg->dir = xasprintf("%s/perf-time.%ld", home, (long)getpid());
	free(home);
	if (mkdir(cg->dir, 0755) < 0) {
		perr_set(e, "%s: %s", cg->dir, strerror(errno));
		free(cg->dir);
		cg->dir = NULL;
		return -1;
	}
	procfile_buf_init(&cg->buf);
	procfile_init(&cg->cpu, cg->dir, "cpu.stat");
	procfile_init(&cg->io, cg->dir, "io.stat");
	cg->dir_fd = open(cg->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cg->dir_fd < 0 || procfile_read(&cg->cpu, &cg->buf, 0, NULL) < 0) {
		perr_set(e, "%s: %s", cg->dir, strerror(errno));
		cgrun_close(cg, NULL);
		return -1;
	}
	/* A peak that cannot be reset (before 6.12) would span every run. */
	cg->peak_fd = openin(cg->dir, "memory.peak", O_RDWR);
	cg->has_io = procfile_read(&cg->io, &cg->buf, 0, NULL) == 0;
	return 0;
}

int
cgrun_has_memory(const struct cgrun *cg)
{
	return cg->peak_fd >= 0;
}

int
cgrun_mark(struct cgrun *cg)
{
	struct cgroup_snap s;

	if (counters(cg, &s) < 0)
		return -1;
	cg->user_us = s.user_us, cg->sys_us = s.system_us;
	cg->rbytes = s.rbytes, cg->wbytes = s.wbytes;
	if (cg->peak_fd >= 0 && pwrite(cg->peak_fd, "0", 1, 0) != 1)
		return -1;
	return 0;
}

int
cgrun_usage(struct cgrun *cg, struct cgrun_usage *u)
{
	struct cgroup_snap s;
	char buf[64];
	uint64_t peak;

	u->user_s = u->sys_s = u->peak_kib = NAN;
	u->read_bytes = u->write_bytes = NAN;
	if (counters(cg, &s) < 0)
		return -1;
	u->user_s = (double)(s.user_us - cg->user_us) / 1e6;
	u->sys_s = (double)(s.system_us - cg->sys_us) / 1e6;
	if (s.rbytes != PROCFILE_NONE && cg->rbytes != PROCFILE_NONE) {
		u->read_bytes = (double)(s.rbytes - cg->rbytes);
		u->write_bytes = (double)(s.wbytes - cg->wbytes);
	}
	if (cg->peak_fd >= 0 && reread(cg->peak_fd, buf, sizeof buf) == 0 &&
	    procfile_scan_u64(buf, buf + strlen(buf), &peak) != NULL)
		u->peak_kib = (double)peak / 1024;
	return 0;
}

/* The pids in cgroup.procs into *pids (a new array); their number, or
 * -1 when the file cannot be read. */
static long
members(const struct cgrun *cg, pid_t **pids)
{
	struct procfile_buf b;
	char *path = xasprintf("%s/cgroup.procs", cg->dir);
	const char *p, *end;
	uint64_t v;
	long n = 0;

	*pids = NULL;
	procfile_buf_init(&b);
	if (procfile_slurp(path, &b, NULL) < 0)
		n = -1;
	for (p = b.p, end = p + b.len; n >= 0 && p < end;
	    p = procfile_scan_nextline(p, end))
		if (procfile_scan_u64(p, end, &v) != NULL) {
			*pids = xreallocarray(*pids, (size_t)n + 1,
			    sizeof **pids);
			(*pids)[n++] = (pid_t)v;
		}
	procfile_buf_free(&b);
	free(path);
	return n;
}

int
cgrun_empty(struct cgrun *cg)
{
	double until = timeutil_mono() + 1;
	long n, i, first = -1;
	pid_t *pids;

	for (;;) {
		if ((n = members(cg, &pids)) <= 0) {
			free(pids);
			return n < 0 ? -1 : first < 0 ? 0 : (int)first;
		}
		if (first < 0)
			first = n;
		/* A signal each, again while any is left (one may fork
		 * meanwhile): not cgroup.kill, which, seen here on 6.18,
		 * went on killing the runs started in the cgroup after it. */
		for (i = 0; i < n; i++)
			kill(pids[i], SIGKILL);
		free(pids);
		if (timeutil_mono() > until)
			return -1;
		timeutil_sleep_until(timeutil_mono() + 0.001);
	}
}

int
cgrun_close(struct cgrun *cg, struct perr *e)
{
	int *fds[] = { &cg->dir_fd, &cg->peak_fd };
	double until = timeutil_mono() + 1;
	size_t i;
	int r = 0;

	if (cg->dir != NULL)
		cgrun_empty(cg);
	for (i = 0; i < sizeof fds / sizeof fds[0]; i++)
		if (*fds[i] >= 0) {
			close(*fds[i]);
			*fds[i] = -1;
		}
	procfile_close(&cg->cpu);
	procfile_close(&cg->io);
	procfile_buf_free(&cg->buf);
	if (cg->dir == NULL)
		return 0;
	/* Killed processes leave the cgroup asynchronously. */
	while (rmdir(cg->dir) < 0) {
		if (errno != EBUSY || timeutil_mono() > until) {
			r = perr_set(e, "%s: %s", cg->dir, strerror(errno));
			break;
		}
		timeutil_sleep_until(timeutil_mono() + 0.005);
	}
	free(cg->dir);
	cg->dir = NULL;
	return r;
}
