/* samplerun.c - perf-sample's job: its sources, snapshots and rows, on the
 * interval grid, written as CSV or the Prometheus text format. */
#include <err.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "promtext.h"
#include "sampleout.h"
#include "samplerun.h"
#include "util/cli.h"
#include "util/timeutil.h"
#include "util/xalloc.h"

enum { MAXROWS = 4096 };	/* rows per sample with --per-process */

static void
xopen_source(const struct samplerun_opts *o, struct samplerun_source *s,
    const char *root)
{
	struct perr e;

	s->root = root;
	if (o->scope == SAMPLERUN_SYSTEM) {
		procsys_open(&s->sys, root);
		s->sys.all_disks = o->sysopts.per_disk;
	}
	if (o->scope == SAMPLERUN_PROCESS && procpid_open(&s->pid, root,
	    (int)o->pid, &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
	if (o->scope == SAMPLERUN_CGROUP && cgroup_open(&s->cg, root, o->cgpath,
	    &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
}

static void
close_source(const struct samplerun_opts *o, struct samplerun_source *s)
{
	if (o->scope == SAMPLERUN_SYSTEM)
		procsys_close(&s->sys);
	else if (o->scope == SAMPLERUN_PROCESS)
		procpid_close(&s->pid);
	else
		cgroup_close(&s->cg);
}

/* Takes a snapshot; in replay the times come from ROOT/perfpipe-time. */
static void
xtake(const struct samplerun_opts *o, struct samplerun_source *s,
    struct samplerun_snap *sn, int replay)
{
	struct perr e;
	int r;

	sn->mono = timeutil_mono();
	sn->real = timeutil_real();
	if (o->scope == SAMPLERUN_SYSTEM)
		r = procsys_read(&s->sys, &sn->sys, &e);
	else if (o->scope == SAMPLERUN_PROCESS)
		r = procpid_read(&s->pid, &sn->tree, &e);
	else
		r = cgroup_read(&s->cg, &sn->cg, &e);
	if (r < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
	if (replay && sampleout_tree_time(s->root, &sn->real, &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
	if (replay)
		sn->mono = sn->real;
}

/* Per-process rows are by position in the tree, which moves as processes
 * come and go: each row's counters (tot) go with its process, a process
 * new to the rows starting from none. */
static void
follow_ids(struct sampler_row *rows, size_t nrows,
    const struct procpid_tree *t, size_t n)
{
	double *old[MAXROWS];
	long oldid[MAXROWS];
	size_t i, j;

	for (i = 0; i < nrows; i++) {
		old[i] = rows[i].tot, oldid[i] = rows[i].id;
		rows[i].tot = NULL;
	}
	for (i = 0; i < n && i < nrows; i++) {
		rows[i].id = t->p[i].pid;
		for (j = 0; j < nrows; j++)
			if (old[j] != NULL && oldid[j] == rows[i].id) {
				rows[i].tot = old[j], old[j] = NULL;
				break;
			}
	}
	for (j = 0; j < nrows; j++)
		free(old[j]);
}

/* Fills the row(s) of a sample; returns how many. */
static size_t
fill(const struct samplerun_opts *o, struct sampler_row *rows, size_t *nrows,
    const struct samplerun_source *s, const struct samplerun_snap *a,
    const struct samplerun_snap *b, double dt)
{
	size_t i, n = 1;

	if (o->scope == SAMPLERUN_PROCESS && o->per_process) {
		/* The columns are declared on rows[0]; others copy them. */
		if (rows[0].ncols == 0) {
			sampler_begin(&rows[0]);
			sampler_proc_row(&rows[0], &a->tree, &b->tree, -1, dt,
			    s->pid.tck);
			usermetric_put(o->metrics, &rows[0]);
		}
		n = b->tree.n < MAXROWS ? b->tree.n : MAXROWS;
		follow_ids(rows, *nrows, &b->tree, n);
		if (n > *nrows) {
			for (i = *nrows; i < n; i++) {
				sampler_row_init(&rows[i]);
				rows[i].v = xreallocarray(NULL, rows[0].ncols + 1,
				    sizeof *rows[i].v);
				rows[i].ncols = rows[0].ncols;
			}
			*nrows = n;
		}
		for (i = 0; i < n; i++) {
			sampler_begin(&rows[i]);
			sampler_proc_row(&rows[i], &a->tree, &b->tree, (long)i, dt,
			    s->pid.tck);
			usermetric_put(o->metrics, &rows[i]);
			rows[i].id = b->tree.p[i].pid;
			sampler_integrate(&rows[i], &rows[0], dt);
		}
		return n;
	}
	sampler_begin(&rows[0]);
	if (o->scope == SAMPLERUN_SYSTEM)
		sysrow_fill(&rows[0], &o->sysopts, &a->sys, &b->sys, dt);
	else if (o->scope == SAMPLERUN_PROCESS)
		sampler_proc_row(&rows[0], &a->tree, &b->tree, -1, dt, s->pid.tck);
	else
		sampler_cg_row(&rows[0], &a->cg, &b->cg, dt);
	usermetric_put(o->metrics, &rows[0]);
	sampler_integrate(&rows[0], &rows[0], dt);
	return n;
}

/* The leading fields of row k: names (b NULL) or values. */
static size_t
lead(const struct samplerun_opts *o, const char **f,
    const struct samplerun_snap *b, double dt,
    const struct samplerun_source *s, size_t k)
{
	static char tbuf[32], dbuf[32], procfile_buf[16];
	const struct procpid_info *p;
	size_t n = 3;

	f[0] = "time", f[1] = "host", f[2] = "interval_s";
	if (o->scope == SAMPLERUN_CGROUP)
		f[n++] = "cgroup";
	if (o->scope == SAMPLERUN_PROCESS)
		f[n++] = "pid", f[n++] = "comm";
	if (b == NULL)
		return n;
	sampler_fmt(tbuf, b->real, 3);
	sampler_fmt(dbuf, dt, 6);
	f[0] = tbuf, f[1] = o->host, f[2] = dbuf;
	if (o->scope == SAMPLERUN_CGROUP)
		f[3] = s->cg.name;
	if (o->scope == SAMPLERUN_PROCESS) {
		p = &b->tree.p[o->per_process ? k : 0];
		snprintf(procfile_buf, sizeof procfile_buf, "%d", p->pid);
		f[3] = procfile_buf, f[4] = p->comm;
	}
	return n;
}

static void
xwrite_csv(const struct samplerun_opts *o, struct csvwrite *w,
    const struct samplerun_snap *b, double dt,
    const struct samplerun_source *s, const struct sampler_row *rows,
    size_t n)
{
	static struct sampleout_line line;
	const char *f[5];
	size_t k, nf;

	for (k = 0; k < n; k++) {
		nf = lead(o, f, b, dt, s, k);
		sampleout_row(w, &line, f, nf, &rows[0], &rows[k]);
	}
	if (fflush(w->fp) != 0 || ferror(w->fp))
		err(EXIT_TROUBLE, "%s: write error", o->outpath ?
		    o->outpath : "<stdout>");
}

static void
xwrite_prom(const struct samplerun_opts *o, const struct samplerun_snap *b,
    const struct samplerun_source *s, const struct sampler_row *rows,
    size_t n)
{
	static struct promtext_label *lab;
	static const struct promtext_label **labs;
	static const struct sampler_row **rp;
	static char (*spid)[16];
	static size_t cap;
	struct promtext_label *l;
	struct perr e;
	size_t k, nl = 1;

	if (n > cap) {
		cap = n;
		lab = xreallocarray(lab, cap, 3 * sizeof *lab);
		labs = xreallocarray(labs, cap, sizeof *labs);
		rp = xreallocarray(rp, cap, sizeof *rp);
		spid = xreallocarray(spid, cap, sizeof *spid);
	}
	for (k = 0; k < n; k++) {
		l = &lab[3 * k];
		l[0].key = "host", l[0].val = o->host;
		if (o->scope == SAMPLERUN_CGROUP)
			l[1].key = "cgroup", l[1].val = s->cg.name, nl = 2;
		if (o->scope == SAMPLERUN_PROCESS) {
			snprintf(spid[k], sizeof spid[k], "%d",
			    b->tree.p[o->per_process ? k : 0].pid);
			l[1].key = "pid", l[1].val = spid[k];
			l[2].key = "comm";
			l[2].val = b->tree.p[o->per_process ? k : 0].comm;
			nl = 3;
		}
		labs[k] = l, rp[k] = &rows[k];
	}
	if (sampleout_prom(o->outpath, rp, n, labs, nl, &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
}

/* Sleeps until the deadline.  A SIGINT or SIGTERM is passed on to the
 * command, or else ends the run (returns 1); the command's end wakes it. */
static int
pause_until(struct samplerun *r, double deadline)
{
	pid_t child = r->child;

	for (;;) {
		if (*r->stopsig && child > 0) {
			kill(child, *r->stopsig);
			*r->stopsig = 0;
		}
		if (*r->stopsig)
			return 1;
		if (*r->childexit || timeutil_sleep_until(deadline) == 0)
			return 0;
	}
}

/* Opens a source per root; replayed trees must come in the order they
 * were taken. */
static void
xopen_sources(struct samplerun *r, const char *const *roots, size_t n)
{
	const struct samplerun_opts *o = r->o;
	struct perr e;
	double t, prev;
	size_t k;

	r->nsrc = n;
	r->src = xcalloc(n, sizeof *r->src);
	for (k = 0; k < n; k++)
		xopen_source(o, &r->src[k], roots[k]);
	for (k = 0, prev = -1; r->replay && k < n; k++, prev = t) {
		if (sampleout_tree_time(roots[k], &t, &e) < 0)
			errx(EXIT_TROUBLE, "%s", e.msg);
		if (t <= prev)
			errx(EXIT_TROUBLE, "%s/perfpipe-time:1: not later than "
			    "the time of the tree before", roots[k]);
	}
}

/* A user's metric may not take the name of a column perf-sample has. */
static void
xcheck_names(const struct samplerun *r)
{
	const struct sampler_row *row = &r->rows[0];
	size_t i, j;

	for (i = 0; i < row->ncols; i++)
		for (j = i + 1; j < row->ncols; j++)
			if (strcmp(row->col[i].name, row->col[j].name) == 0)
				errx(EXIT_TROUBLE, "metric name '%s': perf-sample "
				    "has a column of that name",
				    row->col[i].name);
}

/* Fixes the columns from the first snapshot and starts the output: the
 * header on stdout, or appended to -o FILE unless it has it already. */
static void
xopen_output(struct samplerun *r)
{
	const struct samplerun_opts *o = r->o;
	const char *f[5];
	struct perr e;
	size_t nf;
	int fresh = 1;

	fill(o, r->rows, &r->nrows, &r->src[0], &r->sn[0], &r->sn[0], 0);
	xcheck_names(r);
	nf = lead(o, f, NULL, 0, NULL, 0);
	if (!o->prometheus && o->outpath != NULL) {
		if ((fresh = sampleout_check(o->outpath, f, nf, &r->rows[0],
		    &e)) < 0)
			errx(EXIT_TROUBLE, "%s", e.msg);
		if (freopen(o->outpath, "a", stdout) == NULL)
			err(EXIT_TROUBLE, "%s", o->outpath);
	}
	csvwrite_init(&r->w, stdout);
	if (!o->prometheus && fresh && (sampleout_header(&r->w, f, nf,
	    &r->rows[0]) < 0 || fflush(stdout) != 0))
		err(EXIT_TROUBLE, "%s: write error", o->outpath ?
		    o->outpath : "<stdout>");
}

/* Whether the command (its SIGCHLD seen) has exited; it stays waitable. */
static int
exited(struct samplerun *r)
{
	pid_t child = r->child;
	siginfo_t si;

	si.si_pid = 0;
	if (waitid(P_PID, (id_t)child, &si, WEXITED | WNOHANG | WNOWAIT) ==
	    0 && si.si_pid == child)
		return 1;
	*r->childexit = 0;
	return 0;
}

void
samplerun_loop(struct samplerun *r)
{
	const struct samplerun_opts *o = r->o;
	struct samplerun_snap *a = &r->sn[0], *b = &r->sn[1], *t;
	struct samplerun_source *s;
	double start, deadline, dt;
	long long row;
	size_t n;

	start = deadline = a->mono;
	for (row = 0; (o->count == 0 || row < o->count) &&
	    !(*r->stopsig && r->child < 0); row++) {
		if (r->replay && (size_t)row + 1 >= r->nsrc)
			break;
		deadline += o->interval;
		if (o->duration > 0 && deadline > start + o->duration + 1e-9)
			break;
		/* A late sample never shifts later deadlines: those missed
		 * altogether are skipped, and the grid is kept. */
		if (!r->replay && timeutil_mono() > deadline + o->interval)
			deadline += o->interval * floor((timeutil_mono() -
			    deadline) / o->interval);
		if (!r->replay && pause_until(r, deadline))
			break;
		s = &r->src[r->replay ? row + 1 : 0];
		xtake(o, s, b, r->replay);
		usermetric_sample(o->metrics);
		dt = b->mono - a->mono;
		if (o->scope == SAMPLERUN_PROCESS && b->tree.n == 0)
			break;	/* the process is gone */
		n = fill(o, r->rows, &r->nrows, s, a, b, dt);
		if (o->prometheus)
			xwrite_prom(o, b, &r->src[0], r->rows, n);
		else
			xwrite_csv(o, &r->w, b, dt, &r->src[0], r->rows, n);
		t = a, a = b, b = t;
		if (*r->childexit && exited(r))
			break;
	}
}

void
samplerun_close(struct samplerun *r)
{
	size_t k;

	for (k = 0; k < r->nsrc; k++)
		close_source(r->o, &r->src[k]);
	sampler_row_free(&r->rows[0]);
	for (k = 1; k < r->nrows; k++)
		free(r->rows[k].v), free(r->rows[k].tot);
	free(r->rows);
	free(r->src);
	for (k = 0; k < 2; k++) {
		procsys_snap_free(&r->sn[k].sys);
		procpid_tree_free(&r->sn[k].tree);
	}
}

void
xsamplerun_open(struct samplerun *r, const struct samplerun_opts *o,
    const char *const *roots, size_t n, pid_t child,
    volatile sig_atomic_t *stopsig, volatile sig_atomic_t *childexit)
{
	memset(r, 0, sizeof *r);
	r->o = o;
	r->stopsig = stopsig;
	r->childexit = childexit;
	r->child = child;
	r->replay = n > 1;
	xopen_sources(r, roots, n);
	r->rows = xcalloc(o->per_process ? MAXROWS : 1, sizeof *r->rows);
	r->nrows = 1;
	xtake(o, &r->src[0], &r->sn[0], r->replay);
	xopen_output(r);
}
