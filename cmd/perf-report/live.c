/* live.c - the --live dashboard: rows read as they come, alerts from a
 * perf-bottleneck --follow beside us, a frame drawn every interval. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "escape.h"
#include "fmt/csvread.h"
#include "live.h"
#include "livealerts.h"
#include "rdoc.h"
#include "run/launch.h"
#include "util/cli.h"
#include "util/num.h"
#include "util/xalloc.h"

/* Rows kept for the charts: ten minutes at 1 Hz. */
#define KEEP 600
/* The metrics charted, the first ones present; and the current values. */
static const char *const charted[] = { "cpu_busy_pct", "mem_used_pct",
	"load1", "disk_util_pct", "proc_cpu_pct", "cgroup_cpu_pct" };
static const char *const shown[] = { "cpu_busy_pct", "cpu_iowait_pct",
	"load1", "mem_used_pct", "swap_used_pct", "disk_util_pct",
	"net_rx_bytes_per_s", "net_tx_bytes_per_s", "psi_cpu_some_avg10_pct",
	"psi_memory_some_avg10_pct", "psi_io_some_avg10_pct", "proc_cpu_pct",
	"proc_rss_kib", "cgroup_cpu_pct" };
#define NSHOWN (sizeof shown / sizeof shown[0])
#define MAXCHARTS 3

static volatile sig_atomic_t stop, tick;

static void
on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

static void
on_tick(int sig)
{
	(void)sig;
	tick = 1;
}

struct live {
	const char *plots;
	char *dir;		/* our temporary directory */
	int tty, colour;	/* drawing on a terminal; ANSI colours */
	int keys;		/* /dev/tty for q, or -1 */
	struct termios saved;
	long col[NSHOWN];	/* input columns of shown[] */
	int chart[MAXCHARTS];	/* indexes into shown[] */
	size_t ncharts;
	double *t, *v;		/* ring of KEEP rows: time, charted values */
	size_t head, n;
	double cur[NSHOWN];	/* the latest value of each */
	long rows;
	struct livealerts al;	/* perf-bottleneck -F beside us */
};

static void
keys_on(struct live *l)
{
	struct termios t;

	l->keys = open("/dev/tty", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (l->keys < 0)
		return;
	/* Only the terminal's foreground job may set its modes: any other
	 * (under timeout(1), or started with &) is stopped by SIGTTOU, and
	 * reading its keys by SIGTTIN.  There, q is not ours to read. */
	if (tcgetpgrp(l->keys) != getpgrp() ||
	    tcgetattr(l->keys, &l->saved) != 0) {
		close(l->keys);
		l->keys = -1;
		return;
	}
	t = l->saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	tcsetattr(l->keys, TCSANOW, &t);
}

static void
keys_off(struct live *l)
{
	if (l->keys >= 0) {
		tcsetattr(l->keys, TCSANOW, &l->saved);
		close(l->keys);
	}
}

static int
quit_pressed(struct live *l)
{
	char c;

	if (l->keys < 0)
		return 0;
	while (read(l->keys, &c, 1) == 1)
		if (c == 'q' || c == 'Q')
			return 1;
	return 0;
}

/* The last non-empty line of the file at path into buf ("gnuplot failed"
 * when there is none). */
static void
last_line(const char *path, char *buf, size_t len)
{
	char line[256];
	FILE *fp = fopen(path, "r");

	snprintf(buf, len, "gnuplot failed");
	if (fp == NULL)
		return;
	while (fgets(line, sizeof line, fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] != '\0')
			snprintf(buf, len, "gnuplot: %.200s", line);
	}
	fclose(fp);
}

/* Runs gnuplot's dumb terminal on the ring; its text goes to stdout, its
 * messages to a file (its warnings, such as a flat series' "empty y
 * range", would land in the middle of the screen); when it fails, the
 * last of them takes the charts' place. */
static void
draw_charts(struct live *l, int width, FILE *out)
{
	char *data = xasprintf("%s/live.dat", l->dir), *script, *argv[40],
	    *lab[MAXCHARTS], *errpath, *outpath, msg[256] = "", chunk[4096];
	size_t i, k, na = 0, j;
	struct launch_opts o;
	int status = 0;
	pid_t pid;
	FILE *fp;

	if (l->n < 2 || l->ncharts == 0) {
		free(data);
		return;
	}
	if ((fp = fopen(data, "w")) == NULL) {
		free(data);
		return;
	}
	for (i = 0; i < l->n; i++) {
		j = (l->head + KEEP - l->n + i) % KEEP;
		fprintf(fp, "%.3f", l->t[j]);
		for (k = 0; k < l->ncharts; k++) {
			double v = l->v[j * MAXCHARTS + k];

			if (isnan(v))
				fputs(" NaN", fp);
			else
				fprintf(fp, " %.6g", v);
		}
		fputc('\n', fp);
	}
	fclose(fp);
	script = xasprintf("%s/live.gp", l->plots);
	argv[na++] = xstrdup("gnuplot");
	argv[na++] = xstrdup("-e");
	argv[na++] = xasprintf("data=%s", (lab[0] = escape_gp(data)));
	free(lab[0]);
	argv[na++] = xstrdup("-e");
	argv[na++] = xasprintf("n=%zu; width=%d; height=14; colour=%d",
	    l->ncharts, width, l->colour);
	for (k = 0; k < l->ncharts; k++) {
		lab[k] = escape_gp(shown[l->chart[k]]);
		argv[na++] = xstrdup("-e");
		argv[na++] = xasprintf("label%zu=%s", k + 1, lab[k]);
		free(lab[k]);
	}
	argv[na++] = script;
	argv[na] = NULL;
	errpath = xasprintf("%s/live.err", l->dir);
	outpath = xasprintf("%s/live.out", l->dir);
	launch_opts_init(&o);
	o.err_fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	o.out_fd = open(outpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (o.out_fd < 0 || launch_start(&o, argv, &pid) != 0)
		snprintf(msg, sizeof msg, "gnuplot: cannot run it");
	else {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (status != 0)
			last_line(errpath, msg, sizeof msg);
	}
	/* The charts into the frame, which is drawn whole. */
	if (msg[0] == '\0' && (fp = fopen(outpath, "r")) != NULL) {
		while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0)
			fwrite(chunk, 1, k, out);
		fclose(fp);
	}
	if (msg[0]) {
		char *m = escape_text(msg);

		fprintf(out, "charts: %s\n", m);
		free(m);
	}
	launch_opts_free(&o);
	if (o.err_fd >= 0)
		close(o.err_fd);
	if (o.out_fd >= 0)
		close(o.out_fd);
	for (i = 0; i < na; i++)
		free(argv[i]);
	free(errpath);
	free(outpath);
	free(data);
}

/*
 * Puts a frame on the screen whole: over the last one, each line cleared
 * to its end and the rest of the screen after the last (clearing the
 * screen first, then waiting on gnuplot, showed a blank screen tens of
 * milliseconds every redraw).  Not a terminal: the frame as it is.
 */
static void
show(const struct live *l, const char *frame, size_t len)
{
	const char *p = frame, *nl, *end = frame + len;

	if (!l->tty) {
		fwrite(frame, 1, len, stdout);
		fflush(stdout);
		return;
	}
	fputs("\033[H", stdout);
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		fwrite(p, 1, (size_t)(nl - p), stdout);
		fputs("\033[K\n", stdout);
		if (nl == end)
			break;
	}
	fputs("\033[J", stdout);
	fflush(stdout);
}

static void
draw(struct live *l, const char *why)
{
	struct winsize ws;
	char buf[NUM_BUFSZ], ts[32], *frame;
	size_t flen;
	FILE *fp;
	const char *id, *sev, *on;
	size_t i;
	json_t *a;
	int width = 100;

	if (l->tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 40)
		width = ws.ws_col;
	if ((fp = open_memstream(&frame, &flen)) == NULL)
		xoom();
	fprintf(fp, "perf-report --live: %ld rows%s%s; q or Ctrl-C quits\n",
	    l->rows, why ? ", " : "", why ? why : "");
	draw_charts(l, width, fp);
	fprintf(fp, "\nnow");
	if (l->n)
		fprintf(fp, " (%s UTC)", rdoc_time(l->t[(l->head + KEEP - 1) %
		    KEEP], ts, sizeof ts));
	fprintf(fp, ":\n");
	for (i = 0; i < NSHOWN; i++)
		if (l->col[i] >= 0 && !isnan(l->cur[i]))
			fprintf(fp, "  %-28s %s\n", shown[i], num_fmt_sig(buf,
			    l->cur[i], 4));
	if (l->al.fd < 0)
		fprintf(fp, "\nalerts: none known (perf-bottleneck not "
		    "running)\n");
	else if (json_object_size(l->al.firing) == 0)
		fprintf(fp, "\nalerts firing: none\n");
	else {
		fprintf(fp, "\nalerts firing: %zu\n",
		    json_object_size(l->al.firing));
		json_object_foreach(l->al.firing, id, a) {
			char *ev;

			sev = json_string_value(json_object_get(a, "severity"));
			on = json_string_value(json_object_get(a, "metric"));
			ev = escape_text(json_string_value(json_object_get(a,
			    "evidence")) ? json_string_value(json_object_get(a,
			    "evidence")) : "");
			if (l->colour)
				fprintf(fp, "  %s%-8s\033[0m %s: %s\n", sev &&
				    strcmp(sev, "critical") == 0 ? "\033[31m" :
				    "\033[33m", sev ? sev : "?", on ? on : "?",
				    ev);
			else
				fprintf(fp, "  %-8s %s: %s\n", sev ? sev : "?",
				    on ? on : "?", ev);
			free(ev);
		}
	}
	if (fclose(fp) != 0)
		xoom();
	show(l, frame, flen);
	free(frame);
}

/* Follows a file through tail -F, as standard input; its pid goes to
 * *tail. */
static int
follow(const char *path, pid_t *tail)
{
	char *argv[] = { "tail", "-n", "+1", "-F", (char *)path, NULL };
	struct launch_opts o;
	int p[2], err;
	pid_t pid = 0;

	if (access(path, R_OK) != 0) {
		fprintf(stderr, "perf-report: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (pipe2(p, O_CLOEXEC) != 0)
		return -1;
	launch_opts_init(&o);
	o.out_fd = p[1];
	if ((err = launch_opts_prepare(&o)) == 0) {
		err = launch_start(&o, argv, &pid);
		launch_opts_free(&o);
	}
	close(p[1]);
	if (err != 0 || dup2(p[0], STDIN_FILENO) < 0) {
		fprintf(stderr, "perf-report: tail: %s\n", strerror(err));
		return -1;
	}
	close(p[0]);
	*tail = pid;
	return 0;
}

/* Ends the tail -F of a followed file (it never ends by itself); returns
 * status. */
static int
stop_tail(pid_t tail, int status)
{
	if (tail > 0) {
		kill(tail, SIGTERM);
		while (waitpid(tail, NULL, 0) < 0 && errno == EINTR)
			;
	}
	return status;
}

int
live_run(const char *path, double interval, const char *plots)
{
	struct live l;
	struct csvread *r;
	struct csvread_row row;
	struct sigaction sa;
	struct itimerval it;
	struct perr e;
	sigset_t alrm;
	char *paths[1] = { "-" };
	const char *why = NULL, *nc = getenv("NO_COLOR");
	double t;
	size_t i, k;
	long tcol;
	int got, status = EXIT_OK;
	pid_t tail = 0;

	memset(&l, 0, sizeof l);
	l.plots = plots;
	l.keys = -1;
	l.tty = isatty(STDOUT_FILENO);
	l.colour = l.tty && !(nc && *nc);
	if (strcmp(path, "-") != 0 && follow(path, &tail) != 0)
		return EXIT_TROUBLE;
	if ((r = csvread_open(paths, 1, &e)) == NULL) {
		fprintf(stderr, "perf-report: %s\n", e.msg);
		return stop_tail(tail, EXIT_TROUBLE);
	}
	if ((tcol = csvread_col(r, "time")) < 0 || csvread_col(r,
	    "interval_s") < 0) {
		fprintf(stderr, "perf-report: %s:1: not samples (no time and "
		    "interval_s columns): --live draws samples\n",
		    strcmp(path, "-") ? path : "<stdin>");
		csvread_close(r);
		return stop_tail(tail, EXIT_TROUBLE);
	}
	l.dir = xstrdup("/tmp/perf-report-live.XXXXXX");
	if (mkdtemp(l.dir) == NULL) {
		fprintf(stderr, "perf-report: %s: %s\n", l.dir, strerror(errno));
		free(l.dir);
		csvread_close(r);
		return stop_tail(tail, EXIT_TROUBLE);
	}
	for (i = 0; i < NSHOWN; i++) {
		l.col[i] = csvread_col(r, shown[i]);
		l.cur[i] = NAN;
	}
	for (k = 0; k < sizeof charted / sizeof charted[0] &&
	    l.ncharts < MAXCHARTS; k++)
		for (i = 0; i < NSHOWN; i++)
			if (strcmp(shown[i], charted[k]) == 0 && l.col[i] >= 0)
				l.chart[l.ncharts++] = (int)i;
	l.t = xcalloc(KEEP, sizeof *l.t);
	l.v = xcalloc(KEEP * MAXCHARTS, sizeof *l.v);
	livealerts_start(&l.al, r);
	/* No SA_RESTART: a blocked read returns, to draw or to stop. */
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = on_tick;
	sigaction(SIGALRM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);	/* perf-bottleneck gone: no alerts */
	memset(&it, 0, sizeof it);
	it.it_interval.tv_sec = (time_t)interval;
	it.it_interval.tv_usec = (suseconds_t)((interval -
	    floor(interval)) * 1e6);
	it.it_value = it.it_interval;
	setitimer(ITIMER_REAL, &it, NULL);
	keys_on(&l);
	/* The timer may cut only the wait for input: anywhere else an
	 * interrupted write would look like a write error. */
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	sigprocmask(SIG_BLOCK, &alrm, NULL);
	for (;;) {
		sigprocmask(SIG_UNBLOCK, &alrm, NULL);
		got = csvread_next(r, &row, &e);
		sigprocmask(SIG_BLOCK, &alrm, NULL);
		if (got == 1) {
			l.rows++;
			if (num_parse_field(row.f[tcol], row.len[tcol], &t) != 1)
				t = NAN;
			l.t[l.head] = t;
			for (i = 0; i < NSHOWN; i++) {
				double v;

				if (l.col[i] < 0 || num_parse_field(row.f[l.col[i]],
				    row.len[l.col[i]], &v) != 1)
					continue;
				l.cur[i] = v;
			}
			for (k = 0; k < l.ncharts; k++)
				l.v[l.head * MAXCHARTS + k] = l.col[l.chart[k]]
				    >= 0 ? l.cur[l.chart[k]] : NAN;
			l.head = (l.head + 1) % KEEP;
			if (l.n < KEEP)
				l.n++;
			livealerts_row(&l.al, r, &row);
		} else if (got == 0) {
			why = "end of input";
			break;
		} else if (!tick && !stop) {
			fprintf(stderr, "perf-report: %s\n", e.msg);
			why = "stopped by an error";
			status = EXIT_TROUBLE;
			break;
		}
		if (stop) {
			why = "stopped";
			break;
		}
		if (quit_pressed(&l)) {
			why = "quit";
			break;
		}
		if (tick) {
			tick = 0;
			livealerts_drain(&l.al);
			draw(&l, NULL);
		}
	}
	memset(&it, 0, sizeof it);
	setitimer(ITIMER_REAL, &it, NULL);
	tick = 0;
	keys_off(&l);
	/* perf-bottleneck has the last rows: its last alerts, then the last
	 * frame. */
	livealerts_end(&l.al, stop);
	draw(&l, why);
	stop_tail(tail, 0);
	csvread_close(r);
	{
		char *f = xasprintf("%s/live.dat", l.dir);

		unlink(f);
		free(f);
		rmdir(l.dir);
	}
	free(l.dir);
	free(l.t);
	free(l.v);
	livealerts_free(&l.al);
	return status;
}
