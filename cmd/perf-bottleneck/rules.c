/* rules.c - the built-in rule table, --threshold and thresholds files. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/csvread.h"
#include "rules.h"
#include "util/cli.h"
#include "util/num.h"
#include "util/xalloc.h"

#define NONE NAN

/*
 * The defaults.  Rules marked "mixin" have the threshold and `for` of the
 * node_exporter mixin alert named beside them; the others cover what the
 * USE method asks for and the mixin lacks.  load1_per_cpu, *_errors_pct,
 * *_drops_pct and fd_used_pct are derived (series.c).
 */
static const struct rule defaults[] = {
	/* NodeCPUHighUsage (mixin: info at 90% for 15m) */
	{ "cpu_busy_pct", "cpu", KIND_UTIL, DIR_ABOVE, 90, 98, 900, 80,
	    "CPU busy", NULL },
	{ "cpu*_busy_pct", "cpu", KIND_UTIL, DIR_ABOVE, 95, 99, 900, 85,
	    "one CPU busy", NULL },
	/* NodeSystemSaturation (mixin: load1 per core > 2 for 15m) */
	{ "load1_per_cpu", "cpu", KIND_SAT, DIR_ABOVE, 2, 4, 900, 1.5,
	    "load per CPU", NULL },
	{ "psi_cpu_some_avg10_pct", "cpu", KIND_SAT, DIR_ABOVE, 25, 50, 300,
	    10, "CPU pressure some", NULL },
	{ "psi_cpu_full_avg10_pct", "cpu", KIND_SAT, DIR_ABOVE, 5, 20, 300, 2,
	    "CPU pressure full", NULL },
	{ "cpu_steal_pct", "cpu", KIND_SAT, DIR_ABOVE, 10, 25, 300, 5,
	    "CPU steal", NULL },
	{ "cgroup_throttled_pct", "cgroup", KIND_SAT, DIR_ABOVE, 25, 50, 300,
	    10, "cgroup periods throttled", NULL },
	/* NodeMemoryHighUtilization (mixin: > 90% for 15m) */
	{ "mem_used_pct", "memory", KIND_UTIL, DIR_ABOVE, 90, 95, 900, 85,
	    "memory used", NULL },
	/* NodeMemoryMajorPagesFaults (mixin: > 500/s for 15m) */
	{ "pgmajfault_per_s", "memory", KIND_SAT, DIR_ABOVE, 500, 2000, 900,
	    250, "major page faults", NULL },
	/* Any OOM kill is an error: critical at the first, no duration (the
	 * rate's sixth decimal is the smallest perf-sample prints). */
	{ "mem_oom_kills_per_s", "memory", KIND_ERR, DIR_ABOVE, NONE, 1e-6, 0,
	    NONE, "processes killed by the OOM killer", NULL },
	{ "psi_memory_some_avg10_pct", "memory", KIND_SAT, DIR_ABOVE, 10, 30,
	    300, 5, "memory pressure some", NULL },
	{ "psi_memory_full_avg10_pct", "memory", KIND_SAT, DIR_ABOVE, 5, 15,
	    300, 2, "memory pressure full", NULL },
	{ "swap_in_per_s", "swap", KIND_SAT, DIR_ABOVE, 100, 1000, 300, 10,
	    "pages swapped in", NULL },
	{ "swap_out_per_s", "swap", KIND_SAT, DIR_ABOVE, 100, 1000, 300, 10,
	    "pages swapped out", NULL },
	{ "swap_used_pct", "swap", KIND_UTIL, DIR_ABOVE, 80, 95, 900, 70,
	    "swap used", NULL },
	{ "disk_util_pct", "disk", KIND_UTIL, DIR_ABOVE, 90, 98, 900, 80,
	    "busiest disk busy", NULL },
	{ "disk_*_util_pct", "disk", KIND_UTIL, DIR_ABOVE, 90, 98, 900, 80,
	    "disk busy", NULL },
	/* NodeDiskIOSaturation (mixin: queue > 10 for 30m) */
	{ "disk_queue_count", "disk", KIND_SAT, DIR_ABOVE, 10, 30, 1800, 5,
	    "disk queue", NULL },
	{ "disk_*_queue_count", "disk", KIND_SAT, DIR_ABOVE, 10, 30, 1800, 5,
	    "disk queue", NULL },
	{ "disk_await_ms", "disk", KIND_SAT, DIR_ABOVE, 100, 500, 900, 50,
	    "disk await", NULL },
	{ "cpu_iowait_pct", "disk", KIND_SAT, DIR_ABOVE, 20, 50, 300, 10,
	    "CPU time waiting for I/O", NULL },
	{ "psi_io_some_avg10_pct", "disk", KIND_SAT, DIR_ABOVE, 30, 60, 300,
	    15, "I/O pressure some", NULL },
	{ "psi_io_full_avg10_pct", "disk", KIND_SAT, DIR_ABOVE, 10, 30, 300,
	    5, "I/O pressure full", NULL },
	/* NodeNetworkReceiveErrs, NodeNetworkTransmitErrs (mixin: > 1% of
	 * packets for 1h) */
	{ "net_rx_errors_pct", "network", KIND_ERR, DIR_ABOVE, 1, 5, 3600, 0.5,
	    "receive errors", NULL },
	{ "net_tx_errors_pct", "network", KIND_ERR, DIR_ABOVE, 1, 5, 3600, 0.5,
	    "transmit errors", NULL },
	{ "net_*_rx_errors_pct", "network", KIND_ERR, DIR_ABOVE, 1, 5, 3600,
	    0.5, "receive errors", NULL },
	{ "net_*_tx_errors_pct", "network", KIND_ERR, DIR_ABOVE, 1, 5, 3600,
	    0.5, "transmit errors", NULL },
	{ "net_rx_drops_pct", "network", KIND_SAT, DIR_ABOVE, 1, 5, 3600, 0.5,
	    "receive drops", NULL },
	{ "net_tx_drops_pct", "network", KIND_SAT, DIR_ABOVE, 1, 5, 3600, 0.5,
	    "transmit drops", NULL },
	/* NodeFileDescriptorLimit (mixin: > 70% warning, > 90% critical,
	 * for 15m) */
	{ "fd_used_pct", "fd", KIND_UTIL, DIR_ABOVE, 70, 90, 900, 60,
	    "file handles used", NULL },
};

void
rules_defaults(struct rules *rs)
{
	size_t i, n = sizeof defaults / sizeof defaults[0];

	rs->r = xcalloc(n, sizeof *rs->r);
	rs->n = n;
	for (i = 0; i < n; i++) {
		rs->r[i] = defaults[i];
		rs->r[i].metric = xstrdup(defaults[i].metric);
		rs->r[i].source = "default";
	}
}

void
rules_free(struct rules *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		free(rs->r[i].metric);
	free(rs->r);
	rs->r = NULL;
	rs->n = 0;
}

int
rules_glob(const char *p, const char *s)
{
	const char *t;

	for (; *p != '\0'; p++, s++) {
		if (*p == '*') {
			/* One or more characters. */
			for (t = s + 1; t <= s + strlen(s); t++)
				if (rules_glob(p + 1, t))
					return 1;
			return 0;
		}
		if (*s != *p)
			return 0;
	}
	return *s == '\0';
}

long
rules_match(const struct rules *rs, const char *col)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (strcmp(rs->r[i].metric, col) == 0)
			return (long)i;
	for (i = 0; i < rs->n; i++)
		if (strchr(rs->r[i].metric, '*') &&
		    rules_glob(rs->r[i].metric, col))
			return (long)i;
	return -1;
}

double
rule_level(const struct rule *r)
{
	return isnan(r->warn) ? r->crit : r->warn;
}

int
rule_level_sev(const struct rule *r)
{
	return isnan(r->warn) ? SEV_CRITICAL : SEV_WARNING;
}

double
rule_clear(const struct rule *r)
{
	return isnan(r->clear) ? rule_level(r) : r->clear;
}

int
rule_past(const struct rule *r, double v, double level)
{
	return r->dir == DIR_ABOVE ? v >= level : v <= level;
}

const char *
rules_kind_name(int kind)
{
	static const char *const names[] = { "utilization", "saturation",
	    "errors", "budget" };

	return names[kind];
}

const char *
rules_sev_name(int sev)
{
	static const char *const names[] = { "none", "info", "warning",
	    "critical" };

	return names[sev];
}

const char *
rules_dir_name(int dir)
{
	return dir == DIR_ABOVE ? "above" : "below";
}

/* Levels in order for the direction, a duration >= 0, at least a level. */
static int
check(const struct rule *r, struct perr *e)
{
	double lo, hi;
	int up = r->dir == DIR_ABOVE;

	if (isnan(r->warn) && isnan(r->crit))
		return perr_set(e, "metric '%s': no warning or critical level",
		    r->metric);
	if (r->for_s < 0)
		return perr_set(e, "metric '%s': negative duration %g s",
		    r->metric, r->for_s);
	if (!isnan(r->warn) && !isnan(r->crit) &&
	    (up ? r->warn > r->crit : r->warn < r->crit))
		return perr_set(e, "metric '%s': warning %g %s critical %g "
		    "(direction %s)", r->metric, r->warn, up ? "above" : "below",
		    r->crit, rules_dir_name(r->dir));
	lo = rule_clear(r);
	hi = rule_level(r);
	if (up ? lo > hi : lo < hi)
		return perr_set(e, "metric '%s': clear %g %s the level %g "
		    "(direction %s)", r->metric, lo, up ? "above" : "below", hi,
		    rules_dir_name(r->dir));
	return 0;
}

/* A column name a rule of the user's own may watch: snake_case. */
static int
plain_name(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z'))
		return 0;
	return s[strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_")] == '\0';
}

/* The rule to change for metric: its own, or a new copy of the pattern
 * rule that matches it, or for a metric no built-in rule knows (a column
 * of perf-sample --metric, an application's) a new rule of resource
 * "custom" with no source yet; NULL when metric is not a column name. */
static struct rule *
target(struct rules *rs, const char *metric)
{
	long i = rules_match(rs, metric);
	struct rule *r;

	if (i < 0) {
		if (!plain_name(metric))
			return NULL;
		rs->r = xreallocarray(rs->r, rs->n + 1, sizeof *rs->r);
		r = &rs->r[rs->n++];
		memset(r, 0, sizeof *r);
		r->metric = xstrdup(metric);
		r->resource = "custom";
		r->kind = KIND_UTIL;
		r->dir = DIR_ABOVE;
		r->warn = r->crit = r->clear = NONE;
		r->label = "custom metric";
		return r;
	}
	if (strcmp(rs->r[i].metric, metric) == 0)
		return &rs->r[i];
	rs->r = xreallocarray(rs->r, rs->n + 1, sizeof *rs->r);
	r = &rs->r[rs->n++];
	*r = rs->r[i];
	r->metric = xstrdup(metric);
	return r;
}

/* A level: "" is none. */
static int
level(const char *s, double *out, char *why, size_t len)
{
	if (*s == '\0') {
		*out = NONE;
		return 0;
	}
	return cli_double(s, -1e300, 1e300, out, why, len);
}

int
rules_set(struct rules *rs, const char *spec, struct perr *e)
{
	char *buf = xstrdup(spec), *eq, *f[4] = { NULL, NULL, NULL, NULL };
	char why[128];
	struct perr why2;
	struct rule *r, save;
	size_t nf = 0;
	double w, c, d, cl = NONE;
	int rv = -1;

	if ((eq = strchr(buf, '=')) == NULL || eq == buf) {
		perr_set(e, "threshold '%s': not METRIC=WARN,CRIT[,FOR[,CLEAR]]",
		    spec);
		goto out;
	}
	*eq = '\0';
	for (f[nf++] = eq + 1; nf < 4 && (f[nf] = strchr(f[nf - 1], ',')); nf++)
		*f[nf]++ = '\0';
	if (nf < 2 || strchr(f[nf - 1], ',')) {
		perr_set(e, "threshold '%s': not METRIC=WARN,CRIT[,FOR[,CLEAR]]",
		    spec);
		goto out;
	}
	if (level(f[0], &w, why, sizeof why) < 0 ||
	    level(f[1], &c, why, sizeof why) < 0 ||
	    (nf > 3 && level(f[3], &cl, why, sizeof why) < 0)) {
		perr_set(e, "threshold '%s': %s", spec, why);
		goto out;
	}
	if ((r = target(rs, buf)) == NULL) {
		perr_set(e, "threshold '%s': '%s' is not a column name "
		    "(snake_case)", spec, buf);
		goto out;
	}
	save = *r;
	/* A rule of the user's own: lower is worse when warning > critical. */
	if (r->source == NULL)
		r->dir = !isnan(w) && !isnan(c) && w > c ? DIR_BELOW :
		    DIR_ABOVE;
	r->warn = w;
	r->crit = c;
	r->clear = cl;
	if (nf > 2 && f[2][0] != '\0') {
		if (cli_duration(f[2], 0, 1e9, &d, why, sizeof why) < 0) {
			*r = save;
			perr_set(e, "threshold '%s': duration '%s': %s", spec,
			    f[2], why);
			goto out;
		}
		r->for_s = d;
	}
	r->source = "--threshold";
	if ((rv = check(r, &why2)) < 0) {
		*r = save;
		perr_set(e, "threshold '%s': %s", spec, why2.msg);
	}
out:
	free(buf);
	return rv;
}

/* A number field of the thresholds file: "" gives def. */
static int
field(const struct csvread_row *row, long col, double def, const char *name,
    double *out, struct perr *e)
{
	int got;

	if (col < 0 || row->len[col] == 0) {
		*out = def;
		return 0;
	}
	got = num_parse_field(row->f[col], row->len[col], out);
	if (got < 0)
		return perr_set(e, "%s:%ld: column '%s': '%s' is not a number",
		    row->file, row->line, name, row->f[col]);
	return 0;
}

int
rules_load(struct rules *rs, const char *path, struct perr *e)
{
	static const char *const names[] = { "metric", "warning", "critical",
	    "for_s", "clear", "direction" };
	struct csvread *rd;
	struct csvread_row row;
	struct rule *r, tmp;
	struct perr why;
	long col[6];
	size_t i;
	int got, rv = -1;

	if ((rd = csvread_open((char *const[]){ (char *)path }, 1, e)) == NULL)
		return -1;
	for (i = 0; i < 6; i++)
		col[i] = csvread_col(rd, names[i]);
	if (col[0] < 0 || col[5] < 0) {
		perr_set(e, "%s:1: no column '%s'", path,
		    col[0] < 0 ? "metric" : "direction");
		goto out;
	}
	while ((got = csvread_next(rd, &row, e)) > 0) {
		memset(&tmp, 0, sizeof tmp);
		if (field(&row, col[1], NONE, "warning", &tmp.warn, e) < 0 ||
		    field(&row, col[2], NONE, "critical", &tmp.crit, e) < 0 ||
		    field(&row, col[3], 0, "for_s", &tmp.for_s, e) < 0 ||
		    field(&row, col[4], NONE, "clear", &tmp.clear, e) < 0)
			goto out;
		if (strcmp(row.f[col[5]], "above") == 0)
			tmp.dir = DIR_ABOVE;
		else if (strcmp(row.f[col[5]], "below") == 0)
			tmp.dir = DIR_BELOW;
		else {
			perr_set(e, "%s:%ld: direction '%s': not above or below",
			    row.file, row.line, row.f[col[5]]);
			goto out;
		}
		if ((r = target(rs, row.f[col[0]])) == NULL) {
			perr_set(e, "%s:%ld: '%s' is not a column name "
			    "(snake_case)", row.file, row.line, row.f[col[0]]);
			goto out;
		}
		tmp.metric = r->metric;
		if (check(&tmp, &why) < 0) {
			perr_set(e, "%s:%ld: %s", row.file, row.line, why.msg);
			goto out;
		}
		r->warn = tmp.warn;
		r->crit = tmp.crit;
		r->for_s = tmp.for_s;
		r->clear = tmp.clear;
		r->dir = tmp.dir;
		r->source = path;
	}
	rv = got < 0 ? -1 : 0;
out:
	csvread_close(rd);
	return rv;
}
