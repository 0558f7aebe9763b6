/* sampler.c - columns of a sample row, declared and filled by one code
 * path, and the system row: CPU states, load, memory, paging, disks,
 * network, pressure, file handles. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/colname.h"
#include "util/num.h"
#include "sampler.h"
#include "util/xalloc.h"


void
sampler_row_init(struct sampler_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = -1;
}

/* Whether s ends in suffix. */
static int
ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

void
sampler_integrate(struct sampler_row *r, const struct sampler_row *r0,
    double dt)
{
	size_t i;

	if (r->tot == NULL)
		r->tot = xcalloc(r0->ncols + 1, sizeof *r->tot);
	if (!(dt > 0))
		return;
	for (i = 0; i < r0->ncols; i++)
		if (ends(r0->col[i].name, "_per_s") && isfinite(r->v[i]))
			r->tot[i] += r->v[i] * dt;
}

void
sampler_row_free(struct sampler_row *r)
{
	size_t i;

	for (i = 0; i < r->ncols; i++) {
		free(r->col[i].name);
		free(r->col[i].metric);
		free(r->col[i].lval);
		free(r->col[i].pattern);
	}
	free(r->col);
	free(r->v);
	free(r->tot);
	free(r->disk);
	free(r->diskhint);
	free(r->net);
	free(r->nethint);
	memset(r, 0, sizeof *r);
}

void
sampler_begin(struct sampler_row *r)
{
	r->declaring = r->ncols == 0;
	r->at = 0;
}

static void
declare(struct sampler_row *r, char *name, char *metric, const char *lkey,
    char *lval, int dec)
{
	if (r->ncols == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->col = xreallocarray(r->col, r->cap, sizeof *r->col);
		r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
	}
	r->col[r->ncols].name = name;
	r->col[r->ncols].metric = metric;
	r->col[r->ncols].lkey = lkey;
	r->col[r->ncols].lval = lval;
	r->col[r->ncols].pattern = NULL;
	r->col[r->ncols].dec = dec;
	r->ncols++;
}

void
sampler_put(struct sampler_row *r, const char *name, int dec, double v)
{
	if (r->declaring)
		declare(r, xstrdup(name), xstrdup(name), NULL, NULL, dec);
	r->v[r->at++] = v;
}

void
sampler_put_labelled(struct sampler_row *r, const char *name,
    const char *promname, const char *lkey, const char *lval,
    const char *pattern, int dec, double v)
{
	if (r->declaring) {
		declare(r, xstrdup(name), xstrdup(promname), lkey, xstrdup(lval),
		    dec);
		r->col[r->ncols - 1].pattern = xstrdup(pattern);
	}
	r->v[r->at++] = v;
}

char *
sampler_escape(const char *dev)
{
	return colname_escape(dev);
}

void
sampler_put_dev(struct sampler_row *r, const char *prefix, const char *dev,
    const char *metric, const char *promname, const char *lkey, int dec,
    double v)
{
	char *name, *esc;

	if (r->declaring) {
		esc = sampler_escape(dev);
		name = xasprintf("%s%s_%s", prefix, esc, metric);
		free(esc);
		declare(r, name, xstrdup(promname), lkey, xstrdup(dev), dec);
		r->col[r->ncols - 1].pattern = xasprintf("%s%s_%s", prefix,
		    strcmp(lkey, "cpu") == 0 ? "N" : "DEV", metric);
	}
	r->v[r->at++] = v;
}

double
sampler_rate(uint64_t prev, uint64_t cur, double dt)
{
	if (prev == PROCFILE_NONE || cur == PROCFILE_NONE || cur < prev || !(dt > 0))
		return NAN;
	return (double)(cur - prev) / dt;
}

double
sampler_level(uint64_t v)
{
	return v == PROCFILE_NONE ? NAN : (double)v;
}

/* The columns of one kind of stall ("some" or "full") of one resource:
 * the 10-second average and the stall time per second. */
static void
psi_kind(struct sampler_row *r, const char *prefix, const char *res,
    const char *kind, double avg10, uint64_t t0, uint64_t t1, double dt)
{
	char name[64];

	if (r->declaring)
		snprintf(name, sizeof name, "%s%s_%s_avg10_pct", prefix, res,
		    kind);
	sampler_put(r, name, 2, avg10);
	if (r->declaring)
		snprintf(name, sizeof name, "%s%s_%s_stall_ms_per_s", prefix,
		    res, kind);
	sampler_put(r, name, 3, sampler_rate(t0, t1, dt) / 1000);
}

void
sampler_psi_cols(struct sampler_row *r, const char *prefix,
    const struct psi *a, const struct psi *b, double dt)
{
	int i;

	for (i = 0; i < PSI_N; i++) {
		psi_kind(r, prefix, psi_names[i], "some", b[i].some_avg10,
		    a[i].some_total, b[i].some_total, dt);
		psi_kind(r, prefix, psi_names[i], "full", b[i].full_avg10,
		    a[i].full_total, b[i].full_total, dt);
	}
}

/* Adds b - a (or b alone when a is NULL) to *sum; unknown is sticky. */
static void
add(double *sum, const uint64_t *a, const uint64_t *b)
{
	if (*b == PROCFILE_NONE || (a != NULL && (*a == PROCFILE_NONE || *b < *a)))
		*sum = NAN;
	else
		*sum += (double)(*b - (a ? *a : 0));
}

void
sampler_proc_row(struct sampler_row *r, const struct procpid_tree *a,
    const struct procpid_tree *b, long which, double dt, double tck)
{
	enum { UT, ST, RB, WB, MIN, MAJ, VC, IC, RSS, THR, FDS, NSUM };
	const struct procpid_info *x, *y;
	double s[NSUM] = { 0 };
	size_t i, lo = which < 0 ? 0 : (size_t)which;
	size_t hi = which < 0 ? b->n : (size_t)which + 1, live = 0;
	long j;

	for (i = lo; i < hi; i++) {
		y = &b->p[i];
		j = procpid_find(a, y->pid);
		x = j >= 0 && a->p[j].start == y->start ? &a->p[j] : NULL;
		add(&s[UT], x ? &x->utime : NULL, &y->utime);
		add(&s[ST], x ? &x->stime : NULL, &y->stime);
		add(&s[RB], x ? &x->rbytes : NULL, &y->rbytes);
		add(&s[WB], x ? &x->wbytes : NULL, &y->wbytes);
		add(&s[MIN], x ? &x->minflt : NULL, &y->minflt);
		add(&s[MAJ], x ? &x->majflt : NULL, &y->majflt);
		add(&s[VC], x ? &x->vcsw : NULL, &y->vcsw);
		add(&s[IC], x ? &x->ivcsw : NULL, &y->ivcsw);
		add(&s[THR], NULL, &y->threads);
		/* A zombie holds no memory or descriptors any more, and
		 * /proc no longer says what it held: the live members'
		 * sum, unknown when none is alive. */
		if (y->state == 'Z' || y->state == 'X')
			continue;
		live++;
		add(&s[RSS], NULL, &y->rss_kib);
		add(&s[FDS], NULL, &y->fds);
	}
	if (live == 0)
		s[RSS] = s[FDS] = NAN;
	if (!(dt > 0))
		for (i = 0; i < RSS; i++)
			s[i] = NAN;
	sampler_put(r, "proc_count", 0, (double)(hi - lo));
	sampler_put(r, "proc_cpu_pct", 2, 100 * (s[UT] + s[ST]) / tck / dt);
	sampler_put(r, "proc_user_s_per_s", 4, s[UT] / tck / dt);
	sampler_put(r, "proc_system_s_per_s", 4, s[ST] / tck / dt);
	sampler_put(r, "proc_rss_kib", 0, s[RSS]);
	sampler_put(r, "proc_threads_count", 0, s[THR]);
	sampler_put(r, "proc_fd_count", 0, s[FDS]);
	sampler_put(r, "proc_read_bytes_per_s", 2, s[RB] / dt);
	sampler_put(r, "proc_write_bytes_per_s", 2, s[WB] / dt);
	sampler_put(r, "proc_minflt_per_s", 2, s[MIN] / dt);
	sampler_put(r, "proc_majflt_per_s", 2, s[MAJ] / dt);
	sampler_put(r, "proc_vol_ctxsw_per_s", 2, s[VC] / dt);
	sampler_put(r, "proc_invol_ctxsw_per_s", 2, s[IC] / dt);
}

void
sampler_cg_row(struct sampler_row *r, const struct cgroup_snap *a,
    const struct cgroup_snap *b, double dt)
{
	double per = sampler_rate(a->periods, b->periods, dt);
	double thr = sampler_rate(a->throttled, b->throttled, dt);

	sampler_put(r, "cgroup_cpu_pct", 2,
	    sampler_rate(a->usage_us, b->usage_us, dt) / 1e4);
	sampler_put(r, "cgroup_user_s_per_s", 4,
	    sampler_rate(a->user_us, b->user_us, dt) / 1e6);
	sampler_put(r, "cgroup_system_s_per_s", 4,
	    sampler_rate(a->system_us, b->system_us, dt) / 1e6);
	sampler_put(r, "cgroup_periods_per_s", 2, per);
	sampler_put(r, "cgroup_throttled_per_s", 2, thr);
	sampler_put(r, "cgroup_throttled_pct", 2, per > 0 ? 100 * thr / per : NAN);
	sampler_put(r, "cgroup_throttled_ms_per_s", 3,
	    sampler_rate(a->throttled_us, b->throttled_us, dt) / 1000);
	sampler_put(r, "cgroup_mem_current_kib", 0,
	    sampler_level(b->mem_cur) / 1024);
	sampler_put(r, "cgroup_mem_peak_kib", 0, sampler_level(b->mem_peak) / 1024);
	sampler_put(r, "cgroup_io_reads_per_s", 2, sampler_rate(a->rios, b->rios, dt));
	sampler_put(r, "cgroup_io_writes_per_s", 2,
	    sampler_rate(a->wios, b->wios, dt));
	sampler_put(r, "cgroup_io_read_bytes_per_s", 2,
	    sampler_rate(a->rbytes, b->rbytes, dt));
	sampler_put(r, "cgroup_io_write_bytes_per_s", 2,
	    sampler_rate(a->wbytes, b->wbytes, dt));
	sampler_psi_cols(r, "cgroup_psi_", a->psi, b->psi, dt);
}

size_t
sampler_fmt(char *buf, double v, int dec)
{
	static const double p10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
	    1e8, 1e9 };
	char tmp[NUM_BUFSZ];
	uint64_t n;
	size_t len, k;

	if (isnan(v) || isinf(v)) {
		buf[0] = '\0';
		return 0;
	}
	if (dec < 0 || dec > 9 || !(fabs(v) * p10[dec] < 9e15)) {
		num_fmt(tmp, v, dec < 0 ? 0 : dec);
		len = strlen(tmp);
		memcpy(buf, tmp, len + 1);
		return len;
	}
	n = (uint64_t)(fabs(v) * p10[dec] + 0.5);
	if (n == 0) {
		buf[0] = '0', buf[1] = '\0';
		return 1;
	}
	/* The digits of n from the last, into the end of tmp: the fraction
	 * without its trailing zeros, the point, the integer part. */
	while (dec > 0 && n % 10 == 0)
		n /= 10, dec--;
	k = sizeof tmp;
	tmp[--k] = '\0';
	if (dec > 0) {
		for (; dec > 0; dec--, n /= 10)
			tmp[--k] = (char)('0' + n % 10);
		tmp[--k] = '.';
	}
	do
		tmp[--k] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	if (v < 0)
		tmp[--k] = '-';
	len = sizeof tmp - 1 - k;
	memcpy(buf, tmp + k, len + 1);
	return len;
}
