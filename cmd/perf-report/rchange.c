/* rchange.c - the report's sections of change: baseline against
 * candidate, and trends, forecasts, change points and complexity fits
 * (perf-trend). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rchange.h"
#include "rsec.h"

/* ---- comparisons ---- */

/* Says what the comparisons of trend input v were made by. */
static void
compared_by(json_t *sec, json_t *v, json_t *td)
{
	json_t *o = json_object_get(td, "options");
	const char *label = rsec_text(v, "label");

	if (rsec_text(o, "compare"))
		rsec_line(sec, "%s: baseline and candidate by %s", label,
		    rsec_text(o, "compare"));
	else if (rsec_text(o, "baseline"))
		rsec_line(sec, "%s: baseline %s", label,
		    rsec_text(o, "baseline"));
}

/* One comparison c: its row in t, and a line when it has a verdict that
 * matters.  Returns 1 for a regression. */
static int
comparison(json_t *sec, json_t *t, json_t *c)
{
	json_t *ratio = json_object_get(c, "ratio");
	json_t *ci = json_object_get(ratio, "ci");
	const char *verdict = rsec_text(c, "verdict");
	const char *metric = rsec_text(c, "metric");
	const char *why = json_string_value(json_array_get(json_object_get(c,
	    "notes"), 0));
	char *lab = rsec_group_label(c);
	int regressed = verdict && strcmp(verdict, "regressed") == 0;

	rsec_row(t, "ssnnnnnns", lab, metric,
	    rsec_num(json_object_get(c, "baseline"), "median"),
	    rsec_num(json_object_get(c, "candidate"), "median"),
	    rsec_num(c, "change_pct"), rsec_num(ci, "lo"),
	    rsec_num(ci, "hi"),
	    rsec_num(json_object_get(c, "mann_whitney"), "p_holm"), verdict);
	if (!regressed && !(verdict && strcmp(verdict, "improved") == 0))
		;
	else if (isnan(rsec_num(c, "change_pct")))
		/* No ratio (a baseline median of 0): the medians, and
		 * perf-trend's reason. */
		rsec_line(sec, "%s: %s %s: median %.4g to %.4g (%s)", verdict,
		    lab, metric, rsec_num(json_object_get(c, "baseline"),
		    "median"), rsec_num(json_object_get(c, "candidate"),
		    "median"), why ? why : "no ratio of medians");
	else if (regressed)
		rsec_line(sec, "regressed: %s %s %+.1f%% (ratio of medians "
		    "%.4g, 95%% interval %.4g to %.4g)", lab, metric,
		    rsec_num(c, "change_pct"), rsec_num(ratio, "value"),
		    rsec_num(ci, "lo"), rsec_num(ci, "hi"));
	else
		rsec_line(sec, "improved: %s %s %+.1f%%", lab, metric,
		    rsec_num(c, "change_pct"));
	free(lab);
	return regressed;
}

/* The runs a comparison's sides left out (perf-trend's note), said once
 * for a group: its comparisons come one after the other (*prev: the
 * last group said, freed by the caller); and why a verdict they made
 * inconclusive is. */
static void
left_out(json_t *sec, json_t *c, char **prev)
{
	json_t *x;
	char *lab = rsec_group_label(c);
	size_t i;

	json_array_foreach(json_object_get(c, "notes"), i, x) {
		if (!json_is_string(x))
			continue;
		if (strncmp(json_string_value(x), "runs left out", 13) == 0 &&
		    (*prev == NULL || strcmp(*prev, lab) != 0))
			rsec_line(sec, "%s: %s", lab, json_string_value(x));
		/* Why a verdict is inconclusive, by metric. */
		if (strncmp(json_string_value(x), "inconclusive:", 13) == 0)
			rsec_line(sec, "%s %s: %s", lab, rsec_text(c, "metric"),
			    json_string_value(x));
	}
	free(*prev);
	*prev = lab;
}

long
rchange_comparisons(json_t *doc, json_t *summary_lines,
    const struct rdoc_in *ri, int *any)
{
	json_t *sec = rsec_new(doc, "comparisons",
	    "Baseline against candidate"), *v, *td, *c, *t;
	size_t i, j;
	long regressions = 0, n = 0;
	char *prev = NULL;	/* the last group whose runs left out were said */

	t = rsec_table("comparisons (medians; change in % of the baseline's; "
	    "ratio of medians with its 95% bootstrap interval; p: "
	    "Mann-Whitney, Holm-adjusted)", "group:s:,metric:s:,baseline:n:,"
	    "candidate:n:,change_pct:n:pct,ratio_lo:n:,ratio_hi:n:,p:n:,"
	    "verdict:s:");
	json_array_foreach(ri->trends, i, v) {
		td = json_object_get(v, "doc");
		if (json_array_size(json_object_get(td, "comparisons")) == 0)
			continue;
		rsec_sources(sec, v);
		compared_by(sec, v, td);
		json_array_foreach(json_object_get(td, "comparisons"), j, c) {
			regressions += comparison(sec, t, c);
			n++;
			left_out(sec, c, &prev);
		}
	}
	free(prev);
	rsec_addtable(sec, t);
	*any = n > 0;
	if (n)
		rsec_linea(summary_lines, "comparisons: %ld regressed of "
		    "%ld", regressions, n);
	return regressions;
}

/* ---- trends, forecasts, change points, complexity ---- */

/* The tables of the trends section and what it counts. */
struct trendtabs {
	json_t *trend, *forecast, *change;
	int rising, tested, untested;
};

/* A metric's trend: a row when it is significant, and its forecast. */
static void
trend_rows(struct trendtabs *tt, const char *lab, const char *metric,
    json_t *tr)
{
	const char *dir = rsec_text(tr, "direction"), *x = rsec_text(tr, "x");
	json_t *ts = json_object_get(tr, "theil_sen");
	json_t *ci = json_object_get(ts, "slope_ci");
	json_t *fc = json_object_get(tr, "forecast");
	/* Slopes of time series per hour. */
	double f = x && strcmp(x, "time") == 0 ? 3600 : 1;

	if (tr == NULL)
		return;
	/* No direction: too few points to test. */
	if (dir == NULL)
		tt->untested++;
	else
		tt->tested++;
	if (dir && strcmp(dir, "flat") != 0) {
		tt->rising++;
		rsec_row(tt->trend, "sssnnn", lab, metric, dir,
		    rsec_num(ts, "slope") * f, rsec_num(ci, "lo") * f,
		    rsec_num(ci, "hi") * f);
	}
	if (json_is_object(fc))
		rsec_row(tt->forecast, "ssnss", lab, metric,
		    rsec_num(fc, "threshold"), rsec_text(fc, "status"),
		    rsec_text(fc, "text"));
}

/* A metric's change points, both methods'. */
static void
change_rows(struct trendtabs *tt, const char *lab, const char *metric,
    json_t *cps)
{
	static const char *const meth[] = { "edivisive", "pelt" };
	static const char *const name[] = { "E-divisive", "PELT" };
	const char *at;
	json_t *cp;
	size_t k, q;
	char a[32];

	for (k = 0; k < 2; k++)
		json_array_foreach(json_object_get(cps, meth[k]), q, cp) {
			if ((at = rsec_text(cp, "label")) == NULL)
				at = rdoc_time(rsec_num(cp, "x"), a, sizeof a);
			rsec_row(tt->change, "ssssnnnns", lab, metric,
			    name[k], at, rsec_num(cp, "mean_before"),
			    rsec_num(cp, "mean_after"),
			    rsec_num(cp, "change_pct"), rsec_num(cp, "p"),
			    json_is_true(json_object_get(cp, "significant")) ?
			    "yes" : "no");
		}
}

/* The complexity fits of trend document td, as a table of sec. */
static void
complexity(json_t *sec, json_t *td)
{
	json_t *xt = rsec_table("complexity (best fit by normalised RMS)",
	    "group:s:,metric:s:,param:s:,best:s:,coef:n:,r2:n:"), *g;
	const char *best;
	size_t j;
	char *lab;

	json_array_foreach(json_object_get(td, "complexity"), j, g) {
		lab = rsec_group_label(g);
		best = rsec_text(g, "best");
		rsec_row(xt, "ssssnn", lab, rsec_text(g, "metric"),
		    rsec_text(g, "param"), best ? best : "none",
		    rsec_num(g, "coef"), rsec_num(g, "r2"));
		free(lab);
	}
	rsec_addtable(sec, xt);
	if ((best = rsec_text(td, "complexity_skipped")) != NULL)
		rsec_line(sec, "complexity: not fitted: %s", best);
}

void
rchange_trends(json_t *doc, const struct rdoc_in *ri)
{
	json_t *sec = rsec_new(doc, "trend",
	    "Trends, forecasts and change points"), *v, *td, *g, *m;
	struct trendtabs tt = { 0 };
	const char *metric;
	size_t i, j;
	char *lab;

	tt.trend = rsec_table("significant trends (Theil-Sen slope per hour, "
	    "95% interval)", "group:s:,metric:s:,direction:s:,slope_per_h:n:,"
	    "slope_lo:n:,slope_hi:n:");
	tt.forecast = rsec_table("forecasts", "group:s:,metric:s:,"
	    "threshold:n:,status:s:,when:s:");
	tt.change = rsec_table("change points", "group:s:,metric:s:,"
	    "method:s:,at:s:,before:n:,after:n:,change_pct:n:pct,p:n:,"
	    "significant:s:");
	json_array_foreach(ri->trends, i, v) {
		td = json_object_get(v, "doc");
		rsec_sources(sec, v);
		json_array_foreach(json_object_get(td, "groups"), j, g) {
			lab = rsec_group_label(g);
			json_object_foreach(json_object_get(g, "metrics"),
			    metric, m) {
				trend_rows(&tt, lab, metric,
				    json_object_get(m, "trend"));
				change_rows(&tt, lab, metric,
				    json_object_get(m, "changepoints"));
			}
			free(lab);
		}
		complexity(sec, td);
	}
	if (tt.tested > 0)
		rsec_line(sec, "%d of %d series with a significant trend; the "
		    "others are flat at 95%%", tt.rising, tt.tested);
	if (tt.untested > 0)
		rsec_line(sec, "%d series too short to test for a trend (3 "
		    "points at least)", tt.untested);
	rsec_addtable(sec, tt.trend);
	rsec_addtable(sec, tt.forecast);
	rsec_addtable(sec, tt.change);
}
