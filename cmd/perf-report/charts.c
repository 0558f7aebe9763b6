/* charts.c - the report's charts: which exist, where their scripts are,
 * the time series of samples, and the outline that draws them all (the
 * charts of runs in chartruns.c). */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chartctx.h"
#include "chartruns.h"
#include "charts.h"
#include "fmt/jsonio.h"
#include "gprun.h"
#include "rsec.h"
#include "util/xalloc.h"

/* Finding windows shaded per host at most. */
#define MAX_WINDOWS 30

/* The time-series charts of samples. */
static const struct tspec {
	const char *file, *title, *ylabel, *resource;
	int stack;
	const char *metric[4], *label[4];
} tspecs[] = {
	{ "cpu", "CPU time by state (stacked; bucket means)", "% of CPU time",
	  "cpu", 1, { "cpu_user_pct", "cpu_system_pct", "cpu_iowait_pct",
	  "cpu_steal_pct" }, { "user", "system", "iowait", "steal" } },
	{ "cpu_busy", "CPU busy", "% of CPU time", "cpu", 0,
	  { "cpu_busy_pct" }, { "busy" } },
	{ "load", "Load average", "runnable tasks", "cpu", 0,
	  { "load1", "load5", "load15" }, { "load1", "load5", "load15" } },
	{ "memory", "Memory and swap used", "% used", "memory", 0,
	  { "mem_used_pct", "swap_used_pct" }, { "memory", "swap" } },
	{ "disk", "Disk utilisation (busiest disk)", "% busy", "disk", 0,
	  { "disk_util_pct" }, { "utilisation" } },
	{ "disk_io", "Disk throughput", "bytes/s", "disk", 0,
	  { "disk_read_bytes_per_s", "disk_write_bytes_per_s" },
	  { "read", "write" } },
	{ "network", "Network throughput", "bytes/s", "network", 0,
	  { "net_rx_bytes_per_s", "net_tx_bytes_per_s" },
	  { "received", "sent" } },
	{ "pressure", "Pressure stall (some, avg10)", "% of time stalled",
	  "pressure", 0, { "psi_cpu_some_avg10_pct",
	  "psi_memory_some_avg10_pct", "psi_io_some_avg10_pct" },
	  { "cpu", "memory", "io" } },
	{ "process", "Process CPU", "% of one CPU", "process", 0,
	  { "proc_cpu_pct" }, { "process tree" } },
	{ "cgroup", "Cgroup CPU", "% of one CPU", "cgroup", 0,
	  { "cgroup_cpu_pct", "cgroup_throttled_pct" },
	  { "cpu", "throttled" } },
};

const char *const *
charts_metrics(size_t *n)
{
	static const char *all[sizeof tspecs / sizeof tspecs[0] * 4];
	size_t i, k;

	*n = 0;
	for (i = 0; i < sizeof tspecs / sizeof tspecs[0]; i++)
		for (k = 0; k < 4 && tspecs[i].metric[k]; k++)
			all[(*n)++] = tspecs[i].metric[k];
	return all;
}

char *
charts_plots_dir(void)
{
	static const char *const rel[] = { "../share/perfpipe/plots",
		"../plots", "../../plots" };
	const char *env = getenv("PERFPIPE_PLOTS");
	char exe[PATH_MAX], *p, *s;
	ssize_t n;
	size_t i;

	if (env && *env)
		return xstrdup(env);
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
		return NULL;
	exe[n] = '\0';
	if ((p = strrchr(exe, '/')) != NULL)
		*p = '\0';
	for (i = 0; i < sizeof rel / sizeof rel[0]; i++) {
		s = xasprintf("%s/%s/timeseries.gp", exe, rel[i]);
		if (access(s, R_OK) == 0) {
			s[strlen(s) - strlen("/timeseries.gp")] = '\0';
			return s;
		}
		free(s);
	}
	return NULL;
}

/* ---- samples: time series per host ---- */

/* Whether any host's series was downsampled. */
static int
h_downsampled(const struct rsamples *s)
{
	size_t i;

	for (i = 0; i < s->nh; i++)
		if (s->h[i].ds.width > 1)
			return 1;
	return 0;
}

/* The rule of findings' thresholds for metric: warning and critical. */
static void
threshold(const struct charts_in *ci, const char *metric, double *warn,
    double *crit)
{
	json_t *v, *t;
	size_t i, j;

	*warn = *crit = NAN;
	json_array_foreach(ci->findings, i, v)
		json_array_foreach(json_object_get(json_object_get(v, "doc"),
		    "thresholds"), j, t) {
			const char *m = json_string_value(json_object_get(t,
			    "metric"));

			if (m && strcmp(m, metric) == 0) {
				json_t *w = json_object_get(t, "warning"),
				    *cr = json_object_get(t, "critical");

				*warn = json_is_number(w) ?
				    json_number_value(w) : NAN;
				*crit = json_is_number(cr) ?
				    json_number_value(cr) : NAN;
				return;
			}
		}
}

static int
timeseries(struct chartctx *c, const struct tspec *ts, struct perr *e)
{
	const struct rsamples *s = c->ci->samples;
	long idx[4];
	const char *ys[4];
	size_t k, nser = 0, i, b, j;
	struct gprun *g;
	json_t *hosts = json_array(), *v, *f;
	double warn = NAN, crit = NAN;
	char *path, name[64], shows[512];
	FILE *fp;

	for (k = 0; k < 4 && ts->metric[k]; k++)
		if ((idx[nser] = rdata_metric(s, ts->metric[k])) >= 0)
			ys[nser++] = ts->metric[k];
	if (nser == 0) {
		json_decref(hosts);
		return 0;
	}
	g = chartctx_run(c, ts->file, (int)(160 + 220 * s->nh));
	gprun_num(g, "nhosts", (double)s->nh);
	gprun_num(g, "nser", (double)nser);
	gprun_num(g, "stack", ts->stack);
	gprun_num(g, "span", s->end - s->start);
	gprun_str(g, ts->title, "title");
	gprun_str(g, ts->ylabel, "ylabel");
	for (k = 0, j = 0; k < 4 && ts->metric[k]; k++)
		if (rdata_metric(s, ts->metric[k]) >= 0)
			gprun_str(g, ts->label[k], "label%zu", ++j);
	/* The thresholds of the first metric that has a rule. */
	for (k = 0; k < nser && isnan(warn) && isnan(crit); k++)
		threshold(c->ci, ys[k], &warn, &crit);
	if (ts->stack)
		threshold(c->ci, "cpu_busy_pct", &warn, &crit);
	gprun_num(g, "warn", warn);
	gprun_num(g, "crit", crit);
	/* The chart says itself that it was downsampled, and how. */
	{
		size_t w = 1;
		char note[160] = "";

		for (i = 0; i < s->nh; i++)
			if (s->h[i].ds.width > w)
				w = s->h[i].ds.width;
		if (w > 1 && ts->stack)
			snprintf(note, sizeof note, "downsampled: areas = means "
			    "of each %zu rows", w);
		else if (w > 1)
			snprintf(note, sizeof note, "downsampled: line = mean, "
			    "band = min to max of each %zu rows", w);
		gprun_str(g, note, "note");
	}
	for (i = 0; i < s->nh; i++) {
		const struct rhost *h = &s->h[i];
		size_t nw = 0;

		snprintf(name, sizeof name, "%s-%zu.dat", ts->file, i + 1);
		if ((fp = chartctx_open(c, name, &path, e)) == NULL)
			return -1;
		fprintf(fp, "# time");
		for (k = 0; k < nser; k++)
			fprintf(fp, " %s_mean %s_min %s_max", ys[k], ys[k],
			    ys[k]);
		fputc('\n', fp);
		for (b = 0; b < h->ds.nb; b++) {
			fprintf(fp, "%.3f", downsample_time(&h->ds, b));
			for (k = 0; k < nser; k++) {
				chartctx_put(fp, downsample_mean(&h->ds, b, idx[k]));
				chartctx_put(fp, downsample_min(&h->ds, b, idx[k]));
				chartctx_put(fp, downsample_max(&h->ds, b, idx[k]));
			}
			fputc('\n', fp);
		}
		if (chartctx_close(fp, path, e) != 0)
			return -1;
		free(path);
		path = xasprintf("%s/data/%s", c->dir, name);
		gprun_str(g, path, "data%zu", i + 1);
		free(path);
		gprun_str(g, *h->name ? h->name : "(no host)", "host%zu",
		    i + 1);
		{
			json_t *hn = json_string(h->name);

			json_array_append_new(hosts, hn ? hn :
			    json_string("(a name not UTF-8)"));
		}
		/* Finding windows of this host on these metrics. */
		json_array_foreach(c->ci->findings, j, v) {
			size_t q;

			json_array_foreach(json_object_get(json_object_get(v,
			    "doc"), "findings"), q, f) {
				const char *fh = json_string_value(
				    json_object_get(f, "host")), *fm =
				    json_string_value(json_object_get(f,
				    "metric")), *fr = json_string_value(
				    json_object_get(f, "resource")), *sev =
				    json_string_value(json_object_get(f,
				    "severity"));
				int match = 0;

				if (!fh || strcmp(fh, h->name) != 0 ||
				    nw == MAX_WINDOWS)
					continue;
				for (k = 0; k < nser; k++)
					match |= fm && strcmp(fm, ys[k]) == 0;
				match |= ts->stack && fr && strcmp(fr, "cpu")
				    == 0;
				if (!match)
					continue;
				nw++;
				gprun_numf(g, json_number_value(json_object_get(
				    f, "start")), "w%zu_%zu_s", i + 1, nw);
				gprun_numf(g, json_number_value(json_object_get(
				    f, "end")), "w%zu_%zu_e", i + 1, nw);
				gprun_numf(g, sev && strcmp(sev, "critical") ==
				    0 ? 2 : 1, "wsev%zu_%zu", i + 1, nw);
			}
		}
		gprun_numf(g, (double)nw, "nwin%zu", i + 1);
	}
	chartctx_script(g, c, "timeseries.gp");
	snprintf(shows, sizeof shows, "%s over time, one panel per host%s%s",
	    ts->title, h_downsampled(s) ? "; each line is the mean of a "
	    "bucket of rows, the band its minimum to maximum" : "",
	    isnan(warn) && isnan(crit) ? "" : "; dashed lines: warning and "
	    "critical levels; shaded: findings");
	chartctx_add(c, ts->file, "line", "samples", ts->title, shows, "time",
	    ys, nser, hosts);
	return 0;
}

int
charts_draw(json_t *doc, const struct charts_in *ci, const char *dir,
    struct perr *e)
{
	struct chartctx c;
	size_t i;
	int rc = -1;

	memset(&c, 0, sizeof c);
	c.doc = doc;
	c.ci = ci;
	c.dir = dir;
	if (ci->samples && ci->samples->rows > 0)
		for (i = 0; i < sizeof tspecs / sizeof tspecs[0]; i++)
			if (timeseries(&c, &tspecs[i], e) != 0)
				goto out;
	if (chartruns_draw(&c, e) != 0)
		goto out;
	rc = gprun_all(c.runs, c.nruns, ci->gnuplot, dir, e);
out:
	for (i = 0; i < c.nruns; i++)
		gprun_free(&c.runs[i]);
	free(c.runs);
	return rc;
}
