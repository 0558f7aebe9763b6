/* charts.c - data files and gnuplot runs for the report's charts. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "charts.h"
#include "fmt/jsonio.h"
#include "gprun.h"
#include "rsec.h"
#include "util/xalloc.h"

/* Finding windows shaded per host at most. */
#define MAX_WINDOWS 30
/* Series per runs chart at most. */
#define MAX_GROUPS 12

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

/* A JSON number, NaN when it is null or absent. */
static double
jnum(const json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : NAN;
}

struct ctx {
	json_t *doc;
	const struct charts_in *ci;
	const char *dir;
	struct gprun *runs;
	size_t nruns;
};

/* A chart base (kind, section) for gnuplot, its script given by
 * gp_script; the chart is added to the document when it is drawn. */
static struct gprun *
gp_new(struct ctx *c, const char *base, int height)
{
	struct gprun *g;
	char *path;

	c->runs = xreallocarray(c->runs, c->nruns + 1, sizeof *c->runs);
	g = &c->runs[c->nruns++];
	memset(g, 0, sizeof *g);
	g->file = xstrdup(base);
	gprun_str(g, c->ci->plots, "plotdir");
	gprun_num(g, "interactive", c->ci->interactive);
	gprun_num(g, "height", height);
	/* The directory is the user's -o: a string literal like any text. */
	path = xasprintf("%s/%s.svg", c->dir, base);
	gprun_str(g, path, "svgout");
	free(path);
	path = xasprintf("%s/%s.png", c->dir, base);
	gprun_str(g, path, "pngout");
	free(path);
	return g;
}

static void
gp_script(struct gprun *g, const struct ctx *c, const char *script)
{
	g->script = xasprintf("%s/%s", c->ci->plots, script);
}

/* Records the chart in the document and its section. */
static void
add_chart(struct ctx *c, const char *base, const char *kind,
    const char *section, const char *title, const char *shows,
    const char *x, const char *const *y, size_t ny, json_t *hosts)
{
	json_t *o, *p, *ya = json_array(), *sec, *t;
	char *svg = xasprintf("%s.svg", base), *png = xasprintf("%s.png",
	    base);
	size_t i;

	for (i = 0; i < ny; i++)
		json_array_append_new(ya, json_string(y[i]));
	o = json_object();
	xjsonio_set(o, "file", json_string(svg));
	xjsonio_set(o, "kind", json_string(kind));
	xjsonio_set(o, "section", json_string(section));
	xjsonio_set(o, "title", json_string(title));
	t = json_string(shows);
	xjsonio_set(o, "shows", t ? t : json_string(title));
	xjsonio_set(o, "x", json_string(x));
	xjsonio_set(o, "y", ya);
	xjsonio_set(o, "hosts", hosts);
	/* The PNG: the same chart, another file. */
	p = json_deep_copy(o);
	json_object_set_new(p, "file", json_string(png));
	json_array_append_new(json_object_get(c->doc, "charts"), o);
	json_array_append_new(json_object_get(c->doc, "charts"), p);
	if ((sec = rsec_find(c->doc, section)) != NULL)
		json_array_append_new(json_object_get(sec, "charts"),
		    json_string(svg));
	free(svg);
	free(png);
}

static FILE *
data_open(const struct ctx *c, const char *name, char **path,
    struct perr *e)
{
	FILE *fp;

	*path = xasprintf("%s/data/%s", c->dir, name);
	if ((fp = fopen(*path, "w")) == NULL)
		perr_set(e, "%s: %s", *path, strerror(errno));
	return fp;
}

static int
data_close(FILE *fp, const char *path, struct perr *e)
{
	if (ferror(fp) | fclose(fp))
		return perr_set(e, "%s: %s", path, strerror(errno));
	return 0;
}

/* A number in a data file: %.6g keeps the files small and the same for
 * the same input. */
static void
put(FILE *fp, double v)
{
	if (isnan(v))
		fputs(" NaN", fp);
	else
		fprintf(fp, " %.6g", v);
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
timeseries(struct ctx *c, const struct tspec *ts, struct perr *e)
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
	g = gp_new(c, ts->file, (int)(160 + 220 * s->nh));
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
		if (w > 1)
			snprintf(note, sizeof note, "downsampled: line = mean, "
			    "band = min to max of each %zu rows", w);
		gprun_str(g, note, "note");
	}
	for (i = 0; i < s->nh; i++) {
		const struct rhost *h = &s->h[i];
		size_t nw = 0;

		snprintf(name, sizeof name, "%s-%zu.dat", ts->file, i + 1);
		if ((fp = data_open(c, name, &path, e)) == NULL)
			return -1;
		fprintf(fp, "# time");
		for (k = 0; k < nser; k++)
			fprintf(fp, " %s_mean %s_min %s_max", ys[k], ys[k],
			    ys[k]);
		fputc('\n', fp);
		for (b = 0; b < h->ds.nb; b++) {
			fprintf(fp, "%.3f", downsample_time(&h->ds, b));
			for (k = 0; k < nser; k++) {
				put(fp, downsample_mean(&h->ds, b, idx[k]));
				put(fp, downsample_min(&h->ds, b, idx[k]));
				put(fp, downsample_max(&h->ds, b, idx[k]));
			}
			fputc('\n', fp);
		}
		if (data_close(fp, path, e) != 0)
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
	gp_script(g, c, "timeseries.gp");
	snprintf(shows, sizeof shows, "%s over time, one panel per host%s%s",
	    ts->title, h_downsampled(s) ? "; each line is the mean of a "
	    "bucket of rows, the band its minimum to maximum" : "",
	    isnan(warn) && isnan(crit) ? "" : "; dashed lines: warning and "
	    "critical levels; shaded: findings");
	add_chart(c, ts->file, "line", "samples", ts->title, shows, "time",
	    ys, nser, hosts);
	return 0;
}

/* ---- runs: distributions, history, complexity ---- */

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The groups drawn: at most MAX_GROUPS, labels as variables. */
static size_t
group_labels(struct gprun *g, const struct rruns *r)
{
	size_t i, n = r->ng < MAX_GROUPS ? r->ng : MAX_GROUPS;

	for (i = 0; i < n; i++)
		gprun_str(g, r->g[i].label, "label%zu", i + 1);
	gprun_num(g, "n", (double)n);
	return n;
}

static json_t *
no_hosts(void)
{
	return json_array();
}

static int
runs_box(struct ctx *c, struct perr *e)
{
	const struct rruns *r = c->ci->runs;
	static const char *const y[] = { "wall_s" };
	struct gprun *g = gp_new(c, "runs_box", 480);
	size_t i, j, n;
	char *path;
	FILE *fp;

	n = group_labels(g, r);
	if ((fp = data_open(c, "runs_box.dat", &path, e)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		fprintf(fp, "%s# block %zu: wall_s\n", i ? "\n\n" : "", i + 1);
		for (j = 0; j < r->g[i].n; j++) {
			put(fp, r->g[i].wall[j]);
			fputc('\n', fp);
		}
	}
	if (data_close(fp, path, e) != 0)
		return -1;
	gprun_str(g, path, "data");
	free(path);
	gprun_str(g, "Run time per command", "title");
	gprun_str(g, "wall time (s)", "ylabel");
	gp_script(g, c, "box.gp");
	add_chart(c, "runs_box", "box", "runs", "Run time per command",
	    "the distribution of each command's wall time: median, "
	    "quartiles, whiskers at 1.5 IQR, outliers as points", "name", y,
	    1, no_hosts());
	return 0;
}

static int
runs_hist(struct ctx *c, struct perr *e)
{
	const struct rruns *r = c->ci->runs;
	static const char *const y[] = { "wall_s" };
	struct gprun *g;
	size_t i, j, n, nb, total = 0, *cnt, b;
	double lo = INFINITY, hi = -INFINITY, w;
	char *path;
	FILE *fp;

	n = r->ng < MAX_GROUPS ? r->ng : MAX_GROUPS;
	for (i = 0; i < n; i++)
		for (j = 0; j < r->g[i].n; j++) {
			lo = fmin(lo, r->g[i].wall[j]);
			hi = fmax(hi, r->g[i].wall[j]);
			total++;
		}
	if (total < 2)
		return 0;
	/* Square-root rule, 5 to 40 bins on the common range. */
	nb = (size_t)ceil(sqrt((double)total));
	nb = nb < 5 ? 5 : nb > 40 ? 40 : nb;
	w = hi > lo ? (hi - lo) / (double)nb : fmax(fabs(lo) * 0.01, 1e-9);
	g = gp_new(c, "runs_hist", 420);
	group_labels(g, r);
	if ((fp = data_open(c, "runs_hist.dat", &path, e)) == NULL)
		return -1;
	cnt = xcalloc(nb, sizeof *cnt);
	for (i = 0; i < n; i++) {
		memset(cnt, 0, nb * sizeof *cnt);
		for (j = 0; j < r->g[i].n; j++) {
			b = (size_t)((r->g[i].wall[j] - lo) / w);
			cnt[b < nb ? b : nb - 1]++;
		}
		fprintf(fp, "%s# block %zu: bin centre, runs\n", i ? "\n\n" :
		    "", i + 1);
		for (b = 0; b < nb; b++)
			fprintf(fp, "%.9g %zu\n", lo + w * ((double)b + 0.5),
			    cnt[b]);
	}
	free(cnt);
	if (data_close(fp, path, e) != 0)
		return -1;
	gprun_str(g, path, "data");
	free(path);
	gprun_num(g, "width", w);
	gprun_str(g, "Run-time histogram", "title");
	gprun_str(g, "wall time (s)", "xlabel");
	gp_script(g, c, "histogram.gp");
	add_chart(c, "runs_hist", "histogram", "runs", "Run-time histogram",
	    "histograms of each command's wall time on common bins", "wall_s",
	    y, 1, no_hosts());
	return 0;
}

static int
runs_history(struct ctx *c, struct perr *e)
{
	const struct rruns *r = c->ci->runs;
	static const char *const y[] = { "wall_s" };
	struct gprun *g = gp_new(c, "runs_history", 420);
	json_t *v, *gr, *m, *cp;
	size_t i, j, n, ncp = 0, k;
	double *t;
	char *path;
	FILE *fp;

	n = group_labels(g, r);
	if ((fp = data_open(c, "runs_history.dat", &path, e)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		/* In time order: runs may come from merged files. */
		t = xcalloc(2 * r->g[i].n + 1, sizeof *t);
		for (j = 0; j < r->g[i].n; j++) {
			t[2 * j] = r->g[i].t[j];
			t[2 * j + 1] = r->g[i].wall[j];
		}
		qsort(t, r->g[i].n, 2 * sizeof *t, cmp_double);
		fprintf(fp, "%s# block %zu: time, wall_s\n", i ? "\n\n" : "",
		    i + 1);
		for (j = 0; j < r->g[i].n; j++) {
			fprintf(fp, "%.3f", t[2 * j]);
			put(fp, t[2 * j + 1]);
			fputc('\n', fp);
		}
		free(t);
	}
	if (data_close(fp, path, e) != 0)
		return -1;
	gprun_str(g, path, "data");
	free(path);
	/* Significant change points of wall_s (PELT, then E-divisive). */
	json_array_foreach(c->ci->trends, i, v)
		json_array_foreach(json_object_get(json_object_get(v, "doc"),
		    "groups"), j, gr) {
			m = json_object_get(json_object_get(json_object_get(gr,
			    "metrics"), "wall_s"), "changepoints");
			for (k = 0; k < 2; k++) {
				size_t q;

				json_array_foreach(json_object_get(m, k ?
				    "edivisive" : "pelt"), q, cp) {
					json_t *x = json_object_get(cp, "x");

					if (ncp == 20 || !json_is_true(
					    json_object_get(cp, "significant"))
					    || !json_is_number(x))
						continue;
					gprun_numf(g, json_number_value(x),
					    "cp%zu", ++ncp);
				}
			}
		}
	gprun_num(g, "ncp", (double)ncp);
	gprun_num(g, "span", r->end - r->start);
	gprun_str(g, "Run time in order, with change points", "title");
	gprun_str(g, "wall time (s)", "ylabel");
	gp_script(g, c, "history.gp");
	add_chart(c, "runs_history", "line", "trend", "Run time in order, "
	    "with change points", ncp ? "each command's wall time over time; "
	    "dashed vertical lines: significant change points" : "each "
	    "command's wall time over time (no significant change point)",
	    "time", y, 1, no_hosts());
	return 0;
}

static int
complexity(struct ctx *c, struct perr *e)
{
	static const char *const fits[] = { "O(1)", "O(log n)", "O(n)",
		"O(n log n)", "O(n^2)", "O(n^3)" };
	static const char *const y[] = { "wall_s" };
	const struct rruns *r = c->ci->runs;
	json_t *v, *x = NULL, *cx;
	const char *best;
	struct gprun *g;
	size_t i, j, k;
	char *path, *lab;
	FILE *fp;
	int fit = -1;

	json_array_foreach(c->ci->trends, i, v)
		json_array_foreach(json_object_get(json_object_get(v, "doc"),
		    "complexity"), j, cx)
			if (x == NULL && json_is_string(json_object_get(cx,
			    "best")))
				x = cx;
	if (x == NULL || r->param == NULL)
		return 0;
	best = json_string_value(json_object_get(x, "best"));
	for (k = 0; k < 6; k++)
		if (strcmp(best, fits[k]) == 0)
			fit = (int)k;
	if (fit < 0)
		return 0;
	g = gp_new(c, "complexity", 420);
	if ((fp = data_open(c, "complexity.dat", &path, e)) == NULL)
		return -1;
	fprintf(fp, "# %s wall_s\n", r->param);
	for (i = 0; i < r->ng; i++)
		for (j = 0; j < r->g[i].n; j++) {
			fprintf(fp, "%.9g", r->g[i].param[j]);
			put(fp, r->g[i].wall[j]);
			fputc('\n', fp);
		}
	if (data_close(fp, path, e) != 0)
		return -1;
	gprun_str(g, path, "data");
	free(path);
	gprun_num(g, "fit", fit);
	gprun_num(g, "coef", json_number_value(json_object_get(x, "coef")));
	lab = xasprintf("fit: %s", best);
	gprun_str(g, lab, "fitlabel");
	free(lab);
	gprun_str(g, "Run time against the parameter", "title");
	gprun_str(g, r->param, "xlabel");
	gprun_str(g, "wall time (s)", "ylabel");
	gp_script(g, c, "complexity.gp");
	add_chart(c, "complexity", "scatter", "trend", "Run time against the "
	    "parameter", "each run's wall time against the parameter, with "
	    "the best-fitting complexity curve", r->param, y, 1, no_hosts());
	return 0;
}

/* ---- functions and spans ---- */

/* Bars in the self-time chart at most. */
#define MAX_SPAN_BARS 15

static int
selftime(struct ctx *c, struct perr *e)
{
	static const char *const y[] = { "self_s" };
	const struct rruns *r = c->ci->runs;
	const struct rspan *sp;
	size_t i, n = r->nspan < MAX_SPAN_BARS ? r->nspan : MAX_SPAN_BARS;
	struct gprun *g = gp_new(c, "selftime", 140 + 26 * (int)n);
	double all = 0;
	char *path, *lab;
	FILE *fp;

	for (i = 0; i < r->nspan; i++)
		all += r->span[i].self;
	if ((fp = data_open(c, "selftime.dat", &path, e)) == NULL)
		return -1;
	fprintf(fp, "# index self_s share_pct\n");
	for (i = 0; i < n; i++) {
		sp = &r->span[i];
		fprintf(fp, "%zu", i + 1);
		put(fp, sp->self);
		put(fp, all > 0 ? 100 * sp->self / all : 0);
		fputc('\n', fp);
		lab = *sp->parent ? xasprintf("%s < %s", sp->name, sp->parent) :
		    xstrdup(sp->name);
		gprun_str(g, lab, "label%zu", i + 1);
		free(lab);
	}
	if (data_close(fp, path, e) != 0)
		return -1;
	gprun_str(g, path, "data");
	free(path);
	gprun_num(g, "n", (double)n);
	gprun_str(g, "Self time per function or span", "title");
	gprun_str(g, r->sampled ? "self time (s of CPU, sampled)" :
	    "self time (s, wall clock)", "xlabel");
	gp_script(g, c, "selftime.gp");
	add_chart(c, "selftime", "bar", "spans", "Self time per function or "
	    "span", "the time spent in each function or span itself (its "
	    "total less its children's), most first, with its share of all",
	    "self_s", y, 1, no_hosts());
	return 0;
}

/* ---- comparisons ---- */

static int
compare(struct ctx *c, struct perr *e)
{
	static const char *const y[] = { "ratio" };
	json_t *v, *cm, *ci;
	struct gprun *g = NULL;
	size_t i, j, n = 0;
	const char *verdict, *host;
	char *path = NULL, *lab;
	double thr = 0.02;
	FILE *fp = NULL;

	json_array_foreach(c->ci->trends, i, v) {
		json_t *td = json_object_get(v, "doc"), *t;

		t = json_object_get(json_object_get(td, "options"),
		    "threshold");
		if (json_is_number(t))
			thr = json_number_value(t) / 100;
		json_array_foreach(json_object_get(td, "comparisons"), j, cm) {
			if (n == MAX_GROUPS * 2)
				break;
			if (g == NULL) {
				g = gp_new(c, "compare", 460);
				if ((fp = data_open(c, "compare.dat", &path,
				    e)) == NULL)
					return -1;
				fprintf(fp, "# index ratio lo hi verdict\n");
			}
			ci = json_object_get(json_object_get(cm, "ratio"),
			    "ci");
			verdict = json_string_value(json_object_get(cm,
			    "verdict"));
			fprintf(fp, "%zu", ++n);
			put(fp, jnum(json_object_get(json_object_get(cm,
			    "ratio"), "value")));
			put(fp, jnum(json_object_get(ci, "lo")));
			put(fp, jnum(json_object_get(ci, "hi")));
			fprintf(fp, " %d\n", verdict && strcmp(verdict,
			    "regressed") == 0 ? 1 : verdict && strcmp(verdict,
			    "improved") == 0 ? -1 : 0);
			host = json_string_value(json_object_get(cm, "host"));
			lab = xasprintf("%s%s%s", host && *host ? host : "",
			    host && *host ? " " : "", json_string_value(
			    json_object_get(cm, "metric")));
			gprun_str(g, lab, "label%zu", n);
			free(lab);
		}
	}
	if (g == NULL)
		return 0;
	if (data_close(fp, path, e) != 0)
		return -1;
	gprun_str(g, path, "data");
	free(path);
	gprun_num(g, "n", (double)n);
	gprun_num(g, "thr", thr);
	gprun_str(g, "Candidate against baseline", "title");
	gp_script(g, c, "compare.gp");
	add_chart(c, "compare", "bar", "comparisons", "Candidate against "
	    "baseline", "the ratio of medians of each comparison with its 95% "
	    "interval; the band is the threshold", "metric", y, 1, no_hosts());
	return 0;
}

int
charts_draw(json_t *doc, const struct charts_in *ci, const char *dir,
    struct perr *e)
{
	struct ctx c;
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
	if (ci->runs && ci->runs->ng > 0) {
		if (runs_box(&c, e) != 0 || runs_hist(&c, e) != 0 ||
		    runs_history(&c, e) != 0 || complexity(&c, e) != 0)
			goto out;
	}
	if (ci->runs && ci->runs->nspan > 0 && selftime(&c, e) != 0)
		goto out;
	if (compare(&c, e) != 0)
		goto out;
	rc = gprun_all(c.runs, c.nruns, ci->gnuplot, dir, e);
out:
	for (i = 0; i < c.nruns; i++)
		gprun_free(&c.runs[i]);
	free(c.runs);
	return rc;
}
