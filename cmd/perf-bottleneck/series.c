/* series.c - columns to series: rules matched, metrics derived, keys. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "series.h"
#include "util/num.h"
#include "util/xalloc.h"

static const char *const ctxnames[NCTX] = { "cpu_busy_pct",
	"cpu_iowait_pct", "cpu_steal_pct", "load1", "psi_cpu_some_avg10_pct",
	"psi_memory_some_avg10_pct", "psi_io_some_avg10_pct", "mem_used_pct",
	"swap_in_per_s", "pgmajfault_per_s", "disk_util_pct", "disk_await_ms",
	"disk_queue_count", "cgroup_throttled_pct" };

void
notes_add(struct notes *n, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	n->v = xreallocarray(n->v, n->n + 1, sizeof *n->v);
	n->v[n->n++] = s;
}

void
notes_free(struct notes *n)
{
	while (n->n > 0)
		free(n->v[--n->n]);
	free(n->v);
	n->v = NULL;
}

/* Whether the column names a key (a group) rather than a metric. */
static int
is_key(const char *c)
{
	static const char *const keys[] = { "cgroup", "pid", "comm", "name",
	    "command", "commit", "branch", "label" };
	size_t i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(c, keys[i]) == 0)
			return 1;
	return strncmp(c, "param_", 6) == 0;
}

/* cpuN_busy_pct: one per CPU with perf-sample --per-cpu. */
static int
is_cpun(const char *c)
{
	size_t d;

	if (strncmp(c, "cpu", 3) != 0)
		return 0;	/* (c + 3 may be past a shorter name) */
	d = strspn(c + 3, "0123456789");
	return d > 0 && strcmp(c + 3 + d, "_busy_pct") == 0;
}

static int
ends(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

static void
add(struct layout *l, const struct rules *rs, char *name, int how, long a,
    long b)
{
	long k = rules_match(rs, name);

	if (k < 0) {
		free(name);
		return;
	}
	l->s = xreallocarray(l->s, l->ns + 1, sizeof *l->s);
	l->s[l->ns].name = name;
	l->s[l->ns].rule = (size_t)k;
	l->s[l->ns].how = how;
	l->s[l->ns].a = a;
	l->s[l->ns++].b = b;
}

/* net_[IFACE_]rx_errors_per_s with its net_[IFACE_]rx_packets_per_s gives
 * net_[IFACE_]rx_errors_pct (and the same for drops). */
static void
add_ratio(struct layout *l, const struct csvread *r, const struct rules *rs,
    const char *c, long k)
{
	const char *suf = ends(c, "_errors_per_s") ? "errors_per_s" :
	    "drops_per_s";
	size_t stem = strlen(c) - strlen(suf);
	char *den = xasprintf("%.*spackets_per_s", (int)stem, c);
	long d = csvread_col(r, den);

	free(den);
	if (d >= 0)
		add(l, rs, xasprintf("%.*s_pct", (int)(strlen(c) - 6), c),
		    SER_RATIO, k, d);
}

static void
note_skipped(struct layout *l, const struct rules *rs, struct notes *notes)
{
	const char *m, *why;
	size_t i, j;

	for (i = 0; i < rs->n; i++) {
		for (j = 0; j < l->ns && l->s[j].rule != i; j++)
			;
		if (j < l->ns)
			continue;
		m = rs->r[i].metric;
		if (strcmp(m, "load1_per_cpu") == 0)
			why = "needs load1 and the number of CPUs (cpuN_busy_pct "
			    "columns or --cpus)";
		else if (strcmp(m, "fd_used_pct") == 0)
			why = "needs fd_open_count and the limit (a fd_max_count "
			    "column or --fd-max)";
		else if (ends(m, "errors_pct") || ends(m, "drops_pct"))
			why = "needs its _per_s column and the packets_per_s "
			    "column beside it";
		else if (strchr(m, '*'))
			why = "no column matches";
		else
			why = "no such column";
		notes_add(notes, "rule %s skipped: %s", m, why);
	}
}

void
layout_use(struct layout *l, long c)
{
	size_t i;

	if (c < 0)
		return;
	for (i = 0; i < l->nused; i++)
		if (l->used[i] == c)
			return;
	l->used = xreallocarray(l->used, l->nused + 1, sizeof *l->used);
	l->used[l->nused++] = c;
}

void
layout_init(struct layout *l, const struct csvread *r, const struct rules *rs,
    double cpus, double fdmax, struct notes *notes)
{
	const char *c;
	size_t k, i;
	long fdcol;
	int ncpu = 0;

	memset(l, 0, sizeof *l);
	l->ncols = csvread_ncols(r);
	l->time = csvread_col(r, "time");
	l->interval = csvread_col(r, "interval_s");
	l->host = csvread_col(r, "host");
	l->runs = csvread_col(r, "wall_s") >= 0;
	for (k = 0; k < l->ncols; k++) {
		c = csvread_colname(r, k);
		if (is_key(c) && l->nkeys < 64) {
			l->keys = xreallocarray(l->keys, l->nkeys + 1,
			    sizeof *l->keys);
			l->keyname = xreallocarray(l->keyname, l->nkeys + 1,
			    sizeof *l->keyname);
			l->keyname[l->nkeys] = xstrdup(c);
			l->keys[l->nkeys++] = (long)k;
		}
		if (is_cpun(c))
			ncpu++;
	}
	l->ncpu = ncpu > 0 ? ncpu : cpus;
	fdcol = csvread_col(r, "fd_max_count");
	l->fdmax = fdmax;
	for (i = 0; i < NCTX; i++)
		l->ctx[i] = csvread_col(r, ctxnames[i]);
	for (k = 0; k < l->ncols && !l->runs; k++) {
		c = csvread_colname(r, k);
		if ((long)k == l->time || (long)k == l->interval ||
		    (long)k == l->host || is_key(c))
			continue;
		if (strncmp(c, "net_", 4) == 0 && (ends(c, "_errors_per_s") ||
		    ends(c, "_drops_per_s")))
			add_ratio(l, r, rs, c, (long)k);
		else if (strcmp(c, "load1") == 0 && !isnan(l->ncpu))
			add(l, rs, xstrdup("load1_per_cpu"), SER_PER_CPU,
			    (long)k, -1);
		else if (strcmp(c, "fd_open_count") == 0 &&
		    (fdcol >= 0 || !isnan(fdmax)))
			add(l, rs, xstrdup("fd_used_pct"), SER_OF_MAX, (long)k,
			    fdcol);
		else
			add(l, rs, xstrdup(c), SER_COL, (long)k, -1);
	}
	if (l->runs)
		notes_add(notes, "a runs CSV (wall_s): the USE rules do not "
		    "apply, only --budget");
	else
		note_skipped(l, rs, notes);
	layout_use(l, l->time);
	layout_use(l, l->interval);
	for (i = 0; i < l->ns; i++) {
		layout_use(l, l->s[i].a);
		layout_use(l, l->s[i].b);
	}
	for (i = 0; i < NCTX; i++)
		layout_use(l, l->ctx[i]);
}

void
layout_free(struct layout *l)
{
	size_t i;

	for (i = 0; i < l->ns; i++)
		free(l->s[i].name);
	free(l->s);
	for (i = 0; i < l->nkeys; i++)
		free(l->keyname[i]);
	free(l->keyname);
	free(l->keys);
	free(l->used);
}

int
layout_parse(const struct layout *l, const struct csvread *r,
    const struct csvread_row *row, double *vals, struct perr *e)
{
	size_t i;
	long c;

	for (i = 0; i < l->nused; i++) {
		c = l->used[i];
		switch (num_parse_field(row->f[c], row->len[c], &vals[c])) {
		case 0:
			vals[c] = NAN;
			break;
		case -1:
		case -2:
			/* -2, beyond a double ("1e400"), left vals[c] as the
			 * last row's value: a wrong answer, not a skip. */
			return perr_set(e, "%s:%ld: column '%s': '%s' is not a "
			    "number", row->file, row->line,
			    csvread_colname(r, (size_t)c), row->f[c]);
		}
	}
	return 0;
}

double
layout_value(const struct layout *l, size_t i, const double *vals)
{
	const struct series *s = &l->s[i];
	double a = vals[s->a], b;

	switch (s->how) {
	case SER_RATIO:
		b = vals[s->b];
		if (isnan(a) || isnan(b))
			return NAN;
		/* No packets, no errors: 0%, not unknown. */
		return b > 0 ? 100 * a / b : (a > 0 ? 100 : 0);
	case SER_PER_CPU:
		return a / l->ncpu;
	case SER_OF_MAX:
		b = s->b >= 0 ? vals[s->b] : l->fdmax;
		return b > 0 ? 100 * a / b : NAN;
	default:
		return a;
	}
}
