/* sampleout.c - sample rows out: CSV lines, the append check, Prometheus
 * files, and where a /proc tree says it came from. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fmt/csvread.h"
#include "util/atomicfile.h"
#include "util/num.h"
#include "sys/procfile.h"
#include "sampleout.h"
#include "util/xalloc.h"

int
sampleout_header(struct csvwrite *w, const char *const *lead, size_t nlead,
    const struct sampler_row *r)
{
	size_t i;

	for (i = 0; i < nlead; i++)
		csvwrite_str(w, lead[i]);
	for (i = 0; i < r->ncols; i++)
		csvwrite_str(w, r->col[i].name);
	return csvwrite_end(w);
}

int
sampleout_row(struct csvwrite *w, struct sampleout_line *l, const char *const *lead,
    size_t nlead, const struct sampler_row *r0, const struct sampler_row *r)
{
	size_t i, len;

	/* A number takes at most 24 bytes here (sampler_fmt), with its comma. */
	if (l->cap < r0->ncols * 26 + 1) {
		l->cap = r0->ncols * 26 + 1;
		l->p = xreallocarray(l->p, l->cap, 1);
	}
	for (i = 0; i < nlead; i++)
		csvwrite_str(w, lead[i]);
	/* Numbers never need quoting: one write for all of them. */
	for (len = 0, i = 0; i < r0->ncols; i++) {
		if (i > 0)
			l->p[len++] = ',';
		len += sampler_fmt(l->p + len, r->v[i], r0->col[i].dec);
	}
	csvwrite_joined(w, l->p, len);
	return csvwrite_end(w);
}

int
sampleout_check(const char *path, const char *const *lead, size_t nlead,
    const struct sampler_row *r, struct perr *e)
{
	const char **names = xreallocarray(NULL, nlead + r->ncols + 1,
	    sizeof *names);
	size_t i;
	int got;

	for (i = 0; i < nlead + r->ncols; i++)
		names[i] = i < nlead ? lead[i] : r->col[i - nlead].name;
	got = csvread_append_check(path, names, nlead + r->ncols, e);
	free(names);
	return got;
}

int
sampleout_prom(const char *path, const struct sampler_row *const *rows,
    size_t nrows, const struct promtext_label *const *labels, size_t nlabels,
    struct perr *e)
{
	struct atomicfile a;

	if (atomicfile_open(&a, path, e) < 0)
		return -1;
	promtext_write(a.fp, rows, nrows, labels, nlabels);
	return atomicfile_commit(&a, e);
}

char *
sampleout_hostname(const char *root, char *buf, size_t len)
{
	struct procfile_buf b;
	char *path;

	procfile_buf_init(&b);
	path = xasprintf("%s/proc/sys/kernel/hostname", root);
	if (procfile_slurp(path, &b, NULL) == 0 && b.len > 0)
		snprintf(buf, len, "%.*s", (int)strcspn(b.p, "\n"), b.p);
	else if (gethostname(buf, len) != 0)
		buf[0] = '\0';
	free(path);
	procfile_buf_free(&b);
	return buf;
}

int
sampleout_tree_time(const char *root, double *t, struct perr *e)
{
	struct procfile_buf b;
	char *path;
	int r = 0;

	procfile_buf_init(&b);
	path = xasprintf("%s/perfpipe-time", root);
	if (procfile_slurp(path, &b, e) < 0) {
		r = -1;
	} else {
		b.len = strcspn(b.p, "\n");
		b.p[b.len] = '\0';
		if (num_parse(b.p, b.len, t) != 1 || *t < 0)
			r = perr_set(e, "%s:1: '%s' is not a time", path, b.p);
	}
	free(path);
	procfile_buf_free(&b);
	return r;
}
