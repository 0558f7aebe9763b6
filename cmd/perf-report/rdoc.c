/* rdoc.c - the report document: summary and sections, from the inputs'
 * JSON (perf-trend, perf-bottleneck, perf-validate) and the raw rows. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "escape.h"
#include "fmt/jsonio.h"
#include "rdoc.h"
#include "util/cli.h"
#include "util/num.h"
#include "util/xalloc.h"

/* Findings listed in words at most (the table holds them all). */
#define MAX_FINDING_LINES 12

/* A JSON string of any bytes: invalid UTF-8 replaced, never NULL. */
static json_t *
jstr(const char *s)
{
	char *u = escape_utf8(s);
	json_t *j = json_string(u);

	free(u);
	return j;
}

char *
rdoc_time(double t, char *buf, size_t len)
{
	struct tm tm;
	time_t s;

	/* Converted only when a time_t holds it (inf is no time: a file
	 * without times; beyond year 10^7 neither). */
	if (!(fabs(t) < 1e14) || (s = (time_t)floor(t), gmtime_r(&s, &tm) ==
	    NULL))
		snprintf(buf, len, "?");
	else
		strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
	return buf;
}

/* A table from a column list "name:type:unit,..." (type n or s, unit empty
 * for none). */
static json_t *
tbl(const char *title, const char *spec)
{
	json_t *t = json_object(), *cols = json_array(), *c;
	char *s = xstrdup(spec), *save, *tok, *name, *type, *unit;

	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",",
	    &save)) {
		name = tok;
		type = strchr(name, ':');
		*type++ = '\0';
		unit = strchr(type, ':');
		*unit++ = '\0';
		c = json_object();
		xjsonio_set(c, "name", json_string(name));
		xjsonio_set(c, "type", json_string(*type == 'n' ? "number" :
		    "string"));
		xjsonio_set(c, "unit", *unit ? json_string(unit) : json_null());
		json_array_append_new(cols, c);
	}
	free(s);
	xjsonio_set(t, "title", json_string(title));
	xjsonio_set(t, "columns", cols);
	xjsonio_set(t, "rows", json_array());
	return t;
}

/* Appends a row: fmt has 's' (const char *, NULL is null) or 'n' (double,
 * NaN is null) per cell. */
static void
row(json_t *t, const char *fmt, ...)
{
	json_t *r = json_array();
	const char *s;
	va_list ap;

	va_start(ap, fmt);
	for (; *fmt; fmt++)
		if (*fmt == 's') {
			s = va_arg(ap, const char *);
			json_array_append_new(r, s ? jstr(s) :
			    json_null());
		} else
			json_array_append_new(r, xjsonio_num(va_arg(ap,
			    double)));
	va_end(ap);
	json_array_append_new(json_object_get(t, "rows"), r);
}

static void
vlinea(json_t *arr, const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		xoom();
	json_array_append_new(arr, jstr(s));
	free(s);
}

/* Appends a line of text to the array arr (text from data included, its
 * bytes that are not UTF-8 replaced). */
static void
linea(json_t *arr, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
linea(json_t *arr, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlinea(arr, fmt, ap);
	va_end(ap);
}

/* Appends a line to the section's text. */
static void
line(json_t *sec, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
line(json_t *sec, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlinea(json_object_get(sec, "lines"), fmt, ap);
	va_end(ap);
}

static json_t *
section(json_t *doc, const char *id, const char *title)
{
	json_t *s = json_object();

	xjsonio_set(s, "id", json_string(id));
	xjsonio_set(s, "title", json_string(title));
	xjsonio_set(s, "sources", json_array());
	xjsonio_set(s, "lines", json_array());
	xjsonio_set(s, "tables", json_array());
	xjsonio_set(s, "charts", json_array());
	json_array_append_new(json_object_get(doc, "sections"), s);
	return s;
}

static void source(json_t *sec, const char *name);

/* Adds the sources of a {"label", "sources", "doc"} input to sec. */
static void
sources(json_t *sec, json_t *v)
{
	json_t *x;
	size_t i;

	json_array_foreach(json_object_get(v, "sources"), i, x)
		source(sec, json_string_value(x));
}

static void
source(json_t *sec, const char *name)
{
	json_t *a = json_object_get(sec, "sources");
	size_t i;
	json_t *v;

	json_array_foreach(a, i, v)
		if (strcmp(json_string_value(v), name) == 0)
			return;
	json_array_append_new(a, json_string(name));
}

json_t *
rdoc_section(json_t *doc, const char *id)
{
	json_t *s;
	size_t i;

	json_array_foreach(json_object_get(doc, "sections"), i, s)
		if (strcmp(json_string_value(json_object_get(s, "id")), id) == 0)
			return s;
	return NULL;
}

/* Drops sections that got nothing to say. */
static void
prune(json_t *doc)
{
	json_t *a = json_object_get(doc, "sections"), *s;
	size_t i;

	for (i = json_array_size(a); i-- > 0;) {
		s = json_array_get(a, i);
		if (json_array_size(json_object_get(s, "lines")) == 0 &&
		    json_array_size(json_object_get(s, "tables")) == 0)
			json_array_remove(a, i);
	}
}

static double
num(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_number(v) ? json_number_value(v) : NAN;
}

static const char *
str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void
addtbl(json_t *sec, json_t *t)
{
	if (json_array_size(json_object_get(t, "rows")) == 0)
		json_decref(t);
	else
		json_array_append_new(json_object_get(sec, "tables"), t);
}

/* A trend group's label: its host, then its keys, the command left out
 * when a name says it. */
static char *
group_label(json_t *g)
{
	json_t *keys = json_object_get(g, "keys"), *v;
	const char *host = str(g, "host"), *k;
	char *s = xstrdup(host && *host ? host : ""), *t;

	json_object_foreach(keys, k, v) {
		if (!json_is_string(v) || !*json_string_value(v) ||
		    strcmp(k, "measured_by") == 0 ||
		    (strcmp(k, "command") == 0 && json_object_get(keys, "name")
		    && *json_string_value(json_object_get(keys, "name"))))
			continue;
		t = *s ? xasprintf("%s %s=%s", s, k, json_string_value(v)) :
		    xasprintf("%s=%s", k, json_string_value(v));
		free(s);
		s = t;
	}
	if (!*s) {
		free(s);
		s = xstrdup("(all)");
	}
	return s;
}

/* The format of a trend document's first input: samples or runs. */
static const char *
trend_of(json_t *doc)
{
	const char *f = str(json_array_get(json_object_get(doc, "inputs"), 0),
	    "format");

	return f ? f : "";
}

/* A span of time for people: "45 s", "12 min", "3.5 h", "6.2 days". */
static char *
fmt_dur(double s, char *buf, size_t len)
{
	if (!isfinite(s))
		snprintf(buf, len, "?");
	else if (s < 1)
		snprintf(buf, len, "%.3g s", s);
	else if (s < 120)
		snprintf(buf, len, "%.0f s", s);
	else if (s < 7200)
		snprintf(buf, len, "%.0f min", s / 60);
	else if (s < 172800)
		snprintf(buf, len, "%.1f h", s / 3600);
	else
		snprintf(buf, len, "%.1f days", s / 86400);
	return buf;
}

/* ---- validation ---- */

static int
status_rank(const char *s)
{
	return strcmp(s, "fail") == 0 ? 0 : strcmp(s, "warn") == 0 ? 1 :
	    strcmp(s, "unknown") == 0 ? 2 : 3;
}

static const char *
worse_verdict(const char *a, const char *b)
{
	static const char *const order[] = { "untrustworthy", "caution",
		"unknown", "trustworthy" };
	size_t i;

	if (a == NULL)
		return b;
	for (i = 0; i < 4; i++)
		if (strcmp(a, order[i]) == 0 || strcmp(b, order[i]) == 0)
			return order[i];
	return a;
}

static const char *
validation(json_t *doc, json_t *summary_lines, const struct rdoc_in *ri)
{
	json_t *sec = section(doc, "validation", "Can these numbers be "
	    "trusted?"), *v, *vd, *c, *t, *tot;
	const char *verdict = NULL, *vv;
	size_t i, j;
	int rank;

	json_array_foreach(ri->validations, i, v) {
		vd = json_object_get(v, "doc");
		sources(sec, v);
		vv = str(vd, "verdict");
		if (vv == NULL)
			continue;
		verdict = worse_verdict(verdict, vv);
		tot = json_object_get(vd, "totals");
		line(sec, "%s: %s: %.0f checks passed, %.0f warned, %.0f "
		    "failed, %.0f unknown", str(v, "label"), vv,
		    num(tot, "pass"), num(tot, "warn"), num(tot, "fail"),
		    num(tot, "unknown"));
		t = tbl("checks that did not pass, worst first",
		    "status:s:,check:s:,subject:s:,detail:s:,hint:s:");
		for (rank = 0; rank < 3; rank++)
			json_array_foreach(json_object_get(vd, "checks"), j, c)
				if (status_rank(str(c, "status")) == rank)
					row(t, "sssss", str(c, "status"),
					    str(c, "name"), str(c, "subject"),
					    str(c, "detail"), str(c, "hint"));
		/* The first two problems go to the summary: a reader sees
		 * them before any number they undermine. */
		for (j = 0; j < 2 && j < json_array_size(json_object_get(t,
		    "rows")); j++) {
			json_t *r = json_array_get(json_object_get(t, "rows"), j);
			const char *st = json_string_value(json_array_get(r, 0));

			if (strcmp(st, "unknown") == 0)
				break;
			linea(summary_lines, "trust: %s %s: %s", st,
			    json_string_value(json_array_get(r, 1)),
			    json_string_value(json_array_get(r, 3)) ?
			    json_string_value(json_array_get(r, 3)) : "");
		}
		addtbl(sec, t);
	}
	if (verdict)
		json_array_insert_new(summary_lines, 0, jsonio_fmt(
		    "measurements: %s (perf-validate)", verdict));
	return verdict;
}

/* ---- findings ---- */

static int
sev_rank(const char *s)
{
	return s == NULL ? 3 : strcmp(s, "critical") == 0 ? 0 :
	    strcmp(s, "warning") == 0 ? 1 : 2;
}

struct fref {
	json_t *f;
	int rank;
	double dur;
};

static int
fref_cmp(const void *a, const void *b)
{
	const struct fref *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank - y->rank;
	if (x->dur != y->dur)
		return x->dur > y->dur ? -1 : 1;
	return strcmp(str(x->f, "id"), str(y->f, "id"));
}

static void
findings(json_t *doc, json_t *summ, json_t *summary_lines,
    const struct rdoc_in *ri, double *start, double *end)
{
	json_t *sec = section(doc, "findings", "Bottlenecks and health"),
	    *v, *fd, *h, *f, *ht, *ft;
	struct fref *fr = NULL;
	size_t i, j, n = 0;
	long lowest = -1;
	int worst = 3;
	char a[32], b[32], d[32];

	ht = tbl("health per host", "host:s:,score:n:,grade:s:,"
	    "critical_count:n:count,warning_count:n:count,main_cause:s:");
	ft = tbl("findings, worst first", "severity:s:,host:s:,resource:s:,"
	    "kind:s:,metric:s:,start:s:,duration_s:n:s,peak:n:,"
	    "threshold:n:");
	json_array_foreach(ri->findings, i, v) {
		fd = json_object_get(v, "doc");
		sources(sec, v);
		json_array_foreach(json_object_get(fd, "hosts"), j, h) {
			long sc = (long)num(h, "score");

			row(ht, "snsnns", str(h, "host"), num(h, "score"),
			    str(h, "grade"), num(json_object_get(h, "totals"),
			    "critical"), num(json_object_get(h, "totals"),
			    "warning"), str(h, "main_cause") ?
			    str(h, "main_cause") : "");
			if (lowest < 0 || sc < lowest)
				lowest = sc;
			if (str(h, "main_cause"))
				linea(summary_lines, "%s: health "
				    "%ld (%s), %s", *str(h, "host") ?
				    str(h, "host") : "(no host)", sc,
				    str(h, "grade"), str(h, "main_cause"));
			else
				linea(summary_lines, "%s: health "
				    "%ld (%s), no bottleneck found",
				    *str(h, "host") ? str(h, "host") :
				    "(no host)", sc, str(h, "grade"));
			if (num(h, "start") < *start)
				*start = num(h, "start");
			if (num(h, "end") > *end)
				*end = num(h, "end");
		}
		json_array_foreach(json_object_get(fd, "findings"), j, f) {
			fr = xreallocarray(fr, n + 1, sizeof *fr);
			fr[n].f = f;
			fr[n].rank = sev_rank(str(f, "severity"));
			fr[n].dur = num(f, "end") - num(f, "start");
			n++;
		}
	}
	if (n)
		qsort(fr, n, sizeof *fr, fref_cmp);
	for (i = 0; i < n; i++) {
		f = fr[i].f;
		if (fr[i].rank < worst)
			worst = fr[i].rank;
		row(ft, "ssssssnnn", str(f, "severity"), str(f, "host"),
		    str(f, "resource"), str(f, "kind"), str(f, "metric"),
		    rdoc_time(num(f, "start"), a, sizeof a), fr[i].dur,
		    num(f, "peak"), num(f, "threshold"));
		if (i >= MAX_FINDING_LINES)
			continue;
		line(sec, "%zu. %s %s %s on %s, %s to %s UTC (%s): %s", i + 1,
		    str(f, "severity"), str(f, "resource"), str(f, "kind"),
		    *str(f, "host") ? str(f, "host") : "(no host)", a,
		    rdoc_time(num(f, "end"), b, sizeof b) + 11,
		    fmt_dur(fr[i].dur, d, sizeof d), str(f, "evidence"));
		line(sec, "   what to do: %s", str(f, "recommendation"));
	}
	if (n > MAX_FINDING_LINES)
		line(sec, "... and %zu more findings, in the table", n -
		    MAX_FINDING_LINES);
	if (json_array_size(ri->findings) && n == 0)
		line(sec, "no bottleneck found");
	addtbl(sec, ht);
	addtbl(sec, ft);
	free(fr);
	xjsonio_set(summ, "worst_severity", worst == 0 ? json_string(
	    "critical") : worst == 1 ? json_string("warning") : worst == 2 ?
	    json_string("info") : json_null());
	xjsonio_set(summ, "lowest_score", lowest < 0 ? json_null() :
	    json_integer(lowest));
}

/* ---- samples ---- */

/* Headline metrics, in table order. */
static const char *const headline[] = {
	"cpu_busy_pct", "cpu_iowait_pct", "cpu_steal_pct", "load1",
	"mem_used_pct", "swap_used_pct", "disk_util_pct", "disk_await_ms",
	"net_rx_bytes_per_s", "net_tx_bytes_per_s", "psi_cpu_some_avg10_pct",
	"psi_memory_some_avg10_pct", "psi_io_some_avg10_pct", "proc_cpu_pct",
	"proc_rss_kib", "cgroup_cpu_pct", "cgroup_mem_current_kib",
};

const char *const *
rdoc_headline(size_t *n)
{
	*n = sizeof headline / sizeof headline[0];
	return headline;
}

static void
samples(json_t *doc, json_t *summary_lines, const struct rdoc_in *ri)
{
	json_t *sec = section(doc, "samples", "Resource usage"), *v, *td, *g,
	    *m, *t;
	const struct rsamples *s = ri->samples;
	size_t i, j, k;
	char a[32], b[32], d[32], iv[32];

	for (i = 0; i < ri->nin; i++)
		if (ri->in[i].kind == RK_SAMPLES)
			source(sec, ri->in[i].name);
	if (s && s->rows > 0) {
		line(sec, "%ld samples from %zu host%s, every %s, over %s "
		    "(%s to %s UTC)", s->rows, s->nh + s->more_hosts,
		    s->nh + s->more_hosts == 1 ? "" : "s",
		    fmt_dur(s->interval, iv, sizeof iv),
		    fmt_dur(s->end - s->start, d, sizeof d),
		    rdoc_time(s->start, a, sizeof a),
		    rdoc_time(s->end, b, sizeof b));
		linea(summary_lines, "samples: %ld from %zu host%s "
		    "over %s", s->rows, s->nh + s->more_hosts,
		    s->nh + s->more_hosts == 1 ? "" : "s", d);
		if (s->more_hosts)
			line(sec, "charts show the first %d hosts; %zu more "
			    "are in the tables only", RDATA_MAXHOSTS,
			    s->more_hosts);
		for (i = 0; i < s->nh; i++)
			if (s->h[i].ds.width > 1)
				line(sec, "charts of %s: %ld rows as %zu "
				    "buckets of %zu (min, mean, max of each: "
				    "peaks kept)",
				    s->h[i].name, s->h[i].rows, s->h[i].ds.nb,
				    s->h[i].ds.width);
	}
	/* Per metric and host, from perf-trend. */
	json_array_foreach(ri->trends, i, v) {
		td = json_object_get(v, "doc");
		if (strcmp(trend_of(td), "samples") != 0)
			continue;
		sources(sec, v);
		t = tbl("resource usage per host (perf-trend)", "metric:s:,"
		    "host:s:,n:n:count,mean:n:,median:n:,p95:n:,max:n:,"
		    "trend:s:");
		for (k = 0; k < sizeof headline / sizeof headline[0]; k++)
			json_array_foreach(json_object_get(td, "groups"), j, g) {
				char *lab;

				m = json_object_get(json_object_get(g,
				    "metrics"), headline[k]);
				if (m == NULL || num(m, "n") == 0)
					continue;
				lab = group_label(g);
				row(t, "ssnnnnns", headline[k], lab,
				    num(m, "n"), num(m, "mean"),
				    num(m, "median"), num(m, "p95"),
				    num(m, "max"), str(json_object_get(m,
				    "trend"), "direction"));
				free(lab);
			}
		addtbl(sec, t);
	}
}

/* ---- runs ---- */

static void
runs(json_t *doc, json_t *summary_lines, const struct rdoc_in *ri)
{
	json_t *sec = section(doc, "runs", "Benchmark runs"), *v, *td, *g,
	    *m, *t, *ci, *mci;
	const struct rruns *r = ri->runs;
	const char *metric;
	size_t i, j;
	char a[32], b[32], *lab, title[160];

	for (i = 0; i < ri->nin; i++)
		if (ri->in[i].kind == RK_RUNS)
			source(sec, ri->in[i].name);
	if (r && r->rows > r->spanrows) {
		line(sec, "%ld runs of %zu command%s, %s to %s UTC",
		    r->rows - r->spanrows, r->ng, r->ng == 1 ? "" : "s",
		    rdoc_time(r->start, a, sizeof a),
		    rdoc_time(r->end, b, sizeof b));
		if (r->failed)
			line(sec, "%ld runs failed (exit status, signal or "
			    "time-out) and are left out of the statistics",
			    r->failed);
		linea(summary_lines, "runs: %ld of %zu command%s%s",
		    r->rows - r->spanrows, r->ng, r->ng == 1 ? "" : "s",
		    r->failed ? ", some failed" : "");
	}
	/* Rows of lib/perfspan alone: their section says it. */
	if (r && r->rows > 0 && r->rows == r->spanrows)
		return;
	json_array_foreach(ri->trends, i, v) {
		td = json_object_get(v, "doc");
		if (strcmp(trend_of(td), "runs") != 0)
			continue;
		sources(sec, v);
		json_array_foreach(json_object_get(json_object_get(td,
		    "columns"), "metric"), j, m) {
			size_t k;

			metric = json_string_value(m);
			snprintf(title, sizeof title, "%s per command "
			    "(perf-trend; intervals 95%%)", metric);
			t = tbl(title, "command:s:,n:n:count,mean:n:,"
			    "mean_ci_pct:n:pct,median:n:,median_lo:n:,"
			    "median_hi:n:,sd:n:,cv_pct:n:pct,min:n:,max:n:,"
			    "outliers_count:n:count");
			json_array_foreach(json_object_get(td, "groups"), k, g) {
				json_t *x = json_object_get(json_object_get(g,
				    "metrics"), metric);
				double half;

				if (x == NULL || !(num(x, "n") > 0))
					continue;
				ci = json_object_get(x, "mean_ci");
				mci = json_object_get(x, "median_ci");
				half = (num(ci, "hi") - num(ci, "lo")) / 2 /
				    fabs(num(x, "mean")) * 100;
				lab = group_label(g);
				row(t, "snnnnnnnnnnn", lab, num(x, "n"),
				    num(x, "mean"), half, num(x, "median"),
				    num(mci, "lo"), num(mci, "hi"),
				    num(x, "sd"), num(x, "cv") * 100,
				    num(x, "min"), num(x, "max"),
				    num(json_object_get(x, "outliers"),
				    "mild") + num(json_object_get(x,
				    "outliers"), "severe"));
				{
					json_t *nt;
					size_t q;

					json_array_foreach(json_object_get(x,
					    "notes"), q, nt)
						if (strcmp(metric, "wall_s") == 0)
						line(sec, "%s %s: %s", lab,
						    metric,
						    json_string_value(nt));
				}
				free(lab);
			}
			addtbl(sec, t);
		}
	}
}

/* ---- functions and spans (lib/perfspan) ---- */

/* Rows of the self-time table at most (the chart draws fewer). */
#define MAX_SPAN_ROWS 40

static void
spans(json_t *doc, json_t *summary_lines, const struct rdoc_in *ri)
{
	const struct rruns *r = ri->runs;
	json_t *sec, *t;
	const struct rspan *sp;
	double calls = 0, self = 0;
	size_t i;

	if (r == NULL || r->nspan == 0)
		return;
	sec = section(doc, "spans", "Functions and spans");
	for (i = 0; i < ri->nin; i++)
		if (ri->in[i].kind == RK_RUNS)
			source(sec, ri->in[i].name);
	for (i = 0; i < r->nspan; i++) {
		calls += r->span[i].calls;
		self += r->span[i].self;
	}
	sp = &r->span[0];
	line(sec, "%zu functions or spans (name and parent) in %ld rows of "
	    "lib/perfspan, %.0f calls, %.4g s of self time in all", r->nspan,
	    r->spanrows, calls, self);
	if (r->sampled)
		line(sec, "sampled rows (PERFSPAN_SAMPLE) hold CPU time charged "
		    "by profiling-timer samples, an estimate: each call's "
		    "charge is off by less than a sampling period plus the "
		    "CPU time between two of its thread's samples, so a "
		    "function with few samples' worth of time is noise; calls "
		    "are counted exactly");
	linea(summary_lines, "spans: %zu functions or spans; most self time: "
	    "%s (%.1f%%)", r->nspan, sp->name, self > 0 ? 100 * sp->self /
	    self : 0.0);
	t = tbl("Self time per function or span, most first", "name:s:,"
	    "parent:s:,calls:n:count,total:n:s,self:n:s,self_pct:n:pct,"
	    "mean:n:s");
	for (i = 0; i < r->nspan && i < MAX_SPAN_ROWS; i++) {
		sp = &r->span[i];
		row(t, "ssnnnnn", sp->name, sp->parent, sp->calls, sp->total,
		    sp->self, self > 0 ? 100 * sp->self / self : NAN,
		    sp->calls > 0 ? sp->total / sp->calls : NAN);
	}
	addtbl(sec, t);
	if (r->nspan > MAX_SPAN_ROWS)
		line(sec, "%zu more with less self time are in the rows, not "
		    "in the table", r->nspan - MAX_SPAN_ROWS);
}

/* ---- comparisons ---- */

static long
comparisons(json_t *doc, json_t *summary_lines, const struct rdoc_in *ri,
    int *any)
{
	json_t *sec = section(doc, "comparisons", "Baseline against "
	    "candidate"), *v, *td, *c, *t, *rat;
	size_t i, j;
	long regressions = 0, n = 0;
	char *lab;

	t = tbl("comparisons (medians; change in % of the baseline's; ratio "
	    "of medians with its 95% bootstrap interval; p: Mann-Whitney, "
	    "Holm-adjusted)", "group:s:,metric:s:,baseline:n:,candidate:n:,"
	    "change_pct:n:pct,ratio_lo:n:,ratio_hi:n:,p:n:,verdict:s:");
	json_array_foreach(ri->trends, i, v) {
		td = json_object_get(v, "doc");
		if (json_array_size(json_object_get(td, "comparisons")) == 0)
			continue;
		sources(sec, v);
		{
			json_t *o = json_object_get(td, "options");

			if (str(o, "compare"))
				line(sec, "%s: baseline and candidate by %s",
				    str(v, "label"), str(o, "compare"));
			else if (str(o, "baseline"))
				line(sec, "%s: baseline %s", str(v, "label"),
				    str(o, "baseline"));
		}
		json_array_foreach(json_object_get(td, "comparisons"), j, c) {
			rat = json_object_get(json_object_get(c, "ratio"), "ci");
			lab = group_label(c);
			row(t, "ssnnnnnns", lab, str(c, "metric"),
			    num(json_object_get(c, "baseline"), "median"),
			    num(json_object_get(c, "candidate"), "median"),
			    num(c, "change_pct"), num(rat, "lo"),
			    num(rat, "hi"), num(json_object_get(c,
			    "mann_whitney"), "p_holm"), str(c, "verdict"));
			n++;
			if (str(c, "verdict") && strcmp(str(c, "verdict"),
			    "regressed") == 0) {
				regressions++;
				line(sec, "regressed: %s %s %+.1f%% (ratio of "
				    "medians %.4g, 95%% interval %.4g to %.4g)",
				    lab, str(c, "metric"), num(c, "change_pct"),
				    num(json_object_get(c, "ratio"), "value"),
				    num(rat, "lo"), num(rat, "hi"));
			} else if (str(c, "verdict") && strcmp(str(c,
			    "verdict"), "improved") == 0)
				line(sec, "improved: %s %s %+.1f%%", lab,
				    str(c, "metric"), num(c, "change_pct"));
			free(lab);
		}
	}
	addtbl(sec, t);
	*any = n > 0;
	if (n)
		linea(summary_lines, "comparisons: %ld regressed of "
		    "%ld", regressions, n);
	return regressions;
}

/* ---- trends, forecasts, change points, complexity ---- */

static void
trends(json_t *doc, const struct rdoc_in *ri)
{
	json_t *sec = section(doc, "trend", "Trends, forecasts and change "
	    "points"), *v, *td, *g, *m, *tr, *cps, *cp, *t, *ct, *ft, *xt, *fc;
	const char *metric, *dir, *x;
	size_t i, j, k;
	char *lab, a[32];
	int rising = 0, tested = 0, untested = 0;

	t = tbl("significant trends (Theil-Sen slope per hour, 95% interval)",
	    "group:s:,metric:s:,direction:s:,slope_per_h:n:,slope_lo:n:,"
	    "slope_hi:n:");
	ft = tbl("forecasts", "group:s:,metric:s:,threshold:n:,status:s:,"
	    "when:s:");
	ct = tbl("change points", "group:s:,metric:s:,method:s:,at:s:,"
	    "before:n:,after:n:,change_pct:n:pct,p:n:,significant:s:");
	json_array_foreach(ri->trends, i, v) {
		td = json_object_get(v, "doc");
		sources(sec, v);
		json_array_foreach(json_object_get(td, "groups"), j, g) {
			lab = group_label(g);
			json_object_foreach(json_object_get(g, "metrics"),
			    metric, m) {
				tr = json_object_get(m, "trend");
				dir = str(tr, "direction");
				x = str(tr, "x");
				/* No direction: too few points to test. */
				if (tr != NULL)
					dir ? tested++ : untested++;
				if (dir && strcmp(dir, "flat") != 0) {
					json_t *ts = json_object_get(tr,
					    "theil_sen");
					double f = x && strcmp(x, "time") == 0 ?
					    3600 : 1;

					rising++;
					row(t, "sssnnn", lab, metric, dir,
					    num(ts, "slope") * f,
					    num(json_object_get(ts, "slope_ci"),
					    "lo") * f, num(json_object_get(ts,
					    "slope_ci"), "hi") * f);
				}
				fc = json_object_get(tr, "forecast");
				if (json_is_object(fc))
					row(ft, "ssnss", lab, metric,
					    num(fc, "threshold"),
					    str(fc, "status"), str(fc, "text"));
				cps = json_object_get(m, "changepoints");
				for (k = 0; k < 2; k++) {
					const char *meth = k ? "pelt" :
					    "edivisive";
					size_t q;

					json_array_foreach(json_object_get(cps,
					    meth), q, cp) {
						const char *at = str(cp, "label");

						if (at == NULL)
							at = rdoc_time(num(cp,
							    "x"), a, sizeof a);
						row(ct, "ssssnnnns", lab, metric,
						    k ? "PELT" : "E-divisive",
						    at, num(cp, "mean_before"),
						    num(cp, "mean_after"),
						    num(cp, "change_pct"),
						    num(cp, "p"),
						    json_is_true(json_object_get(
						    cp, "significant")) ? "yes" :
						    "no");
					}
				}
			}
			free(lab);
		}
		xt = tbl("complexity (best fit by normalised RMS)",
		    "group:s:,metric:s:,param:s:,best:s:,coef:n:,r2:n:");
		json_array_foreach(json_object_get(td, "complexity"), j, g) {
			lab = group_label(g);
			row(xt, "ssssnn", lab, str(g, "metric"), str(g, "param"),
			    str(g, "best") ? str(g, "best") : "none",
			    num(g, "coef"), num(g, "r2"));
			free(lab);
		}
		addtbl(sec, xt);
	}
	if (tested > 0)
		line(sec, "%d of %d series with a significant trend; the others "
		    "are flat at 95%%", rising, tested);
	if (untested > 0)
		line(sec, "%d series too short to test for a trend (3 points "
		    "at least)", untested);
	addtbl(sec, t);
	addtbl(sec, ft);
	addtbl(sec, ct);
}

static char *
default_title(const struct rdoc_in *ri, double start)
{
	const char *host = NULL;
	char d[32];

	if (ri->samples && ri->samples->nh)
		host = ri->samples->h[0].name;
	rdoc_time(start, d, sizeof d);
	d[10] = '\0';
	if (host && *host)
		return isfinite(start) ? xasprintf("perfpipe report: %s%s, %s",
		    host, ri->samples->nh + ri->samples->more_hosts > 1 ?
		    " and others" : "", d) : xasprintf("perfpipe report: %s",
		    host);
	return isfinite(start) ? xasprintf("perfpipe report, %s", d) :
	    xstrdup("perfpipe report");
}

void
rdoc_in_init(struct rdoc_in *ri, const struct rinput *in, size_t nin,
    json_t *trends, json_t *findings, json_t *validations,
    const struct rsamples *samples, const struct rruns *runs)
{
	memset(ri, 0, sizeof *ri);
	ri->in = in;
	ri->nin = nin;
	ri->trends = trends;
	ri->findings = findings;
	ri->validations = validations;
	ri->samples = samples;
	ri->runs = runs;
}

json_t *
rdoc_build(const struct rdoc_in *ri)
{
	json_t *doc = json_object(), *summ = json_object(), *lines,
	    *inputs = json_array(), *o;
	double start = INFINITY, end = -INFINITY;
	const char *verdict;
	char *title;
	long regressions;
	size_t i, j, hosts = 0;
	int anycmp;

	for (i = 0; i < ri->nin; i++) {
		o = json_object();
		xjsonio_set(o, "path", jstr(ri->in[i].name));
		xjsonio_set(o, "format", json_string(rinput_kind_name(
		    ri->in[i].kind)));
		xjsonio_set(o, "rows", ri->in[i].rows < 0 ? json_null() :
		    json_integer(ri->in[i].rows));
		json_array_append_new(inputs, o);
	}
	lines = json_array();
	xjsonio_set(doc, "format", json_string("perf-report/1"));
	xjsonio_set(doc, "title", json_string("-"));
	xjsonio_set(doc, "generated", json_integer((json_int_t)
	    ri->generated));
	xjsonio_set(doc, "inputs", inputs);
	xjsonio_set(doc, "options", ri->options);
	xjsonio_set(doc, "summary", summ);
	xjsonio_set(doc, "sections", json_array());
	xjsonio_set(doc, "charts", json_array());

	/* Trust first, then what is wrong, then the numbers. */
	verdict = validation(doc, lines, ri);
	findings(doc, summ, lines, ri, &start, &end);
	samples(doc, lines, ri);
	runs(doc, lines, ri);
	spans(doc, lines, ri);
	regressions = comparisons(doc, lines, ri, &anycmp);
	trends(doc, ri);
	prune(doc);

	if (ri->samples && ri->samples->rows) {
		start = fmin(start, ri->samples->start);
		end = fmax(end, ri->samples->end);
		hosts = ri->samples->nh + ri->samples->more_hosts;
	}
	if (ri->runs && ri->runs->rows && isfinite(ri->runs->start)) {
		start = fmin(start, ri->runs->start);
		end = fmax(end, ri->runs->end);
	}
	if (hosts == 0)
		json_array_foreach(ri->findings, i, o)
			hosts += json_array_size(json_object_get(
			    json_object_get(o, "doc"), "hosts"));
	if (hosts == 0 && ri->runs && ri->runs->rows)
		hosts = 1;
	if (json_array_size(lines) == 0)
		json_array_append_new(lines, json_string("nothing to report: "
		    "the inputs hold no rows"));
	xjsonio_set(summ, "lines", lines);
	xjsonio_set(summ, "hosts", json_integer((json_int_t)hosts));
	xjsonio_set(summ, "start", isfinite(start) ? json_real(start) :
	    json_null());
	xjsonio_set(summ, "end", isfinite(end) ? json_real(end) : json_null());
	xjsonio_set(summ, "regressions", anycmp ? json_integer(regressions) :
	    json_null());
	if (!json_object_get(summ, "worst_severity"))
		xjsonio_set(summ, "worst_severity", json_null());
	if (!json_object_get(summ, "lowest_score"))
		xjsonio_set(summ, "lowest_score", json_null());
	xjsonio_set(summ, "verdict", verdict ? json_string(verdict) :
	    json_null());
	title = ri->title ? xstrdup(ri->title) : default_title(ri, start);
	xjsonio_set(doc, "title", jstr(*title ? title : "perfpipe report"));
	free(title);
	(void)j;
	return doc;
}
