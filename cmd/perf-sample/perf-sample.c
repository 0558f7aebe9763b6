/* perf-sample.c - resource sampler of the system, a process tree, a command
 * or a cgroup; reads /proc, /sys and cgroup v2 files, writes schemas/samples
 * (CSV) or the Prometheus text format. */
#include <err.h>
#include <errno.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sys/cgroup.h"
#include "util/cli.h"
#include "fmt/csvwrite.h"
#include "procpid.h"
#include "procsys.h"
#include "promtext.h"
#include "sampleout.h"
#include "sampleopts.h"
#include "sampler.h"
#include "run/launch.h"
#include "sysrow.h"
#include "util/timeutil.h"
#include "util/xalloc.h"

enum { MAXROWS = 4096 };	/* rows per sample with --per-process */

/* What a sample reads: one per root (several when replaying trees). */
struct source {
	const char *root;
	struct procsys_reader sys;
	struct procpid_reader pid;
	struct cgroup_reader cg;
};

struct snap {
	double mono, real;
	struct procsys_snap sys;
	struct procpid_tree tree;
	struct cgroup_snap cg;
};

static struct sampleopts opt;	/* set once by main */
static volatile sig_atomic_t stopsig, childexit;

static void
onsignal(int sig)
{
	if (sig == SIGCHLD)
		childexit = 1;
	else
		stopsig = sig;
}

static void
xopen_source(struct source *s, const char *root)
{
	struct perr e;

	s->root = root;
	if (opt.scope == SAMPLEOPTS_SYSTEM) {
		procsys_open(&s->sys, root);
		s->sys.all_disks = opt.sysopts.per_disk;
	}
	if (opt.scope == SAMPLEOPTS_PROCESS && procpid_open(&s->pid, root,
	    (int)opt.pid, &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
	if (opt.scope == SAMPLEOPTS_CGROUP && cgroup_open(&s->cg, root, opt.cgpath,
	    &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
}

static void
close_source(struct source *s)
{
	if (opt.scope == SAMPLEOPTS_SYSTEM)
		procsys_close(&s->sys);
	else if (opt.scope == SAMPLEOPTS_PROCESS)
		procpid_close(&s->pid);
	else
		cgroup_close(&s->cg);
}

/* Takes a snapshot; in replay the times come from ROOT/perfpipe-time. */
static void
xtake(struct source *s, struct snap *sn, int replay)
{
	struct perr e;
	int r;

	sn->mono = timeutil_mono();
	sn->real = timeutil_real();
	if (opt.scope == SAMPLEOPTS_SYSTEM)
		r = procsys_read(&s->sys, &sn->sys, &e);
	else if (opt.scope == SAMPLEOPTS_PROCESS)
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

/* Fills the row(s) of a sample; returns how many. */
static size_t
fill(struct sampler_row *rows, size_t *nrows, const struct source *s,
    const struct snap *a, const struct snap *b, double dt)
{
	size_t i, n = 1;

	if (opt.scope == SAMPLEOPTS_PROCESS && opt.per_process) {
		/* The columns are declared on rows[0]; others copy them. */
		if (rows[0].ncols == 0) {
			sampler_begin(&rows[0]);
			sampler_proc_row(&rows[0], &a->tree, &b->tree, -1, dt,
			    s->pid.tck);
		}
		n = b->tree.n < MAXROWS ? b->tree.n : MAXROWS;
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
		}
		return n;
	}
	sampler_begin(&rows[0]);
	if (opt.scope == SAMPLEOPTS_SYSTEM)
		sysrow_fill(&rows[0], &opt.sysopts, &a->sys, &b->sys, dt);
	else if (opt.scope == SAMPLEOPTS_PROCESS)
		sampler_proc_row(&rows[0], &a->tree, &b->tree, -1, dt, s->pid.tck);
	else
		sampler_cg_row(&rows[0], &a->cg, &b->cg, dt);
	return n;
}

/* The leading fields of row k: names (b NULL) or values. */
static size_t
lead(const char **f, const struct snap *b, double dt, const struct source *s,
    size_t k)
{
	static char tbuf[32], dbuf[32], procfile_buf[16];
	const struct procpid_info *p;
	size_t n = 3;

	f[0] = "time", f[1] = "host", f[2] = "interval_s";
	if (opt.scope == SAMPLEOPTS_CGROUP)
		f[n++] = "cgroup";
	if (opt.scope == SAMPLEOPTS_PROCESS)
		f[n++] = "pid", f[n++] = "comm";
	if (b == NULL)
		return n;
	sampler_fmt(tbuf, b->real, 3);
	sampler_fmt(dbuf, dt, 6);
	f[0] = tbuf, f[1] = opt.host, f[2] = dbuf;
	if (opt.scope == SAMPLEOPTS_CGROUP)
		f[3] = s->cg.name;
	if (opt.scope == SAMPLEOPTS_PROCESS) {
		p = &b->tree.p[opt.per_process ? k : 0];
		snprintf(procfile_buf, sizeof procfile_buf, "%d", p->pid);
		f[3] = procfile_buf, f[4] = p->comm;
	}
	return n;
}

static void
xwrite_csv(struct csvwrite *w, const struct snap *b, double dt,
    const struct source *s, const struct sampler_row *rows, size_t n)
{
	static struct sampleout_line line;
	const char *f[5];
	size_t k, nf;

	for (k = 0; k < n; k++) {
		nf = lead(f, b, dt, s, k);
		sampleout_row(w, &line, f, nf, &rows[0], &rows[k]);
	}
	if (fflush(w->fp) != 0 || ferror(w->fp))
		err(EXIT_TROUBLE, "%s: write error", opt.outpath ?
		    opt.outpath : "<stdout>");
}

static void
xwrite_prom(const struct snap *b, const struct source *s,
    const struct sampler_row *rows, size_t n)
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
		l[0].key = "host", l[0].val = opt.host;
		if (opt.scope == SAMPLEOPTS_CGROUP)
			l[1].key = "cgroup", l[1].val = s->cg.name, nl = 2;
		if (opt.scope == SAMPLEOPTS_PROCESS) {
			snprintf(spid[k], sizeof spid[k], "%d",
			    b->tree.p[opt.per_process ? k : 0].pid);
			l[1].key = "pid", l[1].val = spid[k];
			l[2].key = "comm";
			l[2].val = b->tree.p[opt.per_process ? k : 0].comm;
			nl = 3;
		}
		labs[k] = l, rp[k] = &rows[k];
	}
	if (sampleout_prom(opt.outpath, rp, n, labs, nl, &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
}

/* Sleeps until the deadline.  A SIGINT or SIGTERM is passed on to the
 * command, or else ends the run (returns 1); the command's end wakes it. */
static int
pause_until(double deadline, pid_t child)
{
	for (;;) {
		if (stopsig && child > 0) {
			kill(child, stopsig);
			stopsig = 0;
		}
		if (stopsig)
			return 1;
		if (childexit || timeutil_sleep_until(deadline) == 0)
			return 0;
	}
}

/* Ends a command run: its exit status, as env(1) reports it. */
static int
reap(pid_t child)
{
	int status, timedout;

	while (launch_wait(child, 0, 0, &status, NULL, &timedout) < 0)
		if (errno != EINTR)
			err(EXIT_TROUBLE, "wait");
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* The state of a run: its sources, the two latest snapshots, the rows. */
struct run {
	struct source *src;
	size_t nsrc;
	int replay;		/* several roots: the trees are replayed */
	struct snap sn[2];
	struct sampler_row *rows;
	size_t nrows;
	struct csvwrite w;
	pid_t child;		/* the command, -1: none */
};

/* Catches SIGINT and SIGTERM; with a command, starts it and samples it. */
static void
start(char **command, pid_t *child)
{
	struct sigaction sa;
	int rc;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = onsignal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (command == NULL)
		return;
	sigaction(SIGCHLD, &sa, NULL);
	if ((rc = launch_argv(command, child)) != 0) {
		warnx("cannot run '%s': %s", command[0], strerror(rc));
		cli_exit(launch_exit_status(rc));
	}
	opt.scope = SAMPLEOPTS_PROCESS, opt.pid = *child;
}

/*
 * Wakes up on time.  A timer slack of 1 ns instead of the default 50 us
 * (measured on a 2-CPU VM: the median wake-up went from 90 to 38 us after
 * its deadline).  With -R, SCHED_FIFO priority 1, so that busy CPUs do not
 * delay the sampler (there, with stress-ng --cpu 2, 600 samples at 20 ms:
 * 92 more than 2 ms late without, 2 with, both in hypervisor steal).  It
 * is set after the command started, which keeps normal scheduling, and
 * reset on fork should the sampler start anything else.  Not allowed (no
 * CAP_SYS_NICE, RLIMIT_RTPRIO 0): a warning, and on as before.
 */
static void
schedule(void)
{
	struct sched_param sp;

	prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
	if (!opt.realtime)
		return;
	memset(&sp, 0, sizeof sp);
	sp.sched_priority = 1;
	if (sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, &sp) != 0)
		warnx("--realtime: SCHED_FIFO refused, sampling with normal "
		    "scheduling: %s", strerror(errno));
}

/* Opens a source per root; replayed trees must come in the order they
 * were taken. */
static void
xopen_sources(struct run *r, const char *const *roots, size_t n)
{
	struct perr e;
	double t, prev;
	size_t k;

	r->nsrc = n;
	r->src = xcalloc(n, sizeof *r->src);
	for (k = 0; k < n; k++)
		xopen_source(&r->src[k], roots[k]);
	for (k = 0, prev = -1; r->replay && k < n; k++, prev = t) {
		if (sampleout_tree_time(roots[k], &t, &e) < 0)
			errx(EXIT_TROUBLE, "%s", e.msg);
		if (t <= prev)
			errx(EXIT_TROUBLE, "%s/perfpipe-time:1: not later than "
			    "the time of the tree before", roots[k]);
	}
}

/* Fixes the columns from the first snapshot and starts the output: the
 * header on stdout, or appended to -o FILE unless it has it already. */
static void
xopen_output(struct run *r)
{
	const char *f[5];
	struct perr e;
	size_t nf;
	int fresh = 1;

	fill(r->rows, &r->nrows, &r->src[0], &r->sn[0], &r->sn[0], 0);
	nf = lead(f, NULL, 0, NULL, 0);
	if (!opt.prometheus && opt.outpath != NULL) {
		if ((fresh = sampleout_check(opt.outpath, f, nf, &r->rows[0],
		    &e)) < 0)
			errx(EXIT_TROUBLE, "%s", e.msg);
		if (freopen(opt.outpath, "a", stdout) == NULL)
			err(EXIT_TROUBLE, "%s", opt.outpath);
	}
	csvwrite_init(&r->w, stdout);
	if (!opt.prometheus && fresh && (sampleout_header(&r->w, f, nf,
	    &r->rows[0]) < 0 || fflush(stdout) != 0))
		err(EXIT_TROUBLE, "%s: write error", opt.outpath ?
		    opt.outpath : "<stdout>");
}

/* Whether the command (its SIGCHLD seen) has exited; it stays waitable. */
static int
exited(pid_t child)
{
	siginfo_t si;

	si.si_pid = 0;
	if (waitid(P_PID, (id_t)child, &si, WEXITED | WNOHANG | WNOWAIT) ==
	    0 && si.si_pid == child)
		return 1;
	childexit = 0;
	return 0;
}

/* Samples at each tick of the interval grid until the count or the
 * duration is reached, a signal comes, the command ends or the replayed
 * trees run out. */
static void
sample(struct run *r)
{
	struct snap *a = &r->sn[0], *b = &r->sn[1], *t;
	struct source *s;
	double start, deadline, dt;
	long long row;
	size_t n;

	start = deadline = a->mono;
	for (row = 0; (opt.count == 0 || row < opt.count) &&
	    !(stopsig && r->child < 0); row++) {
		if (r->replay && (size_t)row + 1 >= r->nsrc)
			break;
		deadline += opt.interval;
		if (opt.duration > 0 && deadline > start + opt.duration + 1e-9)
			break;
		/* A late sample never shifts later deadlines: those missed
		 * altogether are skipped, and the grid is kept. */
		if (!r->replay && timeutil_mono() > deadline + opt.interval)
			deadline += opt.interval * floor((timeutil_mono() -
			    deadline) / opt.interval);
		if (!r->replay && pause_until(deadline, r->child))
			break;
		s = &r->src[r->replay ? row + 1 : 0];
		xtake(s, b, r->replay);
		dt = b->mono - a->mono;
		if (opt.scope == SAMPLEOPTS_PROCESS && b->tree.n == 0)
			break;	/* the process is gone */
		n = fill(r->rows, &r->nrows, s, a, b, dt);
		if (opt.prometheus)
			xwrite_prom(b, &r->src[0], r->rows, n);
		else
			xwrite_csv(&r->w, b, dt, &r->src[0], r->rows, n);
		t = a, a = b, b = t;
		if (childexit && exited(r->child))
			break;
	}
}

static void
close_run(struct run *r)
{
	size_t k;

	for (k = 0; k < r->nsrc; k++)
		close_source(&r->src[k]);
	sampler_row_free(&r->rows[0]);
	for (k = 1; k < r->nrows; k++)
		free(r->rows[k].v);
	free(r->rows);
	free(r->src);
	for (k = 0; k < 2; k++) {
		procsys_snap_free(&r->sn[k].sys);
		procpid_tree_free(&r->sn[k].tree);
	}
}

int
main(int argc, char **argv)
{
	static const char *live[] = { "/" };
	const char *const *roots;
	char hostbuf[256];
	size_t nroots;
	struct run r;
	int status = EXIT_OK;

	xsampleopts_parse(&opt, argc, argv);
	roots = opt.nroots > 0 ? opt.roots : live;
	nroots = opt.nroots > 0 ? opt.nroots : 1;
	if (opt.host == NULL)
		opt.host = sampleout_hostname(roots[0], hostbuf, sizeof hostbuf);
	memset(&r, 0, sizeof r);
	r.child = -1;
	r.replay = nroots > 1;
	start(opt.command, &r.child);
	schedule();
	xopen_sources(&r, roots, nroots);
	r.rows = xcalloc(opt.per_process ? MAXROWS : 1, sizeof *r.rows);
	r.nrows = 1;
	xtake(&r.src[0], &r.sn[0], r.replay);
	xopen_output(&r);
	sample(&r);
	if (r.child > 0)
		status = reap(r.child);
	close_run(&r);
	free(opt.roots);
	cli_exit(status);
}
