/* rmeasure.c - the report's sections of measurements: resource usage
 * per host, benchmark runs per command, and a program's functions and
 * spans (lib/perfspan). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rmeasure.h"
#include "rsec.h"

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
rmeasure_headline(size_t *n)
{
	*n = sizeof headline / sizeof headline[0];
	return headline;
}

/* Names the inputs of kind k as sec's sources. */
static void
inputs_of(json_t *sec, const struct rdoc_in *ri, enum rkind k)
{
	size_t i;

	for (i = 0; i < ri->nin; i++)
		if (ri->in[i].kind == k)
			rsec_source(sec, ri->in[i].name);
}

/* A headline metric of a host (a trend group g), as a row of t. */
static void
usage_row(json_t *t, json_t *g, const char *metric)
{
	json_t *m = json_object_get(json_object_get(g, "metrics"), metric);
	char *lab;

	if (m == NULL || rsec_num(m, "n") == 0)
		return;
	lab = rsec_group_label(g);
	rsec_row(t, "ssnnnnns", metric, lab, rsec_num(m, "n"),
	    rsec_num(m, "mean"), rsec_num(m, "median"), rsec_num(m, "p95"),
	    rsec_num(m, "max"),
	    rsec_text(json_object_get(m, "trend"), "direction"));
	free(lab);
}

void
rmeasure_samples(json_t *doc, json_t *summary_lines,
    const struct rdoc_in *ri)
{
	json_t *sec = rsec_new(doc, "samples", "Resource usage"), *v, *td, *g,
	    *t;
	const struct rsamples *s = ri->samples;
	size_t i, j, k;
	char a[32], b[32], d[32], iv[32];

	inputs_of(sec, ri, RK_SAMPLES);
	if (s && s->rows > 0) {
		rsec_line(sec, "%ld samples from %zu host%s, every %s, over %s "
		    "(%s to %s UTC)", s->rows, s->nh + s->more_hosts,
		    s->nh + s->more_hosts == 1 ? "" : "s",
		    rsec_duration(s->interval, iv, sizeof iv),
		    rsec_duration(s->end - s->start, d, sizeof d),
		    rdoc_time(s->start, a, sizeof a),
		    rdoc_time(s->end, b, sizeof b));
		rsec_linea(summary_lines, "samples: %ld from %zu host%s "
		    "over %s", s->rows, s->nh + s->more_hosts,
		    s->nh + s->more_hosts == 1 ? "" : "s", d);
		if (s->more_hosts)
			rsec_line(sec, "charts show the first %d hosts; %zu "
			    "more are in the tables only", RDATA_MAXHOSTS,
			    s->more_hosts);
		for (i = 0; i < s->nh; i++)
			if (s->h[i].ds.width > 1)
				rsec_line(sec, "charts of %s: %ld rows as %zu "
				    "buckets of %zu (min, mean, max of each: "
				    "peaks kept)", s->h[i].name, s->h[i].rows,
				    s->h[i].ds.nb, s->h[i].ds.width);
	}
	/* Per metric and host, from perf-trend. */
	json_array_foreach(ri->trends, i, v) {
		td = json_object_get(v, "doc");
		if (strcmp(rsec_trend_of(td), "samples") != 0)
			continue;
		rsec_sources(sec, v);
		t = rsec_table("resource usage per host (perf-trend)",
		    "metric:s:,host:s:,n:n:count,mean:n:,median:n:,p95:n:,"
		    "max:n:,trend:s:");
		for (k = 0; k < sizeof headline / sizeof headline[0]; k++)
			json_array_foreach(json_object_get(td, "groups"), j, g)
				usage_row(t, g, headline[k]);
		rsec_addtable(sec, t);
	}
}

/* ---- runs ---- */

/* A command's statistics of metric (a trend group g) as a row of t, and
 * the notes on its wall time as lines of sec. */
static void
run_row(json_t *sec, json_t *t, json_t *g, const char *metric)
{
	json_t *x = json_object_get(json_object_get(g, "metrics"), metric);
	json_t *ci, *mci, *out, *nt;
	double half;
	size_t q;
	char *lab;

	if (x == NULL || !(rsec_num(x, "n") > 0))
		return;
	ci = json_object_get(x, "mean_ci");
	mci = json_object_get(x, "median_ci");
	out = json_object_get(x, "outliers");
	/* The interval's half width, in percent of the mean. */
	half = (rsec_num(ci, "hi") - rsec_num(ci, "lo")) / 2 /
	    fabs(rsec_num(x, "mean")) * 100;
	lab = rsec_group_label(g);
	rsec_row(t, "snnnnnnnnnnn", lab, rsec_num(x, "n"), rsec_num(x, "mean"),
	    half, rsec_num(x, "median"), rsec_num(mci, "lo"),
	    rsec_num(mci, "hi"), rsec_num(x, "sd"), rsec_num(x, "cv") * 100,
	    rsec_num(x, "min"), rsec_num(x, "max"),
	    rsec_num(out, "mild") + rsec_num(out, "severe"));
	if (strcmp(metric, "wall_s") == 0)
		json_array_foreach(json_object_get(x, "notes"), q, nt)
			rsec_line(sec, "%s %s: %s", lab, metric,
			    json_string_value(nt));
	free(lab);
}

void
rmeasure_runs(json_t *doc, json_t *summary_lines,
    const struct rdoc_in *ri)
{
	json_t *sec = rsec_new(doc, "runs", "Benchmark runs"), *v, *td, *g,
	    *m, *t;
	const struct rruns *r = ri->runs;
	const char *metric;
	size_t i, j, k, nt = 0;
	char a[32], b[32], title[160];

	inputs_of(sec, ri, RK_RUNS);
	if (r && r->rows > r->spanrows && r->ng == 0) {
		/* Every run failed: no command has a run to describe. */
		rsec_line(sec, "%ld runs, every one failed (exit status, "
		    "signal or time-out): nothing to describe",
		    r->rows - r->spanrows);
		rsec_linea(summary_lines, "runs: %ld, every one failed",
		    r->rows - r->spanrows);
	} else if (r && r->rows > r->spanrows) {
		rsec_line(sec, "%ld runs of %zu command%s, %s to %s UTC",
		    r->rows - r->spanrows, r->ng, r->ng == 1 ? "" : "s",
		    rdoc_time(r->start, a, sizeof a),
		    rdoc_time(r->end, b, sizeof b));
		if (r->failed)
			rsec_line(sec, "%ld runs failed (exit status, signal "
			    "or time-out) and are left out of the statistics",
			    r->failed);
		rsec_linea(summary_lines, "runs: %ld of %zu command%s%s",
		    r->rows - r->spanrows, r->ng, r->ng == 1 ? "" : "s",
		    r->failed ? ", some failed" : "");
	}
	/* Rows of lib/perfspan alone: their section says it. */
	if (r && r->rows > 0 && r->rows == r->spanrows)
		return;
	json_array_foreach(ri->trends, i, v)
		nt += strcmp(rsec_trend_of(json_object_get(v, "doc")),
		    "runs") == 0;
	json_array_foreach(ri->trends, i, v) {
		td = json_object_get(v, "doc");
		if (strcmp(rsec_trend_of(td), "runs") != 0)
			continue;
		rsec_sources(sec, v);
		json_array_foreach(json_object_get(json_object_get(td,
		    "columns"), "metric"), j, m) {
			metric = json_string_value(m);
			/* Several documents: each table says whose it is. */
			snprintf(title, sizeof title, "%s per command (%s; "
			    "intervals 95%%)", metric, nt > 1 ?
			    rsec_text(v, "label") : "perf-trend");
			t = rsec_table(title, "command:s:,n:n:count,mean:n:,"
			    "mean_ci_pct:n:pct,median:n:,median_lo:n:,"
			    "median_hi:n:,sd:n:,cv_pct:n:pct,min:n:,max:n:,"
			    "outliers_count:n:count");
			json_array_foreach(json_object_get(td, "groups"), k, g)
				run_row(sec, t, g, metric);
			rsec_addtable(sec, t);
		}
	}
}

/* ---- functions and spans (lib/perfspan) ---- */

/* Rows of the self-time table at most (the chart draws fewer). */
#define MAX_SPAN_ROWS 40

void
rmeasure_spans(json_t *doc, json_t *summary_lines,
    const struct rdoc_in *ri)
{
	const struct rruns *r = ri->runs;
	json_t *sec, *t;
	const struct rspan *sp;
	double calls = 0, self = 0;
	size_t i;

	if (r == NULL || r->nspan == 0)
		return;
	sec = rsec_new(doc, "spans", "Functions and spans");
	inputs_of(sec, ri, RK_RUNS);
	for (i = 0; i < r->nspan; i++) {
		calls += r->span[i].calls;
		self += r->span[i].self;
	}
	sp = &r->span[0];
	rsec_line(sec, "%zu functions or spans (name and parent) in %ld rows "
	    "of lib/perfspan, %.0f calls, %.4g s of self time in all",
	    r->nspan, r->spanrows, calls, self);
	if (r->sampled)
		rsec_line(sec, "sampled rows (PERFSPAN_SAMPLE) hold CPU time "
		    "charged by profiling-timer samples, an estimate: each "
		    "call's charge is off by less than a sampling period plus "
		    "the CPU time between two of its thread's samples, so a "
		    "function with few samples' worth of time is noise; calls "
		    "are counted exactly");
	rsec_linea(summary_lines, "spans: %zu functions or spans; most self "
	    "time: %s (%.1f%%)", r->nspan, sp->name,
	    self > 0 ? 100 * sp->self / self : 0.0);
	t = rsec_table("Self time per function or span, most first",
	    "name:s:,parent:s:,calls:n:count,total:n:s,self:n:s,"
	    "self_pct:n:pct,mean:n:s");
	for (i = 0; i < r->nspan && i < MAX_SPAN_ROWS; i++) {
		sp = &r->span[i];
		rsec_row(t, "ssnnnnn", sp->name, sp->parent, sp->calls,
		    sp->total, sp->self, self > 0 ? 100 * sp->self / self : NAN,
		    sp->calls > 0 ? sp->total / sp->calls : NAN);
	}
	rsec_addtable(sec, t);
	if (r->nspan > MAX_SPAN_ROWS)
		rsec_line(sec, "%zu more with less self time are in the rows, "
		    "not in the table", r->nspan - MAX_SPAN_ROWS);
}

