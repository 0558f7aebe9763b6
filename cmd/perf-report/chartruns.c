/* chartruns.c - the report's charts of runs: box plots and histograms per
 * command, each command's history with its change points, run time
 * against a parameter with the fitted curve, self time per function, and
 * baseline against candidate. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chartruns.h"
#include "fmt/jsonio.h"
#include "rsec.h"
#include "util/xalloc.h"

/* Series per runs chart at most. */
#define MAX_GROUPS 12

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

/* " (the first 12 of 2000)" when a chart draws only drawn of total,
 * else "". */
static char *
first_of(size_t drawn, size_t total)
{
	return drawn < total ? xasprintf(" (the first %zu of %zu)", drawn,
	    total) : xstrdup("");
}

/*
 * Gives the chart its title (on the chart: gtitle, NULL for the same) and
 * note, saying so in both when it draws only the first drawn of total
 * (what: "commands"): a chart of 2,000 commands drew 12 under "each
 * command's wall time".
 */
static void
add_limited(struct chartctx *c, struct gprun *g, const char *base,
    const char *kind, const char *section, const char *title,
    const char *gtitle, const char *shows, const char *x,
    const char *const *y, size_t drawn, size_t total, const char *what)
{
	char *f = first_of(drawn, total), *t, *sh;

	t = xasprintf("%s%s", gtitle ? gtitle : title, f);
	gprun_str(g, t, "title");
	free(t);
	t = xasprintf("%s%s", title, f);
	sh = drawn < total ? xasprintf("%s; the first %zu of %zu %s, in "
	    "order of first appearance (the tables have them all)", shows,
	    drawn, total, what) : xstrdup(shows);
	chartctx_add(c, base, kind, section, t, sh, x, y, 1, no_hosts());
	free(t);
	free(sh);
	free(f);
}

static int
runs_box(struct chartctx *c, struct perr *e)
{
	const struct rruns *r = c->ci->runs;
	static const char *const y[] = { "wall_s" };
	struct gprun *g = chartctx_run(c, "runs_box", 480);
	size_t i, j, n;
	double lo = INFINITY, hi = 0;
	char *path;
	FILE *fp;

	n = group_labels(g, r);
	if ((fp = chartctx_open(c, "runs_box.dat", &path, e)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		fprintf(fp, "%s# block %zu: wall_s\n", i ? "\n\n" : "", i + 1);
		for (j = 0; j < r->g[i].n; j++) {
			chartctx_put(fp, r->g[i].wall[j]);
			fputc('\n', fp);
			hi = fmax(hi, r->g[i].wall[j]);
			lo = fmin(lo, r->g[i].wall[j]);
		}
	}
	if (chartctx_data(g, fp, path, e) != 0)
		return -1;
	/* Commands of very different speeds: on a linear axis the fast
	 * ones' boxes are lines on the floor; a log axis shows each (not
	 * with a time of 0, which it cannot place). */
	gprun_num(g, "logy", lo > 0 && isfinite(lo) && hi / lo > 30 ? 1 : 0);
	gprun_str(g, "wall time (s)", "ylabel");
	add_limited(c, g, "runs_box", "box", "runs", "Run time per command",
	    NULL, "the distribution of each command's wall time: median, "
	    "quartiles, whiskers at 1.5 IQR, outliers as points", "name", y,
	    n, r->ng, "commands");
	chartctx_script(g, c, "box.gp");
	return 0;
}

static int
runs_hist(struct chartctx *c, struct perr *e)
{
	const struct rruns *r = c->ci->runs;
	static const char *const y[] = { "wall_s" };
	struct gprun *g;
	size_t i, j, n, nb, *cnt, b, top;
	double lo, hi, w;
	char *path;
	FILE *fp;

	n = r->ng < MAX_GROUPS ? r->ng : MAX_GROUPS;
	for (i = 0, j = 0; i < n; i++)
		j += r->g[i].n;
	if (j < 2)
		return 0;
	/* A panel per command, on bins of its own: on common bins, commands
	 * of different speeds each filled one bin and showed no shape. */
	g = chartctx_run(c, "runs_hist", (int)(100 + 180 * n));
	group_labels(g, r);
	if ((fp = chartctx_open(c, "runs_hist.dat", &path, e)) == NULL)
		return -1;
	cnt = xcalloc(40, sizeof *cnt);
	for (i = 0; i < n; i++) {
		lo = INFINITY;
		hi = -INFINITY;
		for (j = 0; j < r->g[i].n; j++) {
			lo = fmin(lo, r->g[i].wall[j]);
			hi = fmax(hi, r->g[i].wall[j]);
		}
		/* Square-root rule, 5 to 40 bins. */
		nb = (size_t)ceil(sqrt((double)r->g[i].n));
		nb = nb < 5 ? 5 : nb > 40 ? 40 : nb;
		w = hi > lo ? (hi - lo) / (double)nb : fmax(fabs(lo) * 0.01,
		    1e-9);
		memset(cnt, 0, 40 * sizeof *cnt);
		for (j = 0, top = 0; j < r->g[i].n; j++) {
			b = (size_t)((r->g[i].wall[j] - lo) / w);
			b = b < nb ? b : nb - 1;
			top = ++cnt[b] > top ? cnt[b] : top;
		}
		gprun_numf(g, (double)top, "top%zu", i + 1);
		fprintf(fp, "%s# block %zu: bin centre, runs, bin width\n",
		    i ? "\n\n" : "", i + 1);
		for (b = 0; r->g[i].n > 0 && b < nb; b++)
			fprintf(fp, "%.9g %zu %.9g\n", lo + w * ((double)b +
			    0.5), cnt[b], w);
		if (r->g[i].n == 0)
			fputs("NaN NaN NaN\n", fp);
	}
	free(cnt);
	if (chartctx_data(g, fp, path, e) != 0)
		return -1;
	gprun_str(g, "wall time (s)", "xlabel");
	add_limited(c, g, "runs_hist", "histogram", "runs", "Run-time "
	    "histogram per command", NULL, "a histogram of each command's wall "
	    "time, a panel each, on bins of its own (square-root rule)",
	    "wall_s", y, n, r->ng, "commands");
	chartctx_script(g, c, "histogram.gp");
	return 0;
}

static int
runs_history(struct chartctx *c, struct perr *e)
{
	const struct rruns *r = c->ci->runs;
	static const char *const y[] = { "wall_s" };
	struct gprun *g = chartctx_run(c, "runs_history", 420);
	json_t *v, *gr, *m, *cp;
	size_t i, j, n, ncp = 0, k;
	double *t;
	char *path;
	FILE *fp;

	n = group_labels(g, r);
	if ((fp = chartctx_open(c, "runs_history.dat", &path, e)) == NULL)
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
			chartctx_put(fp, t[2 * j + 1]);
			fputc('\n', fp);
		}
		free(t);
	}
	if (chartctx_data(g, fp, path, e) != 0)
		return -1;
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
	gprun_str(g, "wall time (s)", "ylabel");
	add_limited(c, g, "runs_history", "line", "trend", "Run time in order, "
	    "with change points", NULL, ncp ? "each command's wall time over time; "
	    "dashed vertical lines: significant change points" : "each "
	    "command's wall time over time (no significant change point)",
	    "time", y, n, r->ng, "commands");
	chartctx_script(g, c, "history.gp");
	return 0;
}

static int
complexity(struct chartctx *c, struct perr *e)
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
	g = chartctx_run(c, "complexity", 420);
	if ((fp = chartctx_open(c, "complexity.dat", &path, e)) == NULL)
		return -1;
	fprintf(fp, "# %s wall_s\n", r->param);
	for (i = 0; i < r->ng; i++)
		for (j = 0; j < r->g[i].n; j++) {
			fprintf(fp, "%.9g", r->g[i].param[j]);
			chartctx_put(fp, r->g[i].wall[j]);
			fputc('\n', fp);
		}
	if (chartctx_data(g, fp, path, e) != 0)
		return -1;
	gprun_num(g, "fit", fit);
	gprun_num(g, "coef", json_number_value(json_object_get(x, "coef")));
	lab = xasprintf("fit: %s", best);
	gprun_str(g, lab, "fitlabel");
	free(lab);
	gprun_str(g, "Run time against the parameter", "title");
	gprun_str(g, r->param, "xlabel");
	gprun_str(g, "wall time (s)", "ylabel");
	chartctx_script(g, c, "complexity.gp");
	chartctx_add(c, "complexity", "scatter", "trend", "Run time against the "
	    "parameter", "each run's wall time against the parameter, with "
	    "the best-fitting complexity curve", r->param, y, 1, no_hosts());
	return 0;
}

/* ---- functions and spans ---- */

/* Bars in the self-time chart at most. */
#define MAX_SPAN_BARS 15

static int
selftime(struct chartctx *c, struct perr *e)
{
	static const char *const y[] = { "self_s" };
	const struct rruns *r = c->ci->runs;
	const struct rspan *sp;
	size_t i, n = r->nspan < MAX_SPAN_BARS ? r->nspan : MAX_SPAN_BARS;
	struct gprun *g = chartctx_run(c, "selftime", 140 + 26 * (int)n);
	double all = 0;
	char *path, *lab;
	FILE *fp;

	for (i = 0; i < r->nspan; i++)
		all += r->span[i].self;
	if ((fp = chartctx_open(c, "selftime.dat", &path, e)) == NULL)
		return -1;
	fprintf(fp, "# index self_s share_pct\n");
	for (i = 0; i < n; i++) {
		sp = &r->span[i];
		fprintf(fp, "%zu", i + 1);
		chartctx_put(fp, sp->self);
		chartctx_put(fp, all > 0 ? 100 * sp->self / all : 0);
		fputc('\n', fp);
		lab = *sp->parent ? xasprintf("%s < %s", sp->name, sp->parent) :
		    xstrdup(sp->name);
		gprun_str(g, lab, "label%zu", i + 1);
		free(lab);
	}
	if (chartctx_data(g, fp, path, e) != 0)
		return -1;
	gprun_num(g, "n", (double)n);
	gprun_str(g, "Self time per function or span", "title");
	gprun_str(g, r->sampled ? "self time (s of CPU, sampled)" :
	    "self time (s, wall clock)", "xlabel");
	chartctx_script(g, c, "selftime.gp");
	chartctx_add(c, "selftime", "bar", "spans", "Self time per function or "
	    "span", "the time spent in each function or span itself (its "
	    "total less its children's), most first, with its share of all",
	    "self_s", y, 1, no_hosts());
	return 0;
}

/* ---- comparisons ---- */

/* "name: A (baseline) against B" from perf-trend's options: --compare
 * COL=A,B (one comma: perf-trend refuses more), else the baseline file;
 * NULL when neither is there. */
static char *
compared(json_t *o)
{
	const char *c = rsec_text(o, "compare"), *eq, *comma;

	if (c && (eq = strchr(c, '=')) != NULL &&
	    (comma = strchr(eq, ',')) != NULL)
		return xasprintf("%.*s: %.*s (baseline) against %s",
		    (int)(eq - c), c, (int)(comma - eq - 1), eq + 1, comma + 1);
	if (rsec_text(o, "baseline"))
		return xasprintf("baseline %s", rsec_text(o, "baseline"));
	return NULL;
}

static int
compare(struct chartctx *c, struct perr *e)
{
	static const char *const y[] = { "ratio" };
	json_t *v, *cm, *ci;
	struct gprun *g = NULL;
	size_t i, j, n = 0, total = 0;
	const char *verdict;
	char *path = NULL, *lab, *grp, *what = NULL, *title;
	json_t *o;
	double thr = 0.02;
	FILE *fp = NULL;

	json_array_foreach(c->ci->trends, i, v) {
		json_t *td = json_object_get(v, "doc"), *t;

		t = json_object_get(json_object_get(td, "options"),
		    "threshold");
		if (json_is_number(t))
			thr = json_number_value(t) / 100;
		total += json_array_size(json_object_get(td, "comparisons"));
		json_array_foreach(json_object_get(td, "comparisons"), j, cm) {
			if (n == MAX_GROUPS * 2)
				break;
			if (g == NULL) {
				g = chartctx_run(c, "compare", 460);
				if ((fp = chartctx_open(c, "compare.dat", &path,
				    e)) == NULL) {
					free(what);
					return -1;
				}
				fprintf(fp, "# index ratio lo hi verdict\n");
			}
			ci = json_object_get(json_object_get(cm, "ratio"),
			    "ci");
			verdict = json_string_value(json_object_get(cm,
			    "verdict"));
			fprintf(fp, "%zu", ++n);
			chartctx_put(fp, chartctx_num(json_object_get(json_object_get(cm,
			    "ratio"), "value")));
			chartctx_put(fp, chartctx_num(json_object_get(ci, "lo")));
			chartctx_put(fp, chartctx_num(json_object_get(ci, "hi")));
			fprintf(fp, " %d\n", verdict && strcmp(verdict,
			    "regressed") == 0 ? 1 : verdict && strcmp(verdict,
			    "improved") == 0 ? -1 : 0);
			/* The group as the text names it (its keys, a
			 * commit= label included), then the metric. */
			grp = rsec_group_label(cm);
			lab = xasprintf("%s %s", grp, json_string_value(
			    json_object_get(cm, "metric")));
			gprun_str(g, lab, "label%zu", n);
			free(grp);
			free(lab);
		}
		/* What was compared with what, for the title. */
		o = json_object_get(td, "options");
		if (json_array_size(json_object_get(td, "comparisons")) > 0 &&
		    what == NULL)
			what = compared(o);
	}
	if (g == NULL) {
		free(what);
		return 0;
	}
	if (chartctx_data(g, fp, path, e) != 0) {
		free(what);
		return -1;
	}
	gprun_num(g, "n", (double)n);
	gprun_num(g, "thr", thr);
	title = what ? xasprintf("Candidate against baseline: %s", what) :
	    xstrdup("Candidate against baseline");
	add_limited(c, g, "compare", "bar", "comparisons", "Candidate against "
	    "baseline", title, "the ratio of medians of each comparison with its 95% interval; the band is "
	    "the threshold", "metric", y, n, total, "comparisons");
	free(title);
	free(what);
	chartctx_script(g, c, "compare.gp");
	return 0;
}

int
chartruns_draw(struct chartctx *c, struct perr *e)
{
	const struct rruns *r = c->ci->runs;

	if (r && r->ng > 0 && (runs_box(c, e) != 0 || runs_hist(c, e) != 0 ||
	    runs_history(c, e) != 0 || complexity(c, e) != 0))
		return -1;
	if (r && r->nspan > 0 && selftime(c, e) != 0)
		return -1;
	return compare(c, e);
}
