/* timerun.c - perf-time's job: hooks, warm-up and measured runs of each
 * benchmark, a row per run and the summaries, its state in a struct. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "timerun.h"
#include "timesum.h"
#include "util/cli.h"
#include "fmt/csvread.h"
#include "fmt/jsonio.h"
#include "util/timeutil.h"
#include "util/xalloc.h"

static const char *hookname[BENCH_NHOOKS] = {
	"setup", "prepare", "conclude", "cleanup"
};

void
xtimerun_finish(struct timerun *t, int status)
{
	struct perr e;

	if (t->m.cg != NULL && cgrun_close(t->m.cg, &e) < 0) {
		warnx("%s (the run cgroup is left behind)", e.msg);
		status = EXIT_TROUBLE;
	}
	if (t->rows != NULL && t->rows != stdout && fclose(t->rows) != 0) {
		warn("%s: write error", t->rowsname);
		status = EXIT_TROUBLE;
	}
	cli_exit(status);
}

/* The rows' stream failed: says so once (cli_exit would say it again). */
static void __attribute__((noreturn))
die_stdout(struct timerun *t)
{
	warn("%s: write error", t->rowsname);
	if (t->m.cg != NULL)
		cgrun_close(t->m.cg, NULL);
	exit(EXIT_TROUBLE);
}

/* Stopped by a signal: the rows written so far are whole. */
void
xtimerun_interrupted(struct timerun *t)
{
	warnx("interrupted: the runs so far are written");
	xtimerun_finish(t, EXIT_INTERRUPTED);
}

static void __attribute__((noreturn, format(printf, 2, 3)))
die(struct timerun *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	xtimerun_finish(t, EXIT_TROUBLE);
}

/* Runs a hook command; dies when it fails. */
static void
hook(struct timerun *t, const struct bench *b, int h)
{
	const char *cmd = t->o->spec.hooks[h];
	pid_t pid;
	int err, status, to;

	if (b->hook[h] == NULL)
		return;
	if ((err = launch_start(&t->ro, b->hook[h], &pid)) != 0)
		die(t, "%s command '%s': %s", hookname[h], cmd, strerror(err));
	while (launch_wait(pid, 0, 1, &status, NULL, &to) < 0)
		if (errno != EINTR || *t->stop)
			*t->stop ? xtimerun_interrupted(t) : die(t,
			    "%s command '%s': %s", hookname[h], cmd,
			    strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		die(t, "%s command '%s' failed: %s %d", hookname[h], cmd,
		    WIFEXITED(status) ? "exit status" : "signal",
		    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
}

/* Whether a run that ended this way is a failure that stops us. */
static int
fatal(const struct timerun_opts *o, const struct measure_result *r)
{
	int i;

	if (r->timed_out || (r->exit_status == 0 && r->signal == 0) ||
	    o->ignore_all)
		return 0;
	for (i = 0; i < o->nignore; i++)
		if (r->exit_status == o->ignore_codes[i])
			return 0;
	return 1;
}

/* The result of a command that could not be started (errno err): the
 * shell's exit status for it, every measurement unknown. */
static void
not_started(struct measure_result *r, int err)
{
	size_t i;

	r->wall_s = r->user_s = r->sys_s = r->cpu_pct = NAN;
	r->max_rss_kib = r->minor_faults = r->major_faults = NAN;
	r->vol_ctx_switches = r->invol_ctx_switches = NAN;
	r->read_bytes = r->write_bytes = NAN;
	for (i = 0; i < MEASURE_NCOUNTERS; i++)
		r->counters[i] = NAN;
	r->exit_status = err == ENOENT || err == ENOTDIR ? EXIT_NOT_FOUND :
	    EXIT_CANNOT_RUN;
	r->signal = r->timed_out = r->by_cgroup = r->leftovers = 0;
}

/* Runs b once (warm-up when idx is 0).  Returns 0, or -1 when stopped. */
static int
runonce(struct timerun *t, struct bench *b, size_t idx,
    struct measure_result *r)
{
	struct runsout_row row;
	double start;
	int err;

	snprintf(t->runvar, sizeof t->runvar, "PERFPIPE_RUN=%zu", idx);
	hook(t, b, BENCH_PREPARE);
	if (t->o->input != NULL)
		lseek(t->ro.in_fd, 0, SEEK_SET);
	start = timeutil_real();
	err = measure_run(&t->m, &t->ro, b->argv, r);
	if (err == -1)
		return -1;
	if (err == -2)
		die(t, "command '%s': waiting: %s", b->cmd, strerror(errno));
	if (err > 0) {
		/* Not started (no shell): as the shell would say it, exit
		 * status 127 or 126, so that --ignore-failure takes it the
		 * same way; nothing ran, so nothing was measured. */
		not_started(r, err);
		if (fatal(t->o, r))
			die(t, "command '%s': %s%s", b->argv[0], err == ENOENT ?
			    "not found" : "cannot run: ", err == ENOENT ? "" :
			    strerror(err));
		if (b->started++ == 0)
			warnx("command '%s': %s%s: its runs are recorded as "
			    "failed (--ignore-failure)", b->argv[0],
			    err == ENOENT ? "not found" : "cannot run: ",
			    err == ENOENT ? "" : strerror(err));
	}
	/* The shell reports what it could not find or run: the end of the
	 * benchmark, unless --ignore-failure takes that status (then said
	 * once, and recorded as failed runs). */
	if (b->started++ == 0 && b->s.shell &&
	    (r->exit_status == EXIT_NOT_FOUND ||
	    r->exit_status == EXIT_CANNOT_RUN)) {
		if (fatal(t->o, r))
			die(t, "command '%s': %s (the shell's exit status %d)",
			    b->cmd, r->exit_status == EXIT_NOT_FOUND ?
			    "not found" : "cannot run", r->exit_status);
		warnx("command '%s': %s (the shell's exit status %d): its "
		    "runs are recorded as failed (--ignore-failure)", b->cmd,
		    r->exit_status == EXIT_NOT_FOUND ? "not found" :
		    "cannot run", r->exit_status);
	}
	hook(t, b, BENCH_CONCLUDE);
	if (idx == 0)
		return 0;
	if (b->s.shell) {
		r->wall_s = fmax(0, r->wall_s - t->overhead[0]);
		r->user_s = fmax(0, r->user_s - t->overhead[1]);
		r->sys_s = fmax(0, r->sys_s - t->overhead[2]);
	}
	if (!isnan(r->wall_s))	/* unknown when it was not started */
		r->wall_s = fmax(0, r->wall_s - t->floor);
	if (r->leftovers != 0 && !b->warned_leftovers) {
		b->warned_leftovers = 1;
		warnx("command '%s': %s processes still running when its run "
		    "ended%s", b->cmd, r->leftovers < 0 ? "could not kill the" :
		    "killed the", r->leftovers < 0 ? "" : " (in the run's "
		    "cgroup they would be charged to the next run)");
	}
	row.time = start, row.name = b->name, row.command = b->cmd;
	row.pvals = b->pvals, row.run = idx, row.r = r;
	row.overhead_s = b->s.shell || t->floor > 0 ? (b->s.shell ?
	    t->overhead[0] : 0) + t->floor : NAN;
	if (runsout_row(&t->out, &row) < 0)
		die_stdout(t);
	if (fatal(t->o, r)) {
		if (r->signal)
			die(t, "command '%s' failed in run %zu: killed by "
			    "signal %d (use --ignore-failure to go on)", b->cmd,
			    idx, r->signal);
		die(t, "command '%s' failed in run %zu: exit status %d (use"
		    " --ignore-failure to go on)", b->cmd, idx, r->exit_status);
	}
	return 0;
}

/* Shows progress at most ten times a second. */
static void
progress(struct timerun *t, const struct bench *b)
{
	double now = timeutil_mono(), mean;
	size_t need;

	if (!t->tty || now - t->last_progress < 0.1)
		return;
	t->last_progress = now;
	mean = b->runs ? b->busy / (double)b->runs : NAN;
	need = bench_need(b, &t->o->rule);
	timesum_progress(stderr, b->s.label, b->runs, need, mean, need == 0 ?
	    NAN : fmax(0, (double)need - (double)b->runs) * mean);
}

/* A --precision that -M stopped short of: said, with what was reached,
 * rather than passed over. */
static void
precision_missed(const struct timerun *t, const struct bench *b)
{
	double p = bench_precision(b), want = t->o->rule.precision;
	char got[32] = "no interval yet";

	if (!(want > 0) || p <= want)
		return;
	if (!isnan(p))
		snprintf(got, sizeof got, "±%.3g%%", 100 * p);
	warnx("command '%s': --precision %g%% not reached: %s after %zu "
	    "runs (raise -M, --max-runs)", b->cmd, 100 * want, got, b->runs);
}

/* Measured runs of b until done.  Returns 0, or -1 when stopped. */
static int
measure_all(struct timerun *t, struct bench *b, int one)
{
	struct measure_result r;

	while (!bench_done(b, &t->o->rule)) {
		if (*t->stop || runonce(t, b, b->runs + 1, &r) < 0)
			return -1;
		bench_count(b, &r);
		progress(t, b);
		if (one)
			break;
	}
	return 0;
}

static void
setup_measure(struct timerun *t)
{
	const struct timerun_opts *o = t->o;
	struct perr e;

	measure_init(&t->m);
	t->m.timeout = o->timeout;
	t->m.stop = t->stop;
	/* auto: a cgroup only where it gives what rusage cannot, the peak
	 * memory of the whole tree. */
	if (o->measure != TIMERUN_RUSAGE) {
		if (cgrun_open(&t->cg, "/proc/self", o->measure == TIMERUN_AUTO,
		    &e) == 0)
			t->m.cg = &t->cg;
		else if (o->measure == TIMERUN_CGROUP)
			errx(EXIT_TROUBLE, "--measure cgroup: %s", e.msg);
	}
	if (o->counters) {
		if (perfevent_open(&t->pe, perfevent_default,
		    MEASURE_NCOUNTERS, &e) == 0)
			warnx("hardware counters unavailable (%s): their"
			    " columns are empty", e.msg);
		else
			t->m.pe = &t->pe;
	}
}

/* Opens --input and --output for the runs. */
static void
setup_streams(struct timerun *t)
{
	const struct timerun_opts *o = t->o;
	const char *in = o->input != NULL ? o->input : "/dev/null";

	if ((t->ro.in_fd = open(in, O_RDONLY | O_CLOEXEC)) < 0)
		err(EXIT_TROUBLE, "%s", in);
	if (strcmp(o->output, "inherit") == 0)
		t->ro.out_fd = -1;
	else if ((t->ro.out_fd = open(strcmp(o->output, "null") == 0 ?
	    "/dev/null" : o->output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0666)) < 0)
		err(EXIT_TROUBLE, "%s", o->output);
	t->ro.pgroup = 1;
}

/* Where the rows go: stdout, or appended to the -o file under the same
 * header only (perf-sample's rule), never onto a cut-off last line. */
static void
open_rows(struct timerun *t)
{
	const struct timerun_opts *o = t->o;
	struct perr e;
	char **names;
	size_t i, n;
	int fresh = 1;

	runsout_init(&t->out, &o->ps, o->counters, o->labels, o->nlabels,
	    o->host);
	t->rows = stdout, t->rowsname = "<stdout>";
	if (o->append != NULL) {
		names = runsout_names(&t->out, &n);
		fresh = csvread_append_check(o->append,
		    (const char *const *)names, n, &e);
		for (i = 0; i < n; i++)
			free(names[i]);
		free(names);
		if (fresh < 0)
			die(t, "%s", e.msg);
		if ((t->rows = fopen(o->append, "a")) == NULL)
			die(t, "%s: %s", o->append, strerror(errno));
		t->rowsname = o->append;
	}
	if (runsout_open(&t->out, t->rows, fresh) < 0)
		die_stdout(t);
}

/* A number of the calibration block, or NaN when it is null or absent. */
static double
calnum(const json_t *cal, const char *key)
{
	const json_t *v = json_object_get(cal, key);

	return json_is_number(v) ? json_number_value(v) : NAN;
}

int
timerun_calibration(const char *path, struct timerun_cal *c, struct perr *e)
{
	const char *fmt, *h;
	json_t *doc, *cal;
	int rc = -1;

	if ((doc = jsonio_read(path, e)) == NULL)
		return -1;
	fmt = json_string_value(json_object_get(doc, "format"));
	cal = json_object_get(doc, "calibration");
	if (fmt == NULL || (strcmp(fmt, "perf-calibration/1") != 0 &&
	    strcmp(fmt, "perf-validate/1") != 0) || !json_is_object(cal)) {
		perr_set(e, "%s: not a calibration (perf-validate "
		    "--calibration-out writes one)", path);
		goto out;
	}
	c->floor = calnum(cal, "spawn_floor_s");
	c->shell = calnum(cal, "shell_overhead_s");
	if (!(c->floor >= 0) || c->floor > 1) {
		perr_set(e, "%s: spawn_floor_s: not a duration from 0 to 1 s",
		    path);
		goto out;
	}
	h = json_string_value(json_object_get(cal, "host"));
	snprintf(c->host, sizeof c->host, "%s", h ? h : "");
	rc = 0;
out:
	json_decref(doc);
	return rc;
}

/*
 * --calibration FILE: perf-validate's calibration file (or a validation
 * document, which holds the same block).  Its spawn floor, the wall time
 * of starting and reaping /bin/true, is subtracted from every run, and
 * its shell start-up replaces the one measured now in shell mode; each
 * row's overhead_s says what was subtracted.
 */
static void
calibrate(struct timerun *t, const char *path)
{
	char host[256] = "";
	struct timerun_cal c;
	struct perr e;

	if (timerun_calibration(path, &c, &e) != 0)
		die(t, "%s", e.msg);
	gethostname(host, sizeof host - 1);
	if (*c.host && strcmp(c.host, host) != 0)
		warnx("%s: measured on %s, not on this machine (%s)", path,
		    c.host, host);
	t->floor = c.floor;
	if (t->o->spec.shellmode && !t->o->spec.noshell && c.shell >= 0)
		t->overhead[0] = c.shell;
}

void
xtimerun_open(struct timerun *t, const struct timerun_opts *o,
    const volatile sig_atomic_t *stop)
{
	extern char **environ;
	struct perr e;
	int err;

	memset(t, 0, sizeof *t);
	t->o = o;
	t->stop = stop;
	strcpy(t->runvar, "PERFPIPE_RUN=0");
	if ((t->b = bench_plan(&o->spec, &t->nb, &e)) == NULL)
		errx(EXIT_TROUBLE, "%s", e.msg);
	t->tty = isatty(2) && o->summary;
	launch_opts_init(&t->ro);
	launch_env_init(&t->env, environ);
	launch_env_put(&t->env, t->runvar);
	t->ro.envp = t->env.envp;
	if (o->cpulist != NULL) {
		if (launch_cpus_parse(o->cpulist, &t->cpus, &e) < 0)
			errx(EXIT_TROUBLE, "%s", e.msg);
		t->ro.cpus = &t->cpus;
	}
	setup_streams(t);
	if ((err = launch_opts_prepare(&t->ro)) != 0)
		errx(EXIT_TROUBLE, "spawn: %s", strerror(err));
	setup_measure(t);
	if (o->spec.shellmode && !o->spec.noshell &&
	    (err = measure_shell(&t->m, &t->ro, o->spec.shell, t->overhead)) != 0)
		err > 0 ? die(t, "shell 'sh': %s", strerror(err)) :
		    xtimerun_interrupted(t);
	if (o->calibration != NULL)
		calibrate(t, o->calibration);
	open_rows(t);
}

int
xtimerun_all(struct timerun *t)
{
	const struct timerun_opts *o = t->o;
	struct timesum_bench *sums;
	struct measure_result r;
	struct perr e;
	size_t i, j, left;
	uint64_t rng;
	int stopped = 0;

	/* Setup and warm-up of each; all first when interleaving. */
	for (i = 0; i < t->nb && !stopped; i++) {
		hook(t, &t->b[i], BENCH_SETUP);
		for (j = 0; j < (size_t)o->warmup && !stopped; j++)
			stopped = *t->stop || runonce(t, &t->b[i], 0, &r) < 0;
		if (o->interleave || stopped)
			continue;
		stopped = measure_all(t, &t->b[i], 0) < 0;
		if (t->tty)
			timesum_progress_clear(stderr);
		if (!stopped)
			precision_missed(t, &t->b[i]);
		if (o->summary)
			timesum_bench(stderr, i + 1, &t->b[i].s);
		if (!stopped)
			hook(t, &t->b[i], BENCH_CLEANUP);
	}
	if (o->interleave && !stopped) {
		t->order = xcalloc(t->nb, sizeof *t->order);
		rng = (uint64_t)o->seed * 0x9e3779b97f4a7c15ULL | 1;
		while ((left = bench_round(t->b, t->nb, &o->rule,
		    o->interleave == TIMERUN_SHUFFLE, &rng, t->order)) > 0) {
			for (i = 0; i < left && !stopped; i++)
				stopped = measure_all(t, &t->b[t->order[i]],
				    1) < 0;
			if (stopped)
				break;
		}
		if (t->tty)
			timesum_progress_clear(stderr);
		for (i = 0; i < t->nb && !stopped; i++)
			precision_missed(t, &t->b[i]);
		for (i = 0; i < t->nb && o->summary; i++)
			timesum_bench(stderr, i + 1, &t->b[i].s);
		for (i = 0; i < t->nb && !stopped; i++)
			hook(t, &t->b[i], BENCH_CLEANUP);
	}
	if (!stopped && export_write(&o->exp, t->b, t->nb, &o->ps, &e) < 0)
		die(t, "%s", e.msg);
	if (o->summary && t->nb > 1) {
		sums = xcalloc(t->nb, sizeof *sums);
		for (i = 0; i < t->nb; i++)
			sums[i] = t->b[i].s;
		timesum_compare(stderr, sums, t->nb);
		free(sums);
	}
	return stopped ? -1 : 0;
}
