/* cgrun.c - a cgroup v2 per benchmark, its CPU, memory and I/O counters. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgrun.h"
#include "util/timeutil.h"
#include "util/xalloc.h"

/* Reads the whole of a small file at path into a new string, or NULL. */
static char *
slurp(const char *path)
{
	FILE *fp;
	char *buf;
	size_t n;

	if ((fp = fopen(path, "re")) == NULL)
		return NULL;
	buf = xmalloc(65536);
	n = fread(buf, 1, 65535, fp);
	buf[n] = '\0';
	if (ferror(fp)) {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	return buf;
}

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

/* The value after "key " at the start of a line of text, or -1. */
static int
keyval(const char *text, const char *key, uint64_t *v)
{
	size_t klen = strlen(key);
	const char *p = text;
	char *end;

	for (;;) {
		if (strncmp(p, key, klen) == 0 && p[klen] == ' ') {
			errno = 0;
			*v = strtoull(p + klen + 1, &end, 10);
			if (errno != 0 || end == p + klen + 1 ||
			    (*end != '\n' && *end != '\0'))
				return -1;
			return 0;
		}
		if ((p = strchr(p, '\n')) == NULL)
			return -1;
		p++;
	}
}

int
cgrun_parse_cpu(const char *text, uint64_t *user_us, uint64_t *sys_us)
{
	if (keyval(text, "user_usec", user_us) < 0 ||
	    keyval(text, "system_usec", sys_us) < 0)
		return -1;
	return 0;
}

int
cgrun_parse_io(const char *text, uint64_t *rbytes, uint64_t *wbytes)
{
	const char *p = text, *f;
	char *end;
	uint64_t v;

	*rbytes = *wbytes = 0;
	while (*p != '\0') {
		/* "MAJ:MIN rbytes=N wbytes=N rios=N ..." */
		if ((f = strchr(p, ' ')) == NULL)
			return -1;
		while (*f == ' ') {
			f++;
			if (strncmp(f, "rbytes=", 7) == 0 ||
			    strncmp(f, "wbytes=", 7) == 0) {
				errno = 0;
				v = strtoull(f + 7, &end, 10);
				if (errno != 0 || end == f + 7 ||
				    (*end != ' ' && *end != '\n' &&
				    *end != '\0'))
					return -1;
				*(f[0] == 'r' ? rbytes : wbytes) += v;
			}
			f += strcspn(f, " \n");
		}
		if (*f == '\n')
			f++;
		else if (*f != '\0')
			return -1;
		p = f;
	}
	return 0;
}

/* Finds the cgroup2 mount point and the caller's path on it. */
static int
locate(const char *root, char **dir, struct perr *e)
{
	char path[4096], *mi, *cg, *line, *next, *mnt = NULL, *rel = NULL;
	char *f[10], *dash, *tok, *sv;
	int nf;

	snprintf(path, sizeof path, "%s/mountinfo", root);
	if ((mi = slurp(path)) == NULL)
		return perr_set(e, "%s: %s", path, strerror(errno));
	for (line = mi; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		/* "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS [TAGS] - TYPE SRC" */
		if ((dash = strstr(line, " - ")) == NULL ||
		    strncmp(dash + 3, "cgroup2 ", 8) != 0)
			continue;
		*dash = '\0';
		nf = 0;
		for (tok = strtok_r(line, " ", &sv); tok != NULL && nf < 10;
		    tok = strtok_r(NULL, " ", &sv))
			f[nf++] = tok;
		if (nf >= 5) {
			mnt = f[4];
			break;
		}
	}
	if (mnt == NULL) {
		free(mi);
		return perr_set(e, "no cgroup2 file system mounted");
	}
	snprintf(path, sizeof path, "%s/cgroup", root);
	if ((cg = slurp(path)) == NULL) {
		free(mi);
		return perr_set(e, "%s: %s", path, strerror(errno));
	}
	for (line = cg; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (strncmp(line, "0::", 3) == 0) {
			rel = line + 3;
			break;
		}
	}
	if (rel == NULL || strstr(rel, "(deleted)") != NULL) {
		free(mi);
		free(cg);
		return perr_set(e, "not in a cgroup v2");
	}
	*dir = xasprintf("%s%s", mnt, strcmp(rel, "/") == 0 ? "" : rel);
	free(mi);
	free(cg);
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
	char path[4096], *text, *tok, *sv;
	int found = 0;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((text = slurp(path)) == NULL)
		return 0;
	for (tok = strtok_r(text, " \n", &sv); tok != NULL && !found;
	    tok = strtok_r(NULL, " \n", &sv))
		found = strcmp(tok, w) == 0;
	free(text);
	return found;
}

int
cgrun_open(struct cgrun *cg, const char *root, int need_memory,
    struct perr *e)
{
	char *home;

	cg->dir_fd = cg->cpu_fd = cg->peak_fd = cg->io_fd = cg->kill_fd = -1;
	cg->dir = NULL;
	if (locate(root, &home, e) < 0)
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
	cg->dir_fd = open(cg->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	cg->cpu_fd = openin(cg->dir, "cpu.stat", O_RDONLY);
	if (cg->dir_fd < 0 || cg->cpu_fd < 0) {
		perr_set(e, "%s: %s", cg->dir, strerror(errno));
		cgrun_close(cg, NULL);
		return -1;
	}
	/* A peak that cannot be reset (before 6.12) would span every run. */
	cg->peak_fd = openin(cg->dir, "memory.peak", O_RDWR);
	cg->io_fd = openin(cg->dir, "io.stat", O_RDONLY);
	cg->kill_fd = openin(cg->dir, "cgroup.kill", O_WRONLY);
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
	char buf[4096];

	if (reread(cg->cpu_fd, buf, sizeof buf) < 0 ||
	    cgrun_parse_cpu(buf, &cg->user_us, &cg->sys_us) < 0)
		return -1;
	if (cg->io_fd >= 0 && (reread(cg->io_fd, buf, sizeof buf) < 0 ||
	    cgrun_parse_io(buf, &cg->rbytes, &cg->wbytes) < 0))
		return -1;
	if (cg->peak_fd >= 0 && pwrite(cg->peak_fd, "0", 1, 0) != 1)
		return -1;
	return 0;
}

int
cgrun_usage(struct cgrun *cg, struct cgrun_usage *u)
{
	char buf[4096], *end;
	uint64_t a, b;

	u->user_s = u->sys_s = u->peak_kib = NAN;
	u->read_bytes = u->write_bytes = NAN;
	if (reread(cg->cpu_fd, buf, sizeof buf) < 0 ||
	    cgrun_parse_cpu(buf, &a, &b) < 0)
		return -1;
	u->user_s = (double)(a - cg->user_us) / 1e6;
	u->sys_s = (double)(b - cg->sys_us) / 1e6;
	if (cg->io_fd >= 0 && reread(cg->io_fd, buf, sizeof buf) == 0 &&
	    cgrun_parse_io(buf, &a, &b) == 0) {
		u->read_bytes = (double)(a - cg->rbytes);
		u->write_bytes = (double)(b - cg->wbytes);
	}
	if (cg->peak_fd >= 0 && reread(cg->peak_fd, buf, sizeof buf) == 0) {
		errno = 0;
		a = strtoull(buf, &end, 10);
		if (errno == 0 && end != buf && *end == '\n')
			u->peak_kib = (double)a / 1024;
	}
	return 0;
}

int
cgrun_kill(struct cgrun *cg)
{
	if (cg->kill_fd < 0) {
		errno = ENOTSUP;
		return -1;
	}
	return write(cg->kill_fd, "1", 1) == 1 ? 0 : -1;
}

int
cgrun_close(struct cgrun *cg, struct perr *e)
{
	int *fds[] = { &cg->dir_fd, &cg->cpu_fd, &cg->peak_fd, &cg->io_fd,
	    &cg->kill_fd };
	double until = timeutil_mono() + 1;
	size_t i;
	int r = 0;

	for (i = 0; i < sizeof fds / sizeof fds[0]; i++)
		if (*fds[i] >= 0) {
			close(*fds[i]);
			*fds[i] = -1;
		}
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
