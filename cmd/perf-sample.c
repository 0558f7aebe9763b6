/* perf-sample.c - resource sampler of the system, a process tree, a command
 * or a cgroup; reads /proc, /sys and cgroup v2 files, writes schemas/samples
 * (CSV) or the Prometheus text format. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup.h"
#include "cli.h"
#include "csvwrite.h"
#include "procpid.h"
#include "procsys.h"
#include "promtext.h"
#include "sampleout.h"
#include "sampler.h"
#include "spawn.h"
#include "sysrow.h"
#include "timeutil.h"
#include "xalloc.h"

enum { SYSTEM, PROCESS, CGROUP };
enum { MAXROWS = 4096 };	/* rows per sample with --per-process */

/* What a sample reads: one per root (several when replaying trees). */
struct source {
	const char *root;
	struct sys_reader sys;
	struct pid_reader pid;
	struct cg_reader cg;
};

struct snap {
	double mono, real;
	struct sys_snap sys;
	struct pid_tree tree;
	struct cg_snap cg;
};

static int scope = SYSTEM, per_process, prometheus;
static struct sysrow_opts sysopts;
static const char *cgpath, *outpath, *host;
static long long count, pid = -1;
static double interval = 1, duration;
static volatile sig_atomic_t stopsig, childexit;

static void
usage(FILE *fp)
{
	fprintf(fp,
"usage: perf-sample [-i interval] [-n count] [-d duration] [-o file]\n"
"                   [-f csv|prometheus] [--per-cpu] [--per-disk] [--per-net]\n"
"                   [--host name] [--root dir]\n"
"                   [-p pid [--per-process] | -c cgroup | -- command [arg ...]]\n");
}

static void
help(void)
{
	usage(stdout);
	fputs("\nSamples resources at an interval: one CSV row per sample.\n"
"  -c, --cgroup PATH     a cgroup v2 (below the cgroup2 mount, or absolute)\n"
"  -d, --duration DUR    stop after DUR (e.g. 90s, 1h)\n"
"  -f, --format FMT      csv (default) or prometheus: -o FILE (or FILE\n"
"                        after FMT) replaced atomically with each sample\n"
"  -h, --help            this help\n"
"      --host NAME       the host column (default: the host name)\n"
"  -i, --interval DUR    time between samples, 10ms-1d (default 1s)\n"
"  -n, --count N         stop after N samples\n"
"  -o, --output FILE     append to FILE (its header must match)\n"
"  -p, --pid PID         the process PID and all its descendants\n"
"      --per-cpu         columns for each CPU as well\n"
"      --per-disk        columns for each disk as well\n"
"      --per-net         columns for each network interface as well\n"
"      --per-process     with -p or a command: a row per process\n"
"      --root DIR        read DIR/proc and DIR/sys; given again, replay the\n"
"                        trees as successive samples (DIR/perfpipe-time)\n"
"  -V, --version         print the version\n"
"  -- COMMAND ARG...     run COMMAND and sample it until it exits\n"
"Exit status: 0 done or stopped by a signal, 2 trouble; with a command,\n"
"its status (126 cannot run, 127 not found).\n", stdout);
	cli_exit(EXIT_OK);
}

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
	if (scope == SYSTEM) {
		sys_open(&s->sys, root);
		s->sys.all_disks = sysopts.per_disk;
	}
	if (scope == PROCESS && pid_open(&s->pid, root, (int)pid, &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
	if (scope == CGROUP && cg_open(&s->cg, root, cgpath, &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
}

static void
close_source(struct source *s)
{
	if (scope == SYSTEM)
		sys_close(&s->sys);
	else if (scope == PROCESS)
		pid_close(&s->pid);
	else
		cg_close(&s->cg);
}

/* Takes a snapshot; in replay the times come from ROOT/perfpipe-time. */
static void
xtake(struct source *s, struct snap *sn, int replay)
{
	struct perr e;
	int r;

	sn->mono = time_mono();
	sn->real = time_real();
	if (scope == SYSTEM)
		r = sys_read(&s->sys, &sn->sys, &e);
	else if (scope == PROCESS)
		r = pid_read(&s->pid, &sn->tree, &e);
	else
		r = cg_read(&s->cg, &sn->cg, &e);
	if (r < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
	if (replay && sout_tree_time(s->root, &sn->real, &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
	if (replay)
		sn->mono = sn->real;
}

/* Fills the row(s) of a sample; returns how many. */
static size_t
fill(struct smp_row *rows, size_t *nrows, const struct source *s,
    const struct snap *a, const struct snap *b, double dt)
{
	size_t i, n = 1;

	if (scope == PROCESS && per_process) {
		/* The columns are declared on rows[0]; others copy them. */
		if (rows[0].ncols == 0) {
			smp_begin(&rows[0]);
			smp_proc_row(&rows[0], &a->tree, &b->tree, -1, dt,
			    s->pid.tck);
		}
		n = b->tree.n < MAXROWS ? b->tree.n : MAXROWS;
		if (n > *nrows) {
			for (i = *nrows; i < n; i++) {
				smp_row_init(&rows[i]);
				rows[i].v = xreallocarray(NULL, rows[0].ncols + 1,
				    sizeof *rows[i].v);
				rows[i].ncols = rows[0].ncols;
			}
			*nrows = n;
		}
		for (i = 0; i < n; i++) {
			smp_begin(&rows[i]);
			smp_proc_row(&rows[i], &a->tree, &b->tree, (long)i, dt,
			    s->pid.tck);
		}
		return n;
	}
	smp_begin(&rows[0]);
	if (scope == SYSTEM)
		sysrow_fill(&rows[0], &sysopts, &a->sys, &b->sys, dt);
	else if (scope == PROCESS)
		smp_proc_row(&rows[0], &a->tree, &b->tree, -1, dt, s->pid.tck);
	else
		smp_cg_row(&rows[0], &a->cg, &b->cg, dt);
	return n;
}

/* The leading fields of row k: names (b NULL) or values. */
static size_t
lead(const char **f, const struct snap *b, double dt, const struct source *s,
    size_t k)
{
	static char tbuf[32], dbuf[32], pbuf[16];
	const struct pid_info *p;
	size_t n = 3;

	f[0] = "time", f[1] = "host", f[2] = "interval_s";
	if (scope == CGROUP)
		f[n++] = "cgroup";
	if (scope == PROCESS)
		f[n++] = "pid", f[n++] = "comm";
	if (b == NULL)
		return n;
	smp_fmt(tbuf, b->real, 3);
	smp_fmt(dbuf, dt, 6);
	f[0] = tbuf, f[1] = host, f[2] = dbuf;
	if (scope == CGROUP)
		f[3] = s->cg.name;
	if (scope == PROCESS) {
		p = &b->tree.p[per_process ? k : 0];
		snprintf(pbuf, sizeof pbuf, "%d", p->pid);
		f[3] = pbuf, f[4] = p->comm;
	}
	return n;
}

static void
xwrite_csv(struct csvw *w, const struct snap *b, double dt,
    const struct source *s, const struct smp_row *rows, size_t n)
{
	static struct sout_line line;
	const char *f[5];
	size_t k, nf;

	for (k = 0; k < n; k++) {
		nf = lead(f, b, dt, s, k);
		sout_row(w, &line, f, nf, &rows[0], &rows[k]);
	}
	if (fflush(w->fp) != 0 || ferror(w->fp))
		err(EXIT_TROUBLE, "%s: write error", outpath ? outpath :
		    "<stdout>");
}

static void
xwrite_prom(const struct snap *b, const struct source *s,
    const struct smp_row *rows, size_t n)
{
	static struct prom_label *lab;
	static const struct prom_label **labs;
	static const struct smp_row **rp;
	static char (*spid)[16];
	static size_t cap;
	struct prom_label *l;
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
		l[0].key = "host", l[0].val = host;
		if (scope == CGROUP)
			l[1].key = "cgroup", l[1].val = s->cg.name, nl = 2;
		if (scope == PROCESS) {
			snprintf(spid[k], sizeof spid[k], "%d",
			    b->tree.p[per_process ? k : 0].pid);
			l[1].key = "pid", l[1].val = spid[k];
			l[2].key = "comm";
			l[2].val = b->tree.p[per_process ? k : 0].comm;
			nl = 3;
		}
		labs[k] = l, rp[k] = &rows[k];
	}
	if (sout_prom(outpath, rp, n, labs, nl, &e) < 0)
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
		if (childexit || time_sleep_until(deadline) == 0)
			return 0;
	}
}

/* Ends a command run: its exit status, as env(1) reports it. */
static int
reap(pid_t child)
{
	int status, timedout;

	while (spawn_wait(child, 0, 0, &status, NULL, &timedout) < 0)
		if (errno != EINTR)
			err(EXIT_TROUBLE, "wait");
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static void
parse_options(int argc, char **argv, const char ***roots, size_t *nroots)
{
	enum { O_HOST = 256, O_PERCPU, O_PERDISK, O_PERNET, O_PERPROC, O_ROOT };
	static const struct option longopts[] = {
		{ "cgroup", required_argument, NULL, 'c' },
		{ "count", required_argument, NULL, 'n' },
		{ "duration", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "host", required_argument, NULL, O_HOST },
		{ "interval", required_argument, NULL, 'i' },
		{ "output", required_argument, NULL, 'o' },
		{ "per-cpu", no_argument, NULL, O_PERCPU },
		{ "per-disk", no_argument, NULL, O_PERDISK },
		{ "per-net", no_argument, NULL, O_PERNET },
		{ "per-process", no_argument, NULL, O_PERPROC },
		{ "pid", required_argument, NULL, 'p' },
		{ "root", required_argument, NULL, O_ROOT },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;	/* messages below name the program, not argv[0] */
	while ((c = getopt_long(argc, argv, "+:c:d:f:hi:n:o:p:V", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'c': cgpath = optarg; scope = CGROUP; break;
		case 'd': duration = xcli_duration("duration", optarg, 0.01,
		    1e9); break;
		case 'f':
			if (strcmp(optarg, "prometheus") == 0)
				prometheus = 1;
			else if (strcmp(optarg, "csv") == 0)
				prometheus = 0;
			else
				errx(EXIT_TROUBLE, "format '%s': unknown "
				    "(allowed csv, prometheus)", optarg);
			break;
		case 'h': help(); break;
		case 'i': interval = xcli_duration("interval", optarg, 0.01,
		    86400); break;
		case 'n': count = xcli_int("count", optarg, 1, LLONG_MAX); break;
		case 'o': outpath = optarg; break;
		case 'p': pid = xcli_int("pid", optarg, 1, 0x7fffffff);
		    scope = PROCESS; break;
		case 'V': cli_version(); break;
		case O_HOST:
			if (*optarg == '\0')
				errx(EXIT_TROUBLE, "host '': empty");
			host = optarg;
			break;
		case O_PERCPU: sysopts.per_cpu = 1; break;
		case O_PERDISK: sysopts.per_disk = 1; break;
		case O_PERNET: sysopts.per_net = 1; break;
		case O_PERPROC: per_process = 1; break;
		case O_ROOT:
			*roots = xreallocarray(*roots, *nroots + 1,
			    sizeof **roots);
			(*roots)[(*nroots)++] = optarg;
			break;
		case ':':
			warnx("option '%s' needs an argument", argv[optind - 1]);
			usage(stderr);
			exit(EXIT_TROUBLE);
		default:
			if (optopt > 0 && optopt < 256)
				warnx("unknown option '-%c'", optopt);
			else
				warnx("unknown option '%s'", argv[optind - 1]);
			usage(stderr);
			exit(EXIT_TROUBLE);
		}
	}
	/* "--format prometheus FILE" names the file as an operand. */
	if (prometheus && outpath == NULL && optind < argc &&
	    strcmp(argv[optind - 1], "--") != 0) {
		outpath = argv[optind++];
		if (optind < argc && strcmp(argv[optind], "--") == 0)
			optind++;
	}
	if ((pid > 0) + (cgpath != NULL) + (optind < argc) > 1)
		errx(EXIT_TROUBLE, "-p, --cgroup and a command exclude each "
		    "other");
	if (optind < argc && *nroots > 0)
		errx(EXIT_TROUBLE, "--root and a command exclude each other");
	if (per_process && scope != PROCESS && optind == argc)
		errx(EXIT_TROUBLE, "--per-process needs -p or a command");
	if (prometheus && outpath == NULL)
		errx(EXIT_TROUBLE, "--format prometheus needs a file (-o FILE)");
	if (duration > 0 && duration < interval)
		errx(EXIT_TROUBLE, "duration '%s': shorter than the interval",
		    cli_fmt_duration(duration, (char [32]){ 0 }, 32));
}

int
main(int argc, char **argv)
{
	static const char *live[] = { "/" };
	struct smp_row *rows;
	struct source *src;
	struct snap sn[2], *a = &sn[0], *b = &sn[1], *t;
	struct sigaction sa;
	struct csvw w;
	struct perr e;
	const char **roots = NULL, *f[5];
	char hostbuf[256];
	size_t nroots = 0, nsrc, nrows = 1, n, k, nf;
	double start, deadline, dt;
	long long row;
	pid_t child = -1;
	int fresh, rc, replay, status = EXIT_OK;

	parse_options(argc, argv, &roots, &nroots);
	if (nroots == 0)
		roots = live, nroots = 1;
	replay = nroots > 1;
	if (host == NULL)
		host = sout_hostname(roots[0], hostbuf, sizeof hostbuf);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = onsignal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (optind < argc) {
		sigaction(SIGCHLD, &sa, NULL);
		if ((rc = spawn_argv(argv + optind, &child)) != 0) {
			warnx("cannot run '%s': %s", argv[optind], strerror(rc));
			cli_exit(spawn_exit_status(rc));
		}
		scope = PROCESS, pid = child;
	}
	nsrc = nroots;
	src = xcalloc(nsrc, sizeof *src);
	for (k = 0; k < nsrc; k++)
		xopen_source(&src[k], roots[k]);
	/* Replayed trees must come in the order they were taken. */
	for (k = 0, start = -1; replay && k < nsrc; k++, start = dt) {
		if (sout_tree_time(roots[k], &dt, &e) < 0)
			errx(EXIT_TROUBLE, "%s", e.msg);
		if (dt <= start)
			errx(EXIT_TROUBLE, "%s/perfpipe-time: not later than "
			    "the time of the tree before", roots[k]);
	}
	rows = xcalloc(per_process ? MAXROWS : 1, sizeof *rows);
	memset(sn, 0, sizeof sn);
	xtake(&src[0], a, replay);

	/* The columns are fixed now, from the first snapshot. */
	fill(rows, &nrows, &src[0], a, a, 0);
	nf = lead(f, NULL, 0, NULL, 0);
	fresh = 1;
	if (!prometheus && outpath != NULL) {
		if ((fresh = sout_check(outpath, f, nf, &rows[0], &e)) < 0)
			errx(EXIT_TROUBLE, "%s", e.msg);
		if (freopen(outpath, "a", stdout) == NULL)
			err(EXIT_TROUBLE, "%s", outpath);
	}
	csvw_init(&w, stdout);
	if (!prometheus && fresh && (sout_header(&w, f, nf, &rows[0]) < 0 ||
	    fflush(stdout) != 0))
		err(EXIT_TROUBLE, "%s: write error", outpath ? outpath :
		    "<stdout>");
	start = deadline = a->mono;
	for (row = 0; (count == 0 || row < count) && !(stopsig && child < 0);
	    row++) {
		if (replay && (size_t)row + 1 >= nsrc)
			break;
		deadline += interval;
		if (duration > 0 && deadline > start + duration + 1e-9)
			break;
		/* A late sample never shifts later deadlines: those missed
		 * altogether are skipped, and the grid is kept. */
		if (!replay && time_mono() > deadline + interval)
			deadline += interval * floor((time_mono() - deadline) /
			    interval);
		if (!replay && pause_until(deadline, child))
			break;
		xtake(&src[replay ? row + 1 : 0], b, replay);
		dt = b->mono - a->mono;
		if (scope == PROCESS && b->tree.n == 0)
			break;	/* the process is gone */
		n = fill(rows, &nrows, &src[replay ? row + 1 : 0], a, b, dt);
		if (prometheus)
			xwrite_prom(b, &src[0], rows, n);
		else
			xwrite_csv(&w, b, dt, &src[0], rows, n);
		t = a, a = b, b = t;
		if (childexit) {
			siginfo_t si;

			si.si_pid = 0;
			if (waitid(P_PID, (id_t)child, &si, WEXITED | WNOHANG |
			    WNOWAIT) == 0 && si.si_pid == child)
				break;
			childexit = 0;
		}
	}
	if (child > 0)
		status = reap(child);
	for (k = 0; k < nsrc; k++)
		close_source(&src[k]);
	smp_row_free(&rows[0]);
	for (k = 1; k < nrows; k++)
		free(rows[k].v);
	free(rows);
	free(src);
	sys_snap_free(&sn[0].sys);
	sys_snap_free(&sn[1].sys);
	pid_tree_free(&sn[0].tree);
	pid_tree_free(&sn[1].tree);
	if (roots != live)
		free(roots);
	cli_exit(status);
}
