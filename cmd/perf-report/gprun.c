/* gprun.c - gnuplot runs: each chart a script and its variables (numbers,
 * and text only as escaped string literals), drawn by one gnuplot per CPU
 * from a driver script, waited for, and killed from a signal handler
 * when need be. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "escape.h"
#include "gprun.h"
#include "run/launch.h"
#include "util/xalloc.h"

/* Marks the start of each chart in gnuplot's messages: a failure is told
 * as the chart's, the last marker before it. */
#define MARK "perf-report chart: "

static void
add(struct gprun *g, char *s)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 32;
		g->cmd = xreallocarray(g->cmd, g->cap, sizeof *g->cmd);
	}
	g->cmd[g->n++] = s;
}

void
gprun_num(struct gprun *g, const char *name, double v)
{
	if (isnan(v))
		add(g, xasprintf("%s=NaN", name));
	else
		add(g, xasprintf("%s=%.17g", name, v));
}

void
gprun_numf(struct gprun *g, double v, const char *fmt, ...)
{
	char name[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	gprun_num(g, name, v);
}

void
gprun_str(struct gprun *g, const char *text, const char *fmt, ...)
{
	char name[64], *q;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	q = escape_gp(text);
	add(g, xasprintf("%s=%s", name, q));
	free(q);
}

/* ---- running gnuplot ---- */

/* One gnuplot drawing the charts k, k + nb, k + 2 nb, ... of the runs. */
struct batch {
	pid_t pid;
	char *path;		/* its driver script */
	char *errpath;		/* its messages */
};

/* The gnuplots running now, for gprun_kill from a signal handler. */
static struct batch *volatile running;
static volatile size_t nrunning;

void
gprun_kill(void)
{
	struct batch *b = running;
	size_t i, n = nrunning;

	for (i = 0; b != NULL && i < n; i++)
		if (b[i].pid > 0) {
			kill(b[i].pid, SIGKILL);
			while (waitpid(b[i].pid, NULL, 0) < 0 && errno == EINTR)
				;
		}
}

/* The CPUs this process may run on (taskset, a cgroup's cpuset). */
static size_t
ncpus(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
		return (size_t)CPU_COUNT(&set);
	return 1;
}

/* Writes the driver script of batch k of nb: for each of its charts, a
 * marker, the session reset, the variables and a load of the script; the
 * output closed after each, so that each file is whole when it ends. */
static int
write_driver(const struct batch *b, const struct gprun *runs, size_t n,
    size_t k, size_t nb, struct perr *e)
{
	FILE *fp = fopen(b->path, "w");
	size_t i, j;
	char *q;

	if (fp == NULL)
		return perr_set(e, "%s: %s", b->path, strerror(errno));
	fprintf(fp, "# perf-report: charts drawn by one gnuplot (its start "
	    "paid once)\n");
	for (i = k; i < n; i += nb) {
		q = escape_gp(runs[i].file);
		fprintf(fp, "reset session\nprint '%s'.%s\n", MARK, q);
		free(q);
		for (j = 0; j < runs[i].n; j++)
			fprintf(fp, "%s\n", runs[i].cmd[j]);
		q = escape_gp(runs[i].script);
		fprintf(fp, "load %s\nset output\n", q);
		free(q);
	}
	if (fclose(fp) != 0)
		return perr_set(e, "%s: write error: %s", b->path,
		    strerror(errno));
	return 0;
}

static int
start(struct batch *b, const char *gnuplot, const char *first,
    struct perr *e)
{
	struct launch_opts o;
	char *argv[3];
	int err, fd;

	if ((fd = open(b->errpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) < 0)
		return perr_set(e, "%s: %s", b->errpath, strerror(errno));
	launch_opts_init(&o);
	o.err_fd = fd;
	o.in_fd = -1;
	argv[0] = (char *)gnuplot;
	argv[1] = b->path;
	argv[2] = NULL;
	if ((err = launch_opts_prepare(&o)) == 0) {
		err = launch_start(&o, argv, &b->pid);
		launch_opts_free(&o);
	}
	close(fd);
	if (err == ENOENT)
		return perr_set(e, "chart %s.svg: %s not found (install "
		    "gnuplot-nox, or set PERFPIPE_GNUPLOT)", first, gnuplot);
	if (err != 0)
		return perr_set(e, "chart %s.svg: cannot run %s: %s", first,
		    gnuplot, strerror(err));
	return 0;
}

/*
 * Reads gnuplot's messages at path: the chart being drawn when it failed
 * (after the last marker) into chart, the first line of its complaint
 * into msg as ": LINE".  Returns whether there was anything but markers
 * (a complaint, or a warning worth keeping).
 */
static int
messages(const char *path, char *chart, size_t clen, char *msg, size_t mlen)
{
	FILE *fp = fopen(path, "r");
	char line[512];
	int any = 0, found = 0;

	msg[0] = '\0';
	if (fp == NULL)
		return 0;
	while (fgets(line, sizeof line, fp)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, MARK, strlen(MARK)) == 0) {
			snprintf(chart, clen, "%s", line + strlen(MARK));
			msg[0] = '\0';
			found = 0;
			continue;
		}
		any = 1;
		if (found)
			continue;
		/* The error or warning line, else the first that says
		 * anything (not only the caret under the place). */
		if (strstr(line, "rror") || strstr(line, "arning")) {
			snprintf(msg, mlen, ": %s", line);
			found = 1;
		} else if (msg[0] == '\0' && line[strspn(line, " ^")] != '\0')
			snprintf(msg, mlen, ": %s", line);
	}
	fclose(fp);
	return any;
}

static int
finish(struct batch *b, const char *gnuplot, const char *first,
    struct perr *e)
{
	char msg[600], chart[512];
	int status, any;

	while (waitpid(b->pid, &status, 0) < 0)
		if (errno != EINTR)
			return perr_set(e, "chart %s.svg: %s", first,
			    strerror(errno));
	b->pid = 0;	/* reaped: gprun_kill must not reach its pid again */
	snprintf(chart, sizeof chart, "%s", first);
	any = messages(b->errpath, chart, sizeof chart, msg, sizeof msg);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		/* Its messages are kept only when it complained. */
		if (!any)
			unlink(b->errpath);
		return 0;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return perr_set(e, "chart %s.svg: %s not found", chart, gnuplot);
	return perr_set(e, "chart %s.svg: gnuplot failed (%s %d)%s", chart,
	    WIFEXITED(status) ? "exit status" : "signal", WIFEXITED(status) ?
	    WEXITSTATUS(status) : WTERMSIG(status), msg);
}

void
gprun_free(struct gprun *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		free(g->cmd[i]);
	free(g->cmd);
	free(g->script);
	free(g->file);
}

int
gprun_all(struct gprun *runs, size_t n, const char *gnuplot,
    const char *dir, struct perr *e)
{
	struct batch *b;
	size_t i, nb, started;
	int rc = 0;

	if (n == 0)
		return 0;
	/* As many as there are CPUs: gnuplot is single-threaded, and a
	 * chart of 1000 buckets draws in about the time gnuplot takes to
	 * start. */
	nb = ncpus();
	if (nb > n)
		nb = n;
	b = xcalloc(nb, sizeof *b);
	for (i = 0; i < nb; i++) {
		b[i].path = xasprintf("%s/data/charts-%zu.gp", dir, i + 1);
		b[i].errpath = xasprintf("%s/data/charts-%zu.gnuplot.err", dir,
		    i + 1);
	}
	running = b;
	for (started = 0; started < nb; started++) {
		nrunning = started;
		if (write_driver(&b[started], runs, n, started, nb, e) != 0 ||
		    start(&b[started], gnuplot, runs[started].file, e) != 0) {
			rc = -1;
			break;
		}
		nrunning = started + 1;
	}
	for (i = 0; i < started; i++) {
		struct perr ge;

		if (finish(&b[i], gnuplot, runs[i].file, &ge) != 0 && rc == 0) {
			*e = ge;
			rc = -1;
		}
	}
	nrunning = 0;
	running = NULL;
	for (i = 0; i < nb; i++) {
		unlink(b[i].path);
		free(b[i].path);
		free(b[i].errpath);
	}
	free(b);
	return rc;
}
