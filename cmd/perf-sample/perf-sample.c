/* perf-sample.c - resource sampler of the system, a process tree, a command
 * or a cgroup; reads /proc, /sys and cgroup v2 files, writes schemas/samples
 * (CSV) or the Prometheus text format. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run/launch.h"
#include "sampleout.h"
#include "samplerun.h"
#include "util/cli.h"
#include "util/xalloc.h"

static struct samplerun_opts opt;	/* set once by main */
static struct usermetrics metrics;	/* --metric, --metric-cmd */
static volatile sig_atomic_t stopsig, childexit;

static void
usage(FILE *fp)
{
	fprintf(fp,
"usage: perf-sample [-i interval] [-n count] [-d duration] [-o file]\n"
"                   [-f csv|prometheus] [--per-cpu] [--per-disk] [--per-net]\n"
"                   [--host name] [--root dir] [-R] [--metric name=file[:field]]\n"
"                   [--metric-cmd name=command] [--metric-timeout duration]\n"
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
"      --metric NAME=FILE[:FIELD]\n"
"                        a column NAME: the first number in FILE at each\n"
"                        sample, or the FIELDth word, or the number after\n"
"                        the line's first word FIELD (e.g. memory.stat:anon)\n"
"      --metric-cmd NAME=COMMAND\n"
"                        a column NAME: the first number COMMAND prints at\n"
"                        each sample (words split as sh does, no shell: use\n"
"                        sh -c '...' for one), and NAME_cmd_s, its run time\n"
"      --metric-timeout DUR  kill a --metric-cmd command after DUR, 10ms-1h\n"
"                        (default: the interval)\n"
"  -n, --count N         stop after N samples\n"
"  -o, --output FILE     append to FILE (its header must match)\n"
"  -p, --pid PID         the process PID and all its descendants\n"
"      --per-cpu         columns for each CPU as well\n"
"      --per-disk        columns for each disk as well\n"
"      --per-net         columns for each network interface as well\n"
"      --per-process     with -p or a command: a row per process\n"
"  -R, --realtime        wake up on time under load: SCHED_FIFO priority 1\n"
"                        for the sampler (not the command); when refused,\n"
"                        a warning and normal scheduling\n"
"      --root DIR        read DIR/proc and DIR/sys; given again, replay the\n"
"                        trees as successive samples (DIR/perfpipe-time)\n"
"  -V, --version         print the version\n"
"  -- COMMAND ARG...     run COMMAND and sample it until it exits\n"
"Exit status: 0 done or stopped by a signal, 2 trouble; with a command,\n"
"its status (126 cannot run, 127 not found).\n", stdout);
	cli_exit(EXIT_OK);
}

/*
 * Parses argv into o.  Dies as the command line asks: --help and
 * --version print and exit 0; misuse prints "perf-sample: unknown option
 * '--x'" (or why) and the usage line and exits 2; a bad value says why
 * ("interval '0': too small (allowed 10ms-1d)") and exits 2.
 */
static void
xparse(struct samplerun_opts *o, int argc, char **argv)
{
	enum { O_HOST = 256, O_PERCPU, O_PERDISK, O_PERNET, O_PERPROC, O_ROOT,
	    O_METRIC, O_METRICCMD, O_METRICTIMEOUT };
	static const struct option longopts[] = {
		{ "cgroup", required_argument, NULL, 'c' },
		{ "count", required_argument, NULL, 'n' },
		{ "duration", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "host", required_argument, NULL, O_HOST },
		{ "interval", required_argument, NULL, 'i' },
		{ "metric", required_argument, NULL, O_METRIC },
		{ "metric-cmd", required_argument, NULL, O_METRICCMD },
		{ "metric-timeout", required_argument, NULL, O_METRICTIMEOUT },
		{ "output", required_argument, NULL, 'o' },
		{ "per-cpu", no_argument, NULL, O_PERCPU },
		{ "per-disk", no_argument, NULL, O_PERDISK },
		{ "per-net", no_argument, NULL, O_PERNET },
		{ "per-process", no_argument, NULL, O_PERPROC },
		{ "pid", required_argument, NULL, 'p' },
		{ "realtime", no_argument, NULL, 'R' },
		{ "root", required_argument, NULL, O_ROOT },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct perr e;
	int c;

	memset(o, 0, sizeof *o);
	metrics.timeout = -1;
	o->scope = SAMPLERUN_SYSTEM;
	o->interval = 1;
	o->pid = -1;
	opterr = 0;	/* xcli_badopt names the program, not argv[0] */
again:
	while ((c = getopt_long(argc, argv, "+:c:d:f:hi:n:o:p:RV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'c':
			o->cgpath = optarg;
			o->scope = SAMPLERUN_CGROUP;
			break;
		case 'd': o->duration = xcli_duration("duration", optarg, 0.01,
		    1e9); break;
		case 'f':
			if (strcmp(optarg, "prometheus") == 0)
				o->prometheus = 1;
			else if (strcmp(optarg, "csv") == 0)
				o->prometheus = 0;
			else
				errx(EXIT_TROUBLE, "format '%s': unknown "
				    "(allowed csv, prometheus)", optarg);
			break;
		case 'h': help(); break;
		case 'i': o->interval = xcli_duration("interval", optarg, 0.01,
		    86400); break;
		case 'n':
			o->count = xcli_int("count", optarg, 1, LLONG_MAX);
			break;
		case 'o': o->outpath = optarg; break;
		case 'p': o->pid = xcli_int("pid", optarg, 1, 0x7fffffff);
		    o->scope = SAMPLERUN_PROCESS; break;
		case 'R': o->realtime = 1; break;
		case 'V': cli_version(); break;
		case O_HOST:
			if (*optarg == '\0')
				errx(EXIT_TROUBLE, "host '': empty");
			o->host = optarg;
			break;
		case O_METRIC:
		case O_METRICCMD:
			if (usermetric_add(&metrics, optarg, c == O_METRICCMD,
			    &e) < 0)
				errx(EXIT_TROUBLE, "%s", e.msg);
			break;
		case O_METRICTIMEOUT: metrics.timeout = xcli_duration(
		    "metric timeout", optarg, 0.01, 3600); break;
		case O_PERCPU: o->sysopts.per_cpu = 1; break;
		case O_PERDISK: o->sysopts.per_disk = 1; break;
		case O_PERNET: o->sysopts.per_net = 1; break;
		case O_PERPROC: o->per_process = 1; break;
		case O_ROOT:
			o->roots = xreallocarray(o->roots, o->nroots + 1,
			    sizeof *o->roots);
			o->roots[o->nroots++] = optarg;
			break;
		default:
			xcli_badopt(c, argv, usage);
		}
	}
	/* "--format prometheus FILE" names the file as an operand, and
	 * options may follow it ("-f prometheus FILE -i 15s"). */
	if (o->prometheus && o->outpath == NULL && optind < argc &&
	    strcmp(argv[optind - 1], "--") != 0) {
		o->outpath = argv[optind++];
		goto again;
	}
	if ((o->pid > 0) + (o->cgpath != NULL) + (optind < argc) > 1)
		errx(EXIT_TROUBLE, "-p, --cgroup and a command exclude each "
		    "other");
	if (optind < argc && o->nroots > 0)
		errx(EXIT_TROUBLE, "--root and a command exclude each other");
	if (o->per_process && o->scope != SAMPLERUN_PROCESS &&
	    optind == argc)
		errx(EXIT_TROUBLE, "--per-process needs -p or a command");
	if (o->prometheus && o->outpath == NULL)
		errx(EXIT_TROUBLE, "--format prometheus needs a file (-o FILE)");
	if (o->duration > 0 && o->duration < o->interval)
		errx(EXIT_TROUBLE, "duration '%s': shorter than the interval",
		    cli_fmt_duration(o->duration, (char [32]){ 0 }, 32));
	o->command = optind < argc ? argv + optind : NULL;
	metrics.interval = o->interval;
	if (metrics.timeout < 0)
		metrics.timeout = o->interval;
	o->metrics = &metrics;
}

static void
onsignal(int sig)
{
	if (sig == SIGCHLD)
		childexit = 1;
	else
		stopsig = sig;
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

/* Catches SIGINT and SIGTERM; with a command, starts it and samples it. */
static void
start(char **command, pid_t *child)
{
	struct launch_opts lo;
	struct sigaction sa;
	int rc;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = onsignal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (command == NULL)
		return;
	sigaction(SIGCHLD, &sa, NULL);
	launch_opts_init(&lo);
	/* The CSV and the command's output never share a stream: with the
	 * rows on stdout, the command writes its own to stderr. */
	if (opt.outpath == NULL)
		lo.out_fd = STDERR_FILENO;
	if ((rc = launch_start(&lo, command, child)) != 0) {
		warnx("cannot run '%s': %s", command[0], strerror(rc));
		cli_exit(launch_exit_status(rc));
	}
	opt.scope = SAMPLERUN_PROCESS, opt.pid = *child;
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

int
main(int argc, char **argv)
{
	static const char *live[] = { "/" };
	const char *const *roots;
	char hostbuf[256];
	size_t nroots;
	struct samplerun r;
	pid_t child = -1;
	int status = EXIT_OK;

	xparse(&opt, argc, argv);
	roots = opt.nroots > 0 ? opt.roots : live;
	nroots = opt.nroots > 0 ? opt.nroots : 1;
	if (opt.host == NULL)
		opt.host = sampleout_hostname(roots[0], hostbuf, sizeof hostbuf);
	start(opt.command, &child);
	schedule();
	xsamplerun_open(&r, &opt, roots, nroots, child, &stopsig, &childexit);
	samplerun_loop(&r);
	if (child > 0)
		status = reap(child);
	samplerun_close(&r);
	usermetric_free(&metrics);
	free(opt.roots);
	cli_exit(status);
}
