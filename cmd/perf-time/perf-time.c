/* perf-time.c - benchmarks commands: repeated, warmed-up, fully measured
 * runs; reads a command line, writes schemas/runs.schema.json (CSV). */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "cgrun.h"
#include "util/cli.h"
#include "measure.h"
#include "params.h"
#include "perfevent.h"
#include "runsout.h"
#include "run/launch.h"
#include "timeopts.h"
#include "timesum.h"
#include "util/timeutil.h"
#include "util/xalloc.h"

static const char *hookname[BENCH_NHOOKS] = {
	"setup", "prepare", "conclude", "cleanup"
};

static struct timeopts O;	/* set once by xtimeopts_parse */
static volatile sig_atomic_t stop;
static struct measure M;
static struct cgrun CG;
static struct launch_opts RO;	/* how runs and hooks start */
static struct runsout OUT;
static char runvar[48] = "PERFPIPE_RUN=0";
static double overhead[3];	/* shell start-up: wall, user, sys */
static int tty;
/* Kept here for the whole run (and so reachable at exit). */
static struct launch_env ENV;
static struct bench *B;
static size_t NB, *ORDER;
static struct timesum_bench *SUMS;


/* Removes the cgroup; then exits with status. */
static void __attribute__((noreturn))
finish(int status)
{
	struct perr e;

	if (M.cg != NULL && cgrun_close(M.cg, &e) < 0)
		warnx("%s", e.msg);
	cli_exit(status);
}

/* Standard output failed: says so once (cli_exit would say it again). */
static void __attribute__((noreturn))
die_stdout(void)
{
	warn("<stdout>: write error");
	if (M.cg != NULL)
		cgrun_close(M.cg, NULL);
	exit(EXIT_TROUBLE);
}

/* Stopped by a signal: the rows written so far are whole. */
static void __attribute__((noreturn))
interrupted(void)
{
	warnx("interrupted: the runs so far are written");
	finish(130);
}

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	finish(EXIT_TROUBLE);
}

static void
onsignal(int sig)
{
	(void)sig;
	stop = 1;
}

/* Runs a hook command; dies when it fails. */
static void
hook(const struct bench *b, int h)
{
	pid_t pid;
	int err, status, to;

	if (b->hook[h] == NULL)
		return;
	if ((err = launch_start(&RO, b->hook[h], &pid)) != 0)
		die("%s command '%s': %s", hookname[h], O.spec.hooks[h],
		    strerror(err));
	while (launch_wait(pid, 0, 1, &status, NULL, &to) < 0)
		if (errno != EINTR || stop)
			stop ? interrupted() : die("%s command '%s': %s",
			    hookname[h], O.spec.hooks[h], strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die("%s command '%s' failed: %s %d", hookname[h],
		    O.spec.hooks[h],
		    WIFEXITED(status) ? "exit status" : "signal",
		    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
}

/* Whether a run that ended this way is a failure that stops us. */
static int
fatal(const struct measure_result *r)
{
	int i;

	if (r->timed_out || (r->exit_status == 0 && r->signal == 0) ||
	    O.ignore_all)
		return 0;
	for (i = 0; i < O.nignore; i++)
		if (r->exit_status == O.ignore_codes[i])
			return 0;
	return 1;
}

/* Runs b once (warm-up when idx is 0).  Returns 0, or -1 when stopped. */
static int
runonce(struct bench *b, size_t idx, struct measure_result *r)
{
	struct runsout_row row;
	double t;
	int err;

	snprintf(runvar, sizeof runvar, "PERFPIPE_RUN=%zu", idx);
	hook(b, BENCH_PREPARE);
	if (O.input != NULL)
		lseek(RO.in_fd, 0, SEEK_SET);
	t = timeutil_real();
	err = measure_run(&M, &RO, b->argv, r);
	if (err == -1)
		return -1;
	if (err == -2)
		die("command '%s': waiting: %s", b->cmd, strerror(errno));
	if (err > 0)
		die("command '%s': %s%s", b->argv[0], err == ENOENT ?
		    "not found" : "cannot run: ", err == ENOENT ? "" :
		    strerror(err));
	/* The shell reports what it could not find or run. */
	if (b->started++ == 0 && b->s.shell &&
	    (r->exit_status == 127 || r->exit_status == 126))
		die("command '%s': %s (the shell's exit status %d)", b->cmd,
		    r->exit_status == 127 ? "not found" : "cannot run",
		    r->exit_status);
	hook(b, BENCH_CONCLUDE);
	if (idx == 0)
		return 0;
	if (b->s.shell) {
		r->wall_s = fmax(0, r->wall_s - overhead[0]);
		r->user_s = fmax(0, r->user_s - overhead[1]);
		r->sys_s = fmax(0, r->sys_s - overhead[2]);
	}
	row.time = t, row.name = b->name, row.command = b->cmd;
	row.pvals = b->pvals, row.run = idx, row.r = r;
	row.overhead_s = b->s.shell ? overhead[0] : NAN;
	if (runsout_row(&OUT, &row) < 0)
		die_stdout();
	if (fatal(r)) {
		if (r->signal)
			die("command '%s' failed in run %zu: killed by signal"
			    " %d (use --ignore-failure to go on)", b->cmd, idx,
			    r->signal);
		die("command '%s' failed in run %zu: exit status %d (use"
		    " --ignore-failure to go on)", b->cmd, idx, r->exit_status);
	}
	return 0;
}

/* Shows progress at most ten times a second. */
static void
progress(const struct bench *b)
{
	static double last;
	double now = timeutil_mono(), mean;
	size_t need;

	if (!tty || now - last < 0.1)
		return;
	last = now;
	mean = b->runs ? b->busy / (double)b->runs : NAN;
	need = bench_need(b, &O.rule);
	timesum_progress(stderr, b->s.label, b->runs, need, mean, need == 0 ?
	    NAN : fmax(0, (double)need - (double)b->runs) * mean);
}

/* Measured runs of b until done.  Returns 0, or -1 when stopped. */
static int
measure_all(struct bench *b, int one)
{
	struct measure_result r;

	while (!bench_done(b, &O.rule)) {
		if (stop || runonce(b, b->runs + 1, &r) < 0)
			return -1;
		bench_count(b, &r);
		progress(b);
		if (one)
			break;
	}
	return 0;
}

static void
setup_measure(void)
{
	static struct perfevent pe;
	struct perr e;

	measure_init(&M);
	M.timeout = O.timeout;
	M.stop = &stop;
	/* auto: a cgroup only where it gives what rusage cannot, the peak
	 * memory of the whole tree. */
	if (O.measure != TIMEOPTS_RUSAGE) {
		if (cgrun_open(&CG, "/proc/self", O.measure == TIMEOPTS_AUTO,
		    &e) == 0)
			M.cg = &CG;
		else if (O.measure == TIMEOPTS_CGROUP)
			errx(EXIT_TROUBLE, "--measure cgroup: %s", e.msg);
	}
	if (O.counters) {
		if (perfevent_open(&pe, perfevent_default, MEASURE_NCOUNTERS,
		    &e) == 0)
			warnx("hardware counters unavailable (%s): their"
			    " columns are empty", e.msg);
		else
			M.pe = &pe;
	}
}

/* Opens --input and --output for the runs. */
static void
setup_streams(void)
{
	const char *in = O.input != NULL ? O.input : "/dev/null";

	if ((RO.in_fd = open(in, O_RDONLY | O_CLOEXEC)) < 0)
		err(EXIT_TROUBLE, "%s", in);
	if (strcmp(O.output, "inherit") == 0)
		RO.out_fd = -1;
	else if ((RO.out_fd = open(strcmp(O.output, "null") == 0 ? "/dev/null" :
	    O.output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)) < 0)
		err(EXIT_TROUBLE, "%s", O.output);
	RO.pgroup = 1;
}


int
main(int argc, char *argv[])
{
	extern char **environ;
	struct sigaction sa;
	struct measure_result r;
	struct perr e;
	cpu_set_t cpus;
	size_t i, j, left;
	uint64_t rng;
	int stopped = 0, err;

	xtimeopts_parse(&O, argc, argv);
	if ((B = bench_plan(&O.spec, &NB, &e)) == NULL)
		errx(EXIT_TROUBLE, "%s", e.msg);
	tty = isatty(2);
	if (O.summary < 0)
		O.summary = tty;
	tty = tty && O.summary;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = onsignal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	launch_opts_init(&RO);
	launch_env_init(&ENV, environ);
	launch_env_put(&ENV, runvar);
	RO.envp = ENV.envp;
	if (O.cpulist != NULL) {
		if (launch_cpus_parse(O.cpulist, &cpus, &e) < 0)
			errx(EXIT_TROUBLE, "%s", e.msg);
		RO.cpus = &cpus;
	}
	setup_streams();
	if ((err = launch_opts_prepare(&RO)) != 0)
		errx(EXIT_TROUBLE, "spawn: %s", strerror(err));
	setup_measure();
	if (O.spec.shellmode && !O.spec.noshell &&
	    (err = measure_shell(&M, &RO, overhead)) != 0)
		err > 0 ? die("shell 'sh': %s", strerror(err)) : interrupted();
	if (runsout_open(&OUT, stdout, &O.ps, O.counters) < 0)
		die_stdout();

	/* Setup and warm-up of each; all first when interleaving. */
	for (i = 0; i < NB && !stopped; i++) {
		hook(&B[i], BENCH_SETUP);
		for (j = 0; j < (size_t)O.warmup && !stopped; j++)
			stopped = stop || runonce(&B[i], 0, &r) < 0;
		if (O.interleave || stopped)
			continue;
		stopped = measure_all(&B[i], 0) < 0;
		if (tty)
			timesum_progress_clear(stderr);
		if (O.summary)
			timesum_bench(stderr, i + 1, &B[i].s);
		if (!stopped)
			hook(&B[i], BENCH_CLEANUP);
	}
	if (O.interleave && !stopped) {
		ORDER = xcalloc(NB, sizeof *ORDER);
		rng = (uint64_t)O.seed * 0x9e3779b97f4a7c15ULL | 1;
		while ((left = bench_round(B, NB, &O.rule,
		    O.interleave == TIMEOPTS_SHUFFLE, &rng, ORDER)) > 0) {
			for (i = 0; i < left && !stopped; i++)
				stopped = measure_all(&B[ORDER[i]], 1) < 0;
			if (stopped)
				break;
		}
		if (tty)
			timesum_progress_clear(stderr);
		for (i = 0; i < NB && O.summary; i++)
			timesum_bench(stderr, i + 1, &B[i].s);
		for (i = 0; i < NB && !stopped; i++)
			hook(&B[i], BENCH_CLEANUP);
	}
	if (O.summary && NB > 1) {
		SUMS = xcalloc(NB, sizeof *SUMS);
		for (i = 0; i < NB; i++)
			SUMS[i] = B[i].s;
		timesum_compare(stderr, SUMS, NB);
		free(SUMS);
	}
	if (stopped)
		interrupted();
	finish(EXIT_OK);
}
