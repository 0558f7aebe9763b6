/* usermetric.c - numbers the user names, from files and commands, as
 * columns of perf-sample's rows. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fmt/colname.h"
#include "run/launch.h"
#include "run/words.h"
#include "usermetric.h"
#include "util/cli.h"
#include "util/num.h"
#include "util/timeutil.h"
#include "util/xalloc.h"

enum { BUFSZ = 4096 };	/* the start of a file or of a command's output */
enum { W_READ = 1, W_NONUM = 2, W_FAIL = 4, W_TIMEOUT = 8, W_SLOW = 16 };

/* Kernel files are never replaced, so their descriptor is kept and read
 * with one pread; an application's file may be replaced (written to a
 * temporary file and renamed), so it is opened afresh each time. */
static int
keep_open(const char *path)
{
	return strncmp(path, "/proc/", 6) == 0 || strncmp(path, "/sys/", 5) == 0;
}

/* Whether name starts with a prefix of perf-sample's own columns: those
 * stay its own, so that a user's column never passes for one of them (the
 * samples schema gives users' columns the rest). */
static int
reserved(const char *name)
{
	static const char *const pre[] = { "cpu", "disk", "net", "mem", "swap",
	    "psi", "proc", "procs", "cgroup", "fd", "pgfault", "pgmajfault",
	    "ctxt", "intr", "forks", "interval", "load" };
	size_t i, n;
	const char *p;

	for (i = 0; i < sizeof pre / sizeof *pre; i++) {
		n = strlen(pre[i]);
		if (strncmp(name, pre[i], n) != 0)
			continue;
		/* cpu3_, load15_: digits may follow the prefix */
		for (p = name + n; *p >= '0' && *p <= '9'; p++)
			;
		if (*p == '_' || *p == '\0')
			return 1;
	}
	return 0;
}

int
usermetric_add(struct usermetrics *u, const char *spec, int cmd,
    struct perr *e)
{
	struct usermetric m;
	const char *eq = strchr(spec, '='), *colon;
	char why[128];
	size_t i;

	memset(&m, 0, sizeof m);
	m.fd = -1, m.v = NAN, m.cost = NAN;
	if (eq == NULL)
		return perr_set(e, "metric '%s': not NAME=%s", spec,
		    cmd ? "COMMAND" : "FILE[:FIELD]");
	m.name = xstrndup(spec, (size_t)(eq - spec));
	if (colname_check(m.name, why, sizeof why) < 0) {
		perr_set(e, "metric name '%s': %s", m.name, why);
		free(m.name);
		return -1;
	}
	if (reserved(m.name)) {
		perr_set(e, "metric name '%s': its prefix is perf-sample's own "
		    "(cpu_, disk_, net_, mem_, swap_, psi_, proc_, cgroup_, ...)",
		    m.name);
		free(m.name);
		return -1;
	}
	for (i = 0; i < u->n; i++)
		if (strcmp(u->m[i].name, m.name) == 0 || (u->m[i].costname &&
		    strcmp(u->m[i].costname, m.name) == 0)) {
			perr_set(e, "metric name '%s': given twice", m.name);
			free(m.name);
			return -1;
		}
	if (cmd) {
		if ((m.argv = words_split(eq + 1, e)) == NULL) {
			free(m.name);
			return -1;
		}
		m.costname = xasprintf("%s_cmd_s", m.name);
	} else {
		/* PATH:FIELD when what follows the last ':' has no '/' */
		colon = strrchr(eq + 1, ':');
		if (colon != NULL && colon[1] != '\0' && strchr(colon, '/') == NULL) {
			m.path = xstrndup(eq + 1, (size_t)(colon - eq - 1));
			m.field = xstrdup(colon + 1);
		} else {
			m.path = xstrdup(eq + 1);
		}
		if (*m.path == '\0') {
			perr_set(e, "metric '%s': no file", spec);
			free(m.name), free(m.path), free(m.field);
			return -1;
		}
	}
	if (!colname_has_unit(m.name))
		warnx("metric '%s': no unit suffix (_count, _bytes, _pct, _s, "
		    "_ms, _per_s, _kib): perfpipe's tools tell the unit and the "
		    "direction from the name", m.name);
	u->m = xreallocarray(u->m, u->n + 1, sizeof *u->m);
	u->m[u->n++] = m;
	return 0;
}

/* The number of word w (its end at we), NaN if it is not one. */
static double
word_num(const char *w, const char *we)
{
	double v;

	return num_parse(w, (size_t)(we - w), &v) == 1 ? v : NAN;
}

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

double
usermetric_pick(const char *t, size_t n, const char *field)
{
	const char *p = t, *end = t + n, *w, *line;
	long k = 0, want = 0;
	size_t kl;
	double v;

	if (field != NULL && strspn(field, "0123456789") == strlen(field))
		want = strtol(field, NULL, 10);
	if (field == NULL || want > 0) {
		while (p < end) {
			while (p < end && blank(*p))
				p++;
			for (w = p; p < end && !blank(*p); p++)
				;
			if (w == p)
				break;
			v = word_num(w, p);
			if (want > 0 && ++k == want)
				return v;
			if (want == 0 && !isnan(v))
				return v;
		}
		return NAN;
	}
	/* KEY: the line whose first word is KEY, KEY: or KEY=, and the
	 * number after it */
	kl = strlen(field);
	for (line = t; line < end; line = p + 1) {
		for (p = line; p < end && *p != '\n'; p++)
			;
		w = line;
		while (w < p && (*w == ' ' || *w == '\t'))
			w++;
		if ((size_t)(p - w) <= kl || strncmp(w, field, kl) != 0)
			continue;
		w += kl;
		if (*w != ' ' && *w != '\t' && *w != ':' && *w != '=')
			continue;
		if (*w == ':' || *w == '=')
			w++;
		while (w < p && (*w == ' ' || *w == '\t'))
			w++;
		for (line = w; w < p && !blank(*w); w++)
			;
		return word_num(line, w);
	}
	return NAN;
}

static void
warn_once(struct usermetric *m, int bit, const char *fmt, const char *arg)
{
	if (m->warned & bit)
		return;
	m->warned |= bit;
	fprintf(stderr, "perf-sample: metric '%s': ", m->name);
	fprintf(stderr, fmt, arg);
	fputs(" (further ones not reported)\n", stderr);
}

static void
read_file(struct usermetric *m)
{
	char buf[BUFSZ];
	ssize_t n;
	int fd = m->fd;

	m->v = NAN;
	if (fd < 0 && (fd = open(m->path, O_RDONLY | O_CLOEXEC)) < 0) {
		warn_once(m, W_READ, "%s: cannot read: empty fields", m->path);
		return;
	}
	n = pread(fd, buf, sizeof buf, 0);
	if (keep_open(m->path) && n >= 0)
		m->fd = fd;
	else {
		close(fd);
		m->fd = -1;
	}
	if (n < 0) {
		warn_once(m, W_READ, "%s: cannot read: empty fields", m->path);
		return;
	}
	if (isnan(m->v = usermetric_pick(buf, (size_t)n, m->field)))
		warn_once(m, W_NONUM, "%s: no number there: empty fields",
		    m->path);
}

/* Runs the command with its output on a pipe, reading what fits in buf,
 * at most timeout seconds; then kills it (its process group). */
static void
run_cmd(struct usermetric *m, double timeout, double interval)
{
	struct launch_opts lo;
	char buf[BUFSZ], drop[BUFSZ];
	int fds[2], rc, status = 0, timedout = 0, devnull;
	double t0 = timeutil_mono(), deadline = t0 + timeout, left;
	size_t n = 0;
	ssize_t got;
	struct pollfd pfd;
	pid_t pid;

	m->v = NAN;
	if (pipe2(fds, O_CLOEXEC) < 0) {
		warn_once(m, W_FAIL, "cannot run: %s", strerror(errno));
		return;
	}
	devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	launch_opts_init(&lo);
	lo.in_fd = devnull;
	lo.out_fd = fds[1];
	lo.pgroup = 1;
	rc = launch_start(&lo, m->argv, &pid);
	launch_opts_free(&lo);
	close(fds[1]);
	if (devnull >= 0)
		close(devnull);
	if (rc != 0) {
		close(fds[0]);
		warn_once(m, W_FAIL, "cannot run: %s", strerror(rc));
		return;
	}
	pfd.fd = fds[0], pfd.events = POLLIN;
	for (;;) {
		left = deadline - timeutil_mono();
		if (left <= 0) {
			timedout = 1;
			break;
		}
		if (poll(&pfd, 1, (int)ceil(left * 1000)) < 0) {
			if (errno == EINTR)
				continue;
			timedout = 1;
			break;
		}
		if (pfd.revents == 0)
			continue;
		got = n < sizeof buf - 1 ? read(fds[0], buf + n, sizeof buf - 1
		    - n) : read(fds[0], drop, sizeof drop);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		if (n < sizeof buf - 1)
			n += (size_t)got;
	}
	close(fds[0]);
	if (timedout)
		launch_kill(pid, 1);
	else
		while (launch_wait(pid, deadline, 1, &status, NULL, &timedout) <
		    0 && errno == EINTR)
			;
	m->cost = timeutil_mono() - t0;
	if (timedout) {
		warn_once(m, W_TIMEOUT, "killed at the timeout of %s: empty "
		    "fields", cli_fmt_duration(timeout, (char [32]){ 0 }, 32));
		return;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		warn_once(m, W_FAIL, "%s failed: empty fields", m->argv[0]);
		return;
	}
	if (m->cost > interval)
		warn_once(m, W_SLOW, "the command takes longer than the "
		    "interval (%s): samples come late", cli_fmt_duration(
		    m->cost, (char [32]){ 0 }, 32));
	if (isnan(m->v = usermetric_pick(buf, n, NULL)))
		warn_once(m, W_NONUM, "%s printed no number: empty fields",
		    m->argv[0]);
}

void
usermetric_sample(struct usermetrics *u)
{
	size_t i;

	for (i = 0; i < u->n; i++)
		if (u->m[i].argv != NULL)
			run_cmd(&u->m[i], u->timeout, u->interval);
		else
			read_file(&u->m[i]);
}

void
usermetric_put(const struct usermetrics *u, struct sampler_row *r)
{
	size_t i;

	for (i = 0; i < u->n; i++) {
		sampler_put(r, u->m[i].name, 6, u->m[i].v);
		/* In Prometheus one family, metric_cmd_seconds{metric=
		 * "lat_ms"}: the metric's own name and unit are no part of
		 * the family's name (lat_ms_cmd_seconds is refused). */
		if (u->m[i].costname != NULL)
			sampler_put_labelled(r, u->m[i].costname,
			    "metric_cmd_s", "metric", u->m[i].name,
			    "NAME_cmd_s", 6, u->m[i].cost);
	}
}

void
usermetric_free(struct usermetrics *u)
{
	size_t i;

	for (i = 0; i < u->n; i++) {
		free(u->m[i].name);
		free(u->m[i].costname);
		free(u->m[i].path);
		free(u->m[i].field);
		if (u->m[i].argv != NULL)
			words_free(u->m[i].argv);
		if (u->m[i].fd >= 0)
			close(u->m[i].fd);
	}
	free(u->m);
	memset(u, 0, sizeof *u);
}
