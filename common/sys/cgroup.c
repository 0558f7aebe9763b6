/* cgroup.c - cgroup v2 statistics read through kept-open descriptors. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup.h"
#include "util/xalloc.h"

static const char *const psi_files[PSI_N] = {
	"cpu.pressure", "memory.pressure", "io.pressure"
};

int
cgroup_mountpoint(const char *text, size_t len, char *buf, size_t bufsz)
{
	const char *p = text, *end = text + len, *q, *w, *mp;
	size_t n, mpn, i, k;
	int f;

	for (; p < end; p = procfile_scan_nextline(p, end)) {
		/* id parent maj:min root mountpoint opts [tags] - type ... */
		for (q = p, f = 0; f < 5; f++)
			if ((q = procfile_scan_word(q, end, &w, &n)) == NULL)
				break;
		if (f < 5)
			continue;
		mp = w, mpn = n;
		while ((q = procfile_scan_word(q, end, &w, &n)) != NULL &&
		    !(n == 1 && *w == '-'))
			;
		if (q == NULL || procfile_scan_word(q, end, &w, &n) == NULL ||
		    n != 7 || memcmp(w, "cgroup2", 7) != 0)
			continue;
		for (i = k = 0; i < mpn && k + 1 < bufsz; k++) {
			if (mp[i] == '\\' && i + 3 < mpn) {
				buf[k] = (char)((mp[i + 1] - '0') * 64 +
				    (mp[i + 2] - '0') * 8 + (mp[i + 3] - '0'));
				i += 4;
			} else {
				buf[k] = mp[i++];
			}
		}
		buf[k] = '\0';
		return 0;
	}
	return -1;
}

static int
isfile(const char *dir, const char *name)
{
	struct stat st;
	char *p = xasprintf("%s/%s", dir, name);
	int r = stat(p, &st) == 0;

	free(p);
	return r;
}

static void
setfiles(struct cgroup_reader *r)
{
	int i;

	procfile_init(&r->cpustat, r->dir, "cpu.stat");
	procfile_init(&r->memcur, r->dir, "memory.current");
	procfile_init(&r->mempeak, r->dir, "memory.peak");
	procfile_init(&r->iostat, r->dir, "io.stat");
	for (i = 0; i < PSI_N; i++)
		procfile_init(&r->psi[i], r->dir, psi_files[i]);
}

int
cgroup_open(struct cgroup_reader *r, const char *root, const char *path,
    struct perr *e)
{
	char mnt[4096], *mi;
	size_t n = strlen(root), m;
	struct stat st;
	int notcg = 0;	/* path is a directory, not a cgroup v2 one */

	memset(r, 0, sizeof *r);
	while (n > 0 && root[n - 1] == '/')
		n--;
	procfile_buf_init(&r->buf);
	mi = xasprintf("%.*s/proc/self/mountinfo", (int)n, root);
	if (procfile_slurp(mi, &r->buf, NULL) < 0 ||
	    cgroup_mountpoint(r->buf.p, r->buf.len, mnt, sizeof mnt) < 0)
		mnt[0] = '\0';
	free(mi);
	m = strlen(mnt);
	while (m > 0 && mnt[m - 1] == '/')
		mnt[--m] = '\0';
	/* An absolute path that is a cgroup is taken as it is. */
	if (path[0] == '/') {
		r->dir = xasprintf("%.*s%s", (int)n, root, path);
		if (stat(r->dir, &st) == 0 && S_ISDIR(st.st_mode) &&
		    isfile(r->dir, "cgroup.controllers")) {
			if (m > 0 && strncmp(path, mnt, m) == 0 &&
			    (path[m] == '/' || path[m] == '\0'))
				r->name = xstrdup(path[m] ? path + m : "/");
			else
				r->name = xstrdup(path);
		} else {
			notcg = stat(r->dir, &st) == 0 && S_ISDIR(st.st_mode);
			free(r->dir);
			r->dir = NULL;
		}
	}
	/* Otherwise the path is below the cgroup2 mount. */
	if (r->dir == NULL) {
		if (m == 0) {
			procfile_buf_free(&r->buf);
			return perr_set(e, "cgroup '%s': no cgroup2 file system "
			    "is mounted", path);
		}
		r->dir = xasprintf("%.*s%s/%s", (int)n, root, mnt,
		    path + (path[0] == '/'));
		r->name = xasprintf("/%s", path + (path[0] == '/'));
	}
	/* "/a/b/" and "/a/b" are one cgroup. */
	m = strlen(r->name);
	while (m > 1 && r->name[m - 1] == '/')
		r->name[--m] = '\0';
	if (stat(r->dir, &st) != 0 || !isfile(r->dir, "cgroup.controllers") ||
	    !isfile(r->dir, "cpu.stat")) {
		if (stat(r->dir, &st) != 0 && notcg)
			/* A directory, of a cgroup v1 hierarchy maybe, and
			 * no cgroup of that name under the cgroup2 mount. */
			perr_set(e, "cgroup '%s': not a cgroup v2 directory (no "
			    "cgroup.controllers), and no cgroup %s under the "
			    "cgroup2 mount %s", path, path, mnt);
		else if (stat(r->dir, &st) != 0)
			perr_set(e, "cgroup '%s': no such cgroup (%s: %s)", path,
			    r->dir, strerror(errno));
		else
			perr_set(e, "cgroup '%s': not a cgroup v2 directory "
			    "(no %s)", path, isfile(r->dir, "cgroup.controllers") ?
			    "cpu.stat" : "cgroup.controllers");
		free(r->dir);
		free(r->name);
		procfile_buf_free(&r->buf);
		return -1;
	}
	setfiles(r);
	return 0;
}

void
cgroup_close(struct cgroup_reader *r)
{
	int i;

	procfile_close(&r->cpustat);
	procfile_close(&r->memcur);
	procfile_close(&r->mempeak);
	procfile_close(&r->iostat);
	for (i = 0; i < PSI_N; i++)
		procfile_close(&r->psi[i]);
	procfile_buf_free(&r->buf);
	free(r->dir);
	free(r->name);
}

/* Reads a file holding one number; PROCFILE_NONE if it is absent. */
static int
readone(struct cgroup_reader *r, struct procfile *f, uint64_t *v, struct perr *e)
{
	*v = PROCFILE_NONE;
	if (procfile_read(f, &r->buf, 0, e) < 0)
		return errno == ENOENT ? 0 : -1;
	if (procfile_scan_u64(r->buf.p, r->buf.p + r->buf.len, v) == NULL)
		return perr_set(e, "%s:1: malformed", f->path);
	return 0;
}

int
cgroup_parse_cpustat(const char *text, size_t len, struct cgroup_snap *s)
{
	static const struct {
		const char *key;
		size_t len;
		size_t off;
	} keys[] = {
		{ "usage_usec ", 11, offsetof(struct cgroup_snap, usage_us) },
		{ "user_usec ", 10, offsetof(struct cgroup_snap, user_us) },
		{ "system_usec ", 12, offsetof(struct cgroup_snap, system_us) },
		{ "nr_periods ", 11, offsetof(struct cgroup_snap, periods) },
		{ "nr_throttled ", 13, offsetof(struct cgroup_snap, throttled) },
		{ "throttled_usec ", 15, offsetof(struct cgroup_snap, throttled_us) },
	};
	const char *p = text, *end = text + len, *q, *eol;
	size_t i;
	int line = 1;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		*(uint64_t *)((char *)s + keys[i].off) = PROCFILE_NONE;
	for (; p < end; p = eol, line++) {
		eol = procfile_scan_nextline(p, end);
		for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
			if ((q = procfile_scan_key(p, eol, keys[i].key,
			    keys[i].len)) != NULL)
				break;
		if (i == sizeof keys / sizeof keys[0])
			continue;
		if ((q = procfile_scan_u64(q, eol, (uint64_t *)((char *)s +
		    keys[i].off))) == NULL || (q < eol && *q != '\n'))
			return -line;
	}
	return 0;
}

int
cgroup_parse_iostat(const char *text, size_t len, struct cgroup_snap *s)
{
	const char *p = text, *end = text + len, *q, *w, *eol, *eq;
	uint64_t v, *dst;
	size_t n;
	int line = 1;

	s->rios = s->wios = s->rbytes = s->wbytes = 0;
	for (; p < end; p = eol, line++) {
		eol = procfile_scan_nextline(p, end);
		/* "MAJ:MIN rbytes=N wbytes=N rios=N wios=N ..." */
		if ((q = procfile_scan_word(p, eol, &w, &n)) == NULL)
			continue;
		while ((q = procfile_scan_word(q, eol, &w, &n)) != NULL) {
			if ((eq = memchr(w, '=', n)) == NULL ||
			    procfile_scan_u64(eq + 1, w + n, &v) != w + n)
				return -line;
			n = (size_t)(eq - w);
			dst = n == 6 && memcmp(w, "rbytes", 6) == 0 ?
			    &s->rbytes : n == 6 && memcmp(w, "wbytes", 6) == 0 ?
			    &s->wbytes : n == 4 && memcmp(w, "rios", 4) == 0 ?
			    &s->rios : n == 4 && memcmp(w, "wios", 4) == 0 ?
			    &s->wios : NULL;
			if (dst != NULL)
				*dst += v;
		}
	}
	return 0;
}

int
cgroup_self(const char *procdir, char **dir, struct perr *e)
{
	struct procfile_buf b;
	char mnt[4096], *path;
	const char *p, *end, *eol;
	int r = -1;

	procfile_buf_init(&b);
	path = xasprintf("%s/mountinfo", procdir);
	if (procfile_slurp(path, &b, e) < 0)
		goto out;
	if (cgroup_mountpoint(b.p, b.len, mnt, sizeof mnt) < 0) {
		perr_set(e, "no cgroup2 file system mounted");
		goto out;
	}
	free(path);
	path = xasprintf("%s/cgroup", procdir);
	if (procfile_slurp(path, &b, e) < 0)
		goto out;
	for (p = b.p, end = p + b.len; p < end; p = procfile_scan_nextline(p,
	    end)) {
		if (end - p < 3 || memcmp(p, "0::", 3) != 0)
			continue;
		eol = memchr(p, '\n', (size_t)(end - p));
		p += 3;
		if (eol == NULL)
			eol = end;
		/* A cgroup removed under us reads "/a/b (deleted)". */
		if (memmem(p, (size_t)(eol - p), " (deleted)", 10) != NULL)
			break;
		*dir = xasprintf("%s%.*s", mnt, eol - p == 1 && *p == '/' ?
		    0 : (int)(eol - p), p);
		r = 0;
		goto out;
	}
	perr_set(e, "not in a cgroup v2");
out:
	free(path);
	procfile_buf_free(&b);
	return r;
}

int
cgroup_read(struct cgroup_reader *r, struct cgroup_snap *s, struct perr *e)
{
	int i, line;

	if (procfile_read(&r->cpustat, &r->buf, 0, e) < 0)
		return -1;
	if ((line = cgroup_parse_cpustat(r->buf.p, r->buf.len, s)) < 0)
		return perr_set(e, "%s:%d: malformed", r->cpustat.path, -line);
	if (s->usage_us == PROCFILE_NONE)
		return perr_set(e, "%s: no usage_usec line", r->cpustat.path);
	if (readone(r, &r->memcur, &s->mem_cur, e) < 0 ||
	    readone(r, &r->mempeak, &s->mem_peak, e) < 0)
		return -1;
	s->rios = s->wios = s->rbytes = s->wbytes = PROCFILE_NONE;
	if (procfile_read(&r->iostat, &r->buf, 0, e) == 0) {
		if ((line = cgroup_parse_iostat(r->buf.p, r->buf.len, s)) < 0)
			return perr_set(e, "%s:%d: malformed", r->iostat.path,
			    -line);
	} else if (errno != ENOENT) {
		return -1;
	}
	for (i = 0; i < PSI_N; i++) {
		if (procfile_read(&r->psi[i], &r->buf, 0, e) < 0) {
			if (errno != ENOENT)
				return -1;
			r->buf.len = 0;
		}
		if ((line = psi_parse(r->buf.p, r->buf.len,
		    &s->psi[i])) < 0)
			return perr_set(e, "%s:%d: malformed", r->psi[i].path,
			    -line);
	}
	return 0;
}
