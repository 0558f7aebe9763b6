/* procpid.c - process trees from /proc: a scan of every process's stat
 * for parent links, then status, io and fd of the tree's members. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sys/procpid.h"
#include "util/xalloc.h"

int
procpid_open(struct procpid_reader *r, const char *root, int pid, struct perr *e)
{
	size_t n = strlen(root);
	char path[64];
	long v;

	memset(r, 0, sizeof *r);
	while (n > 0 && root[n - 1] == '/')
		n--;
	r->proc = xasprintf("%.*s/proc", (int)n, root);
	r->root = pid;
	r->procfd = open(r->proc, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (r->procfd < 0) {
		perr_set(e, "%s: %s", r->proc, strerror(errno));
		free(r->proc);
		return -1;
	}
	snprintf(path, sizeof path, "%d/stat", pid);
	if (faccessat(r->procfd, path, F_OK, 0) != 0) {
		perr_set(e, "process %d: no such process", pid);
		close(r->procfd);
		free(r->proc);
		return -1;
	}
	procfile_buf_init(&r->buf);
	r->dentsz = 32768;
	r->dents = xmalloc(r->dentsz);
	v = sysconf(_SC_CLK_TCK);
	r->tck = v > 0 ? (double)v : 100;
	v = sysconf(_SC_PAGESIZE);
	r->pagekib = v >= 1024 ? (uint64_t)v / 1024 : 4;
	return 0;
}

void
procpid_tree_free(struct procpid_tree *t)
{
	free(t->p);
	memset(t, 0, sizeof *t);
}

void
procpid_close(struct procpid_reader *r)
{
	close(r->procfd);
	free(r->proc);
	procfile_buf_free(&r->buf);
	free(r->dents);
	procpid_tree_free(&r->all);
	free(r->mark);
}

static const char *
field(const char *p, const char *end, int skip, uint64_t *v)
{
	const char *w;
	size_t n;

	while (skip-- > 0)
		if ((p = procfile_scan_word(p, end, &w, &n)) == NULL)
			return NULL;
	return procfile_scan_u64(p, end, v);
}

int
procpid_parse_stat(const char *text, size_t len, struct procpid_info *p)
{
	const char *end = text + len, *q, *open, *close;
	uint64_t v;

	/* "pid (comm) state ppid ...": comm may hold blanks and parens. */
	if ((q = procfile_scan_u64(text, end, &v)) == NULL || v > 0x7fffffff ||
	    (open = memchr(q, '(', (size_t)(end - q))) == NULL)
		return -1;
	for (close = end; close > open && close[-1] != ')'; close--)
		;
	if (close == open)
		return -1;
	p->pid = (int)v;
	v = (uint64_t)(close - 1 - (open + 1));
	if (v >= sizeof p->comm)
		v = sizeof p->comm - 1;
	memcpy(p->comm, open + 1, v);
	p->comm[v] = '\0';
	/* Fields counted from state (3): ppid 4, minflt 10, majflt 12,
	 * utime 14, stime 15, num_threads 20, starttime 22, rss 24. */
	p->state = close + 1 < end ? close[1] : '?';
	if ((q = field(close, end, 1, &v)) == NULL || v > 0x7fffffff)
		return -1;
	p->ppid = (int)v;
	if ((q = field(q, end, 5, &p->minflt)) == NULL ||
	    (q = field(q, end, 1, &p->majflt)) == NULL ||
	    (q = field(q, end, 1, &p->utime)) == NULL ||
	    (q = field(q, end, 0, &p->stime)) == NULL ||
	    (q = field(q, end, 4, &p->threads)) == NULL ||
	    (q = field(q, end, 1, &p->start)) == NULL ||
	    field(q, end, 1, &p->rss_kib) == NULL)
		return -1;
	return 0;
}

/* Reads ROOT/proc/PID/NAME into the buffer: 1, 0 when it is gone or not
 * readable (the process exited, another user's io), -1 on other errors. */
static int
readpid(struct procpid_reader *r, int pid, const char *name, struct perr *e)
{
	char path[64];
	int fd, k;
	ssize_t n;

	snprintf(path, sizeof path, "%d/%s", pid, name);
	if ((fd = openat(r->procfd, path, O_RDONLY | O_CLOEXEC)) < 0)
		goto gone;
	r->buf.len = 0;
	for (;;) {
		if (r->buf.len + 1 >= r->buf.cap) {
			r->buf.p = xreallocarray(r->buf.p, 2, r->buf.cap);
			r->buf.cap *= 2;
		}
		n = read(fd, r->buf.p + r->buf.len,
		    r->buf.cap - 1 - r->buf.len);
		if (n <= 0)
			break;
		r->buf.len += (size_t)n;
	}
	k = errno;
	close(fd);
	r->buf.p[r->buf.len] = '\0';
	if (n == 0)
		return 1;
	errno = k;
gone:
	if (errno == ENOENT || errno == ESRCH || errno == EACCES ||
	    errno == EPERM || errno == ENOTDIR)
		return 0;
	return perr_set(e, "%s/%s: %s", r->proc, path, strerror(errno));
}

/* Counts the entries of ROOT/proc/PID/fd, or PROCFILE_NONE. */
static uint64_t
countfds(struct procpid_reader *r, int pid)
{
	struct dirent64 *d;
	char path[64];
	uint64_t n = 0;
	ssize_t got, off;
	int fd;

	snprintf(path, sizeof path, "%d/fd", pid);
	fd = openat(r->procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return PROCFILE_NONE;
	while ((got = getdents64(fd, r->dents, r->dentsz)) > 0) {
		for (off = 0; off < got; off += d->d_reclen) {
			d = (struct dirent64 *)(r->dents + off);
			n += d->d_name[0] != '.';
		}
	}
	close(fd);
	return got < 0 ? PROCFILE_NONE : n;
}

static void
readkeyed(const struct procfile_buf *b, const char *k1, uint64_t *v1,
    const char *k2, uint64_t *v2)
{
	const char *p = b->p, *end = p + b->len, *q;
	size_t n1 = strlen(k1), n2 = strlen(k2);

	*v1 = *v2 = PROCFILE_NONE;
	for (; p < end; p = procfile_scan_nextline(p, end)) {
		if ((q = procfile_scan_key(p, end, k1, n1)) != NULL)
			procfile_scan_u64(q, end, v1);
		else if ((q = procfile_scan_key(p, end, k2, n2)) != NULL)
			procfile_scan_u64(q, end, v2);
	}
}

/* Reads the members' status, io and fd into t. */
static int
details(struct procpid_reader *r, struct procpid_info *p, struct perr *e)
{
	int k;

	/* A zombie has freed its memory and descriptors: its 0 rss and
	 * empty fd directory say nothing of what it held. */
	if (p->state == 'Z' || p->state == 'X')
		p->rss_kib = PROCFILE_NONE;
	p->rss_kib = p->rss_kib == PROCFILE_NONE ? PROCFILE_NONE :
	    p->rss_kib * r->pagekib;
	if ((k = readpid(r, p->pid, "status", e)) < 0)
		return -1;
	if (k)
		readkeyed(&r->buf, "voluntary_ctxt_switches:", &p->vcsw,
		    "nonvoluntary_ctxt_switches:", &p->ivcsw);
	else
		p->vcsw = p->ivcsw = PROCFILE_NONE;
	if ((k = readpid(r, p->pid, "io", e)) < 0)
		return -1;
	if (k)
		readkeyed(&r->buf, "read_bytes:", &p->rbytes,
		    "write_bytes:", &p->wbytes);
	else
		p->rbytes = p->wbytes = PROCFILE_NONE;
	p->fds = p->state == 'Z' || p->state == 'X' ? PROCFILE_NONE :
	    countfds(r, p->pid);
	return 0;
}

static int
bypid(const void *a, const void *b)
{
	const struct procpid_info *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

long
procpid_find(const struct procpid_tree *t, int pid)
{
	size_t lo = 0, hi = t->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->p[mid].pid < pid)
			lo = mid + 1;
		else if (t->p[mid].pid > pid)
			hi = mid;
		else
			return (long)mid;
	}
	return -1;
}

/* Every process's stat into r->all, ordered by pid. */
static int
scan(struct procpid_reader *r, struct perr *e)
{
	struct dirent64 *d;
	struct procpid_info *p;
	ssize_t got, off;
	int k, pid, sorted = 1;
	const char *c;

	r->all.n = 0;
	if (lseek(r->procfd, 0, SEEK_SET) < 0)
		return perr_set(e, "%s: %s", r->proc, strerror(errno));
	while ((got = getdents64(r->procfd, r->dents, r->dentsz)) > 0) {
		for (off = 0; off < got; off += d->d_reclen) {
			d = (struct dirent64 *)(r->dents + off);
			for (pid = 0, c = d->d_name; *c >= '0' && *c <= '9' &&
			    pid < 100000000; c++)
				pid = pid * 10 + (*c - '0');
			if (*c != '\0' || c == d->d_name)
				continue;
			if ((k = readpid(r, pid, "stat", e)) < 0)
				return -1;
			if (k == 0)
				continue;
			if (r->all.n == r->all.cap) {
				r->all.cap = r->all.cap ? 2 * r->all.cap : 256;
				r->all.p = xreallocarray(r->all.p, r->all.cap,
				    sizeof *r->all.p);
			}
			p = &r->all.p[r->all.n];
			if (procpid_parse_stat(r->buf.p, r->buf.len, p) < 0)
				return perr_set(e, "%s/%s/stat:1: malformed",
				    r->proc, d->d_name);
			if (r->all.n > 0 && p[-1].pid > p->pid)
				sorted = 0;
			r->all.n++;
		}
	}
	if (got < 0)
		return perr_set(e, "%s: %s", r->proc, strerror(errno));
	if (!sorted)
		qsort(r->all.p, r->all.n, sizeof *r->all.p, bypid);
	return 0;
}

int
procpid_read(struct procpid_reader *r, struct procpid_tree *t, struct perr *e)
{
	long i, j;
	int more;

	t->n = 0;
	if (scan(r, e) < 0)
		return -1;
	if ((i = procpid_find(&r->all, r->root)) < 0)
		return 0;
	if (r->markcap < r->all.n) {
		r->markcap = r->all.n + 64;
		free(r->mark);
		r->mark = xmalloc(r->markcap);
	}
	memset(r->mark, 0, r->all.n);
	r->mark[i] = 1;
	/* Children mostly have larger pids, so a pass or two suffices. */
	do {
		more = 0;
		for (i = 0; i < (long)r->all.n; i++) {
			if (r->mark[i] || r->all.p[i].pid == r->all.p[i].ppid ||
			    (j = procpid_find(&r->all, r->all.p[i].ppid)) < 0 ||
			    !r->mark[j])
				continue;
			r->mark[i] = 1;
			more = 1;
		}
	} while (more);
	for (i = 0; i < (long)r->all.n; i++) {
		if (!r->mark[i])
			continue;
		if (t->n == t->cap) {
			t->cap = t->cap ? 2 * t->cap : 16;
			t->p = xreallocarray(t->p, t->cap, sizeof *t->p);
		}
		t->p[t->n] = r->all.p[i];
		if (details(r, &t->p[t->n], e) < 0)
			return -1;
		t->n++;
	}
	return 0;
}
