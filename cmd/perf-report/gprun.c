/* gprun.c - gnuplot runs: each a command line of -e variables (numbers,
 * and text only as escaped string literals) and a script, started all at
 * once, waited for, and killed from a signal handler when need be. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
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

void
gprun_arg(struct gprun *g, char *s)
{
	if (g->n + 2 > g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		g->argv = xreallocarray(g->argv, g->cap, sizeof *g->argv);
	}
	g->argv[g->n++] = s;
	g->argv[g->n] = NULL;
}

/* -e "name=<number>"; NaN as gnuplot's NaN. */
void
gprun_num(struct gprun *g, const char *name, double v)
{
	gprun_arg(g, xstrdup("-e"));
	if (isnan(v))
		gprun_arg(g, xasprintf("%s=NaN", name));
	else
		gprun_arg(g, xasprintf("%s=%.17g", name, v));
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

/* -e "name='text'": text from data as an escaped string literal. */
void
gprun_str(struct gprun *g, const char *text, const char *fmt, ...)
{
	char name[64], *q;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	q = escape_gp(text);
	gprun_arg(g, xstrdup("-e"));
	gprun_arg(g, xasprintf("%s=%s", name, q));
	free(q);
}

/* ---- running gnuplot ---- */

/* The gnuplots running now, for charts_kill from a signal handler. */
static struct gprun *volatile running;
static volatile size_t nrunning;

void
gprun_kill(void)
{
	struct gprun *r = running;
	size_t i, n = nrunning;

	for (i = 0; r != NULL && i < n; i++)
		if (r[i].pid > 0) {
			kill(r[i].pid, SIGKILL);
			while (waitpid(r[i].pid, NULL, 0) < 0 && errno == EINTR)
				;
		}
}

static int
gp_start(struct gprun *g, const char *dir, struct perr *e)
{
	struct launch_opts o;
	int err;

	g->errpath = xasprintf("%s/data/%s.gnuplot.err", dir, g->file);
	if ((g->errfd = open(g->errpath, O_WRONLY | O_CREAT | O_TRUNC |
	    O_CLOEXEC, 0644)) < 0)
		return perr_set(e, "%s: %s", g->errpath, strerror(errno));
	launch_opts_init(&o);
	o.err_fd = g->errfd;
	o.in_fd = -1;
	if ((err = launch_opts_prepare(&o)) == 0) {
		err = launch_start(&o, g->argv, &g->pid);
		launch_opts_free(&o);
	}
	close(g->errfd);
	if (err == ENOENT)
		return perr_set(e, "chart %s.svg: %s not found (install "
		    "gnuplot-nox, or set PERFPIPE_GNUPLOT)", g->file,
		    g->argv[0]);
	if (err != 0)
		return perr_set(e, "chart %s.svg: cannot run %s: %s", g->file,
		    g->argv[0], strerror(err));
	return 0;
}

/* The first line of gnuplot's messages, for ours. */
static void
first_error(const char *path, char *buf, size_t len)
{
	FILE *fp = fopen(path, "r");
	char line[512];

	buf[0] = '\0';
	if (fp == NULL)
		return;
	while (fgets(line, sizeof line, fp)) {
		line[strcspn(line, "\n")] = '\0';
		if (strstr(line, "rror") || strstr(line, "arning")) {
			snprintf(buf, len, ": %s", line);
			break;
		}
		if (buf[0] == '\0' && line[strspn(line, " ^")] != '\0')
			snprintf(buf, len, ": %s", line);
	}
	fclose(fp);
}

static int
gp_finish(struct gprun *g, struct perr *e)
{
	char msg[600];
	int status;

	while (waitpid(g->pid, &status, 0) < 0)
		if (errno != EINTR)
			return perr_set(e, "chart %s.svg: %s", g->file,
			    strerror(errno));
	g->pid = 0;	/* reaped: gprun_kill must not reach its pid again */
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	first_error(g->errpath, msg, sizeof msg);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return perr_set(e, "chart %s.svg: %s not found", g->file,
		    g->argv[0]);
	return perr_set(e, "chart %s.svg: gnuplot failed (%s %d)%s", g->file,
	    WIFEXITED(status) ? "exit status" : "signal", WIFEXITED(status) ?
	    WEXITSTATUS(status) : WTERMSIG(status), msg);
}

void
gprun_free(struct gprun *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		free(g->argv[i]);
	free(g->argv);
	free(g->file);
	free(g->errpath);
}


int
gprun_all(struct gprun *runs, size_t n, const char *dir, struct perr *e)
{
	size_t i, started;
	int rc;

	/* All at once: gnuplot is single-threaded and the charts are
	 * independent. */
	running = runs;
	for (started = 0; started < n; started++) {
		nrunning = started;
		if (gp_start(&runs[started], dir, e) != 0)
			break;
		nrunning = started + 1;
	}
	rc = started == n ? 0 : -1;
	for (i = 0; i < started; i++) {
		struct perr ge;

		if (gp_finish(&runs[i], &ge) != 0 && rc == 0) {
			*e = ge;
			rc = -1;
		}
	}
	/* gnuplot's messages are kept only when it complained. */
	for (i = 0; i < started && rc == 0; i++) {
		struct stat st;

		if (stat(runs[i].errpath, &st) == 0 && st.st_size == 0)
			unlink(runs[i].errpath);
	}
	nrunning = 0;
	running = NULL;
	return rc;
}
