/* trendtext.c - a trend document as aligned text tables (trendtext_write):
 * one table per section, text columns left-aligned, numbers right, four
 * significant digits, "-" for unknown; or the same tables and notes as
 * GitHub-flavoured Markdown for a CI job summary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/num.h"
#include "trendfmt.h"
#include "texttable.h"
#include "trendcell.h"
#include "trendtext.h"
#include "util/strtab.h"
#include "util/xalloc.h"

static void
describe(struct table *t, const char *label, const char *name,
    const json_t *m)
{
	const json_t *o = json_object_get(m, "outliers");
	long long mild = json_integer_value(json_object_get(o, "mild"));
	long long severe = json_integer_value(json_object_get(o, "severe"));

	table_row(t, xstrdup(label), xstrdup(name), cell_num(cell_get(m, "n")),
	    cell_num(cell_get(m, "missing")), cell_num(cell_get(m, "mean")),
	    cell_pm(m, "mean_ci", "mean"), cell_num(cell_get(m, "sd")), cell_num(cell_get(m, "median")),
	    cell_num(cell_get(m, "p95")), cell_num(cell_get(m, "min")), cell_num(cell_get(m, "max")),
	    json_is_integer(json_object_get(o, "mild")) ?
	    xasprintf("%lld+%lld", mild, severe) : xstrdup("-"),
	    strcmp(json_string_value(cell_get(m, "quantiles")), "exact") ?
	    cell_sketched(m) : xstrdup("exact"));
}

/* The change points of every series that has some. */
/* The key columns of doc, "host, name, commit" (a static buffer). */
static const char *
keylist(const json_t *doc)
{
	static char buf[512];
	const json_t *k;
	size_t i, at = 0;

	buf[0] = '\0';
	json_array_foreach(json_object_get(json_object_get(doc, "columns"),
	    "key"), i, k)
		if (at < sizeof buf)
			at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s",
			    i ? ", " : "", json_string_value(k));
	return buf[0] ? buf : "none";
}

/* "; K more too short to test" (a static buffer). */
static const char *
shortnote(size_t shorts)
{
	static char buf[64];

	snprintf(buf, sizeof buf, "; %zu more too short to test", shorts);
	return buf;
}

/*
 * What the groups give the text, gathered in one pass over them: each
 * group made, read and freed in turn (the tables keep their cells only;
 * 200,000 groups held as JSON took gigabytes).
 */
struct gathered {
	struct table desc, trend, cp;
	char **notes;		/* runs left out of a group's statistics */
	size_t nnotes;
	size_t flat, untested;	/* trends not shown */
	int anytrend, thinned;
	size_t series, groups, shorts, most;	/* change points tried */
	int anycp;
	/* The labels given so far: a text label leaves out the command a
	 * name names, and two groups of one name and two commands would
	 * read the same; the second is labelled whole. */
	struct strtab seen;
};

/* A group's change points, and what was tried, into gt. */
static void
gather_changes(struct gathered *gt, const json_t *g, const char *label)
{
	static const char *const methods[] = { "edivisive", "pelt" };
	const json_t *m, *cp, *p;
	const char *name;
	size_t j, k, n;
	int tested = 0;

	json_object_foreach(json_object_get(g, "metrics"), name, m) {
		if ((cp = json_object_get(m, "changepoints")) == NULL)
			continue;
		gt->series++;
		tested = 1;
		/* Too short to split in two of min_size each. */
		n = (size_t)json_number_value(cell_get(cp, "n"));
		gt->most = n > gt->most ? n : gt->most;
		gt->shorts += n < 2 * (size_t)json_number_value(cell_get(cp,
		    "min_size"));
		for (k = 0; k < 2; k++)
			json_array_foreach(json_object_get(cp, methods[k]), j,
			    p) {
				gt->anycp = 1;
				table_row(&gt->cp, xstrdup(label), xstrdup(name),
				    xstrdup(methods[k]), cell_num(cell_get(p, "index")),
				    cell_num(cell_get(p, "x")), cell_str(cell_get(p, "label")),
				    cell_num(cell_get(p, "mean_before")),
				    cell_num(cell_get(p, "mean_after")),
				    cell_num(cell_get(p, "change_pct")), cell_pval(p, k == 0 ?
				    cell_get(cp, "p_min") : NULL, cell_get(p,
				    "significant")));
			}
	}
	gt->groups += tested;
}

static void
print_changes(struct gathered *gt, const json_t *doc, FILE *fp, int *rv)
{
	if (!gt->anycp) {
		table_discard(&gt->cp);
		/* Asked for and none found: say so, and what was tested;
		 * when nothing could be, why, and what to do. */
		if (gt->series > 0 && gt->shorts == gt->series)
			table_note(fp, 1, "change points: none tested: each of "
			    "the %zu series has too few values (at most %zu); "
			    "the key columns (%s) may split a history into "
			    "groups of a few rows: --by with fewer keys joins "
			    "them", gt->series, gt->most, keylist(doc));
		else if (gt->series > 0)
			table_note(fp, 1, "change points: none found (E-divisive "
			    "and PELT, %zu series in %zu group%s%s)",
			    gt->series - gt->shorts, gt->groups,
			    gt->groups == 1 ? "" : "s",
			    gt->shorts ? shortnote(gt->shorts) : "");
		return;
	}
	table_quiet(&gt->cp, 5, "-");		/* label: no label column */
	putc('\n', fp);
	*rv |= table_print(&gt->cp, "# change points (index: first value after the "
	    "change, in row order; n.s.: not significant, Holm)", fp);
}

static void
complexity(const json_t *doc, FILE *fp, int *rv)
{
	struct table t = { 0 };
	const json_t *c, *note, *ru;
	size_t i;
	char *label, buf[NUM_BUFSZ], buf2[NUM_BUFSZ];

	if ((note = json_object_get(doc, "complexity_skipped")) != NULL) {
		putc('\n', fp);
		if (fprintf(fp, "# complexity: not fitted: %s\n",
		    json_string_value(note)) < 0)
			*rv = -1;
	}
	if (json_array_size(json_object_get(doc, "complexity")) == 0)
		return;
	t.ncol = 8;
	t.nleft = 3;
	table_row(&t, xstrdup("group"), xstrdup("metric"), xstrdup("best"),
	    xstrdup("param"), xstrdup("n"), xstrdup("coef"), xstrdup("nrms"),
	    xstrdup("r2"));
	json_array_foreach(json_object_get(doc, "complexity"), i, c)
		table_row(&t, trendfmt_label(c, 1), cell_str(cell_get(c, "metric")),
		    cell_str(cell_get(c, "best")), cell_str(cell_get(c, "param")), cell_num(cell_get(c, "n")),
		    cell_num(cell_get(c, "coef")), cell_num(cell_get(c, "nrms")), cell_num(cell_get(c, "r2")));
	putc('\n', fp);
	*rv |= table_print(&t, "# complexity (metric = coef * f(param), least "
	    "squares through the origin)", fp);
	/* Every "-" with its reason, every close call said. */
	json_array_foreach(json_object_get(doc, "complexity"), i, c) {
		note = json_object_get(c, "note");
		ru = json_object_get(c, "runner_up");
		if (!json_is_string(note) && !json_is_object(ru))
			continue;
		label = trendfmt_label(c, 1);
		if (json_is_string(note))
			table_note(fp, 0, "%s %s: no fit: %s", label,
			    json_string_value(json_object_get(c, "metric")),
			    json_string_value(note));
		else
			table_note(fp, 0, "%s %s: %s fits almost as well (nrms %s "
			    "against %s): the class is not certain", label,
			    json_string_value(json_object_get(c, "metric")),
			    json_string_value(json_object_get(ru, "class")),
			    cell_fmt(buf, json_object_get(ru, "nrms")),
			    cell_fmt(buf2, json_object_get(c, "nrms")));
		free(label);
	}
}

/* Runs left out of group g's statistics (label), to be said under the
 * table; NULL when none. */
static char *
excluded(const json_t *g, const char *label)
{
	const json_t *x = json_object_get(g, "excluded");
	json_int_t to, fail;

	if (x == NULL)
		return NULL;
	to = json_integer_value(json_object_get(x, "timed_out"));
	fail = json_integer_value(json_object_get(x, "failed"));
	return xasprintf("%s: left out of the statistics: %lld timed-out "
	    "run%s (censored: only a lower bound), %lld failed run%s%s", label,
	    (long long)to, to == 1 ? "" : "s", (long long)fail,
	    fail == 1 ? "" : "s", fail ? " (--include-failed keeps them)" : "");
}

/* The value of key k of an unmatched group u (host is beside keys). */
static const char *
keyval(const json_t *u, const char *k)
{
	const json_t *v = strcmp(k, "host") == 0 ? json_object_get(u, "host") :
	    json_object_get(json_object_get(u, "keys"), k);

	return json_is_string(v) ? json_string_value(v) : "";
}

/* Appends s to the list in buf (of size len), after sep unless first. */
static void
append(char *buf, size_t len, const char *sep, const char *s)
{
	size_t n = strlen(buf);

	snprintf(buf + n, len - n, "%s%s", n ? sep : "", s);
}

/*
 * Nothing compared, groups on both sides: the keys in which the first of
 * each side differ, and the --by that would match them (a key left in the
 * groups, such as name when commands are compared with -c command=A,B,
 * keeps the two sides apart).
 */
static void
match_hint(const json_t *doc, FILE *fp)
{
	const json_t *u, *b = NULL, *k = NULL, *key;
	char differ[512] = "", same[512] = "";
	const char *side, *name, *cmp;
	size_t i;

	json_array_foreach(json_object_get(doc, "unmatched"), i, u) {
		side = json_string_value(json_object_get(u, "only_in"));
		if (side && strcmp(side, "baseline") == 0 && b == NULL)
			b = u;
		else if (side && strcmp(side, "candidate") == 0 && k == NULL)
			k = u;
	}
	if (b == NULL || k == NULL)
		return;
	cmp = json_string_value(cell_get(doc, "options.compare"));
	json_array_foreach(json_object_get(json_object_get(doc, "columns"),
	    "key"), i, key) {
		name = json_string_value(key);
		/* The column compared on is no key of the groups. */
		if (cmp && strncmp(cmp, name, strlen(name)) == 0 &&
		    cmp[strlen(name)] == '=')
			continue;
		if (strcmp(keyval(b, name), keyval(k, name)) != 0)
			append(differ, sizeof differ, ", ", name);
		else
			append(same, sizeof same, ",", name);
	}
	if (differ[0] == '\0')
		return;
	if (same[0] != '\0')
		table_note(fp, 0, "nothing compared: the two sides' groups differ "
		    "in %s; --by %s matches them", differ, same);
	else
		table_note(fp, 0, "nothing compared: the two sides' groups differ "
		    "in %s, every key", differ);
}

/* Group g's rows and notes into gt. */
static void
gather(struct gathered *gt, const json_t *g)
{
	const json_t *m, *x;
	const char *name, *dir;
	char *label = trendfmt_label(g, 1), *note;
	int added;

	strtab_add(&gt->seen, label, strlen(label), &added);
	if (!added) {
		free(label);
		label = trendfmt_label(g, 0);
	}

	json_object_foreach(json_object_get(g, "metrics"), name, m)
		describe(&gt->desc, label, name, m);
	if ((note = excluded(g, label)) != NULL) {
		gt->notes = xreallocarray(gt->notes, gt->nnotes + 1,
		    sizeof *gt->notes);
		gt->notes[gt->nnotes++] = note;
	}
	json_object_foreach(json_object_get(g, "metrics"), name, m) {
		if ((x = json_object_get(m, "trend")) == NULL)
			continue;
		dir = json_string_value(cell_get(x, "direction"));
		if (cell_get(x, "forecast") == NULL && dir == NULL) {
			gt->untested++;
			continue;
		}
		if (cell_get(x, "forecast") == NULL && strcmp(dir, "flat") == 0) {
			gt->flat++;
			continue;
		}
		gt->anytrend = 1;
		gt->thinned |= json_is_false(cell_get(x, "theil_sen.exact"));
		table_row(&gt->trend, xstrdup(label), xstrdup(name), cell_str(cell_get(x, "x")),
		    cell_num(cell_get(x, "ols.slope")), cell_ci(x, "ols.slope_ci"),
		    cell_num(cell_get(x, "theil_sen.slope")), cell_ci(x, "theil_sen.slope_ci"),
		    cell_str(cell_get(x, "direction")), cell_str(cell_get(x, "forecast.text")));
	}
	gather_changes(gt, g, label);
	free(label);
}

int
trendtext_write(const json_t *doc, const struct trendfmt_groups *gs,
    FILE *fp, int md, int wide)
{
	struct gathered gt;
	struct table t = { 0 };
	const json_t *c, *x;
	json_t *g;
	char *label, *prev;
	size_t i, j, nexact, napprox;
	int rv = 0, any, dash, got = 0;

	table_mode(md, wide);
	if (md)
		fputs("## perf-trend\n\n", fp);
	memset(&gt, 0, sizeof gt);
	gt.desc.ncol = 13;
	gt.desc.nleft = 2;
	table_row(&gt.desc, xstrdup("group"), xstrdup("metric"), xstrdup("n"),
	    xstrdup("missing"), xstrdup("mean"), cell_conf(doc), xstrdup("sd"),
	    xstrdup("median"), xstrdup("p95"), xstrdup("min"), xstrdup("max"),
	    xstrdup("outliers"), xstrdup("quantiles"));
	gt.trend.ncol = 9;
	gt.trend.nleft = 3;
	table_row(&gt.trend, xstrdup("group"), xstrdup("metric"), xstrdup("x"),
	    xstrdup("ols_slope"), xstrdup("ols_ci"), xstrdup("theil_sen"),
	    xstrdup("ts_ci"), xstrdup("direction"), xstrdup("forecast"));
	gt.cp.ncol = 10;
	gt.cp.nleft = 3;
	table_row(&gt.cp, xstrdup("group"), xstrdup("metric"), xstrdup("method"),
	    xstrdup("index"), xstrdup("x"), xstrdup("label"), xstrdup("before"),
	    xstrdup("after"), xstrdup("change%"), xstrdup("p"));
	if (gs == NULL)		/* the document holds them */
		json_array_foreach(json_object_get(doc, "groups"), i, c)
			gather(&gt, c);
	for (i = 0; gs != NULL && (got = gs->make(gs->ctx, i, &g)) > 0; i++) {
		gather(&gt, g);
		json_decref(g);
	}
	if (got < 0) {
		/* The writing stops: nothing of a part is written. */
		table_discard(&gt.desc);
		table_discard(&gt.trend);
		table_discard(&gt.cp);
		for (i = 0; i < gt.nnotes; i++)
			free(gt.notes[i]);
		free(gt.notes);
		strtab_free(&gt.seen);
		return -1;
	}

	table_quiet(&gt.desc, 3, "0");	/* missing */
	table_quiet(&gt.desc, 12, "exact");	/* quantiles */
	for (i = 4, dash = 0; i < 12; i++)
		dash |= table_dashes(&gt.desc, i);
	rv |= table_print(&gt.desc, gt.desc.hide[12] ? "# descriptive (quantiles "
	    "exact, R type 7; outliers Tukey mild+severe; p5, p99 in -f json "
	    "or csv)" : "# descriptive (quantiles R type 7, or sketched within "
	    "the bound shown; p5, p99, bounds in -f json)", fp);
	if (dash)
		table_note(fp, 0, "-: no value (n=0), or not defined (sd and "
		    "±95%% need 2 values, ±95%% a mean other than 0)");
	for (i = 0; i < gt.nnotes; i++) {
		table_note(fp, 0, "%s", gt.notes[i]);
		free(gt.notes[i]);
	}
	free(gt.notes);

	if (gt.anytrend) {
		table_quiet(&gt.trend, 8, "-");	/* forecast: none asked */
		putc('\n', fp);
		rv |= table_print(&gt.trend, "# trend (slope per unit of x; direction "
		    "only when significant)", fp);
		if (gt.thinned)
			table_note(fp, 0, "theil_sen: on series over 512 values, "
			    "fitted on every k-th value, an estimate (-f json "
			    "says which)");
	} else
		table_discard(&gt.trend);
	if (gt.flat)
		table_note(fp, !gt.anytrend, "%zu series with no significant trend",
		    gt.flat);
	if (gt.untested)
		table_note(fp, !(gt.anytrend || gt.flat), "%zu series too short to "
		    "test for a trend (fewer than 3 values with an x)",
		    gt.untested);

	strtab_free(&gt.seen);
	print_changes(&gt, doc, fp, &rv);
	complexity(doc, fp, &rv);

	t.ncol = 8;
	t.nleft = 2;
	table_row(&t, xstrdup("group"), xstrdup("metric"), xstrdup("baseline"),
	    xstrdup("candidate"), xstrdup("change"), xstrdup("ratio_ci"),
	    xstrdup("p"), xstrdup("verdict"));
	any = 0;
	nexact = napprox = 0;
	json_array_foreach(json_object_get(doc, "comparisons"), j, c) {
		label = trendfmt_label(c, 1);
		any = 1;
		if (json_is_number(cell_get(c, "mann_whitney.p")))
			json_is_true(cell_get(c, "mann_whitney.exact")) ? nexact++ :
			    napprox++;
		table_row(&t, label, cell_str(json_object_get(c, "metric")),
		    cell_sample(c, "baseline"), cell_sample(c, "candidate"),
		    cell_pct(cell_get(c, "change_pct")), cell_ci(c, "ratio.ci"),
		    cell_num(cell_get(c, "mann_whitney.p_holm")),
		    cell_str(cell_get(c, "verdict")));
	}
	json_array_foreach(json_object_get(doc, "unmatched"), j, c) {
		label = trendfmt_label(c, 1);
		table_note(fp, j == 0, "not compared: %s only in the %s", label, json_string_value(json_object_get(c, "only_in")));
		free(label);
	}
	if (json_array_size(json_object_get(doc, "comparisons")) == 0)
		match_hint(doc, fp);
	if (!any)
		table_discard(&t);
	else {
		putc('\n', fp);
		dash = table_dashes(&t, 4) || table_dashes(&t, 5) || table_dashes(&t, 6);
		rv |= table_print(&t, "# comparison (medians; change % of baseline "
		    "median; p: Mann-Whitney, Holm-adjusted)", fp);
		if (dash)
			table_note(fp, 0, "change, ratio_ci, p: - where not "
			    "defined: constant samples, or a baseline median of "
			    "0 (the notes of -f json say which)");
		/* Which p-values are exact and which approximate. */
		if (nexact + napprox > 0)
			table_note(fp, 0, "p: %zu exact (no ties, n <= 50 a side), "
			    "%zu from the normal approximation with tie and "
			    "continuity corrections", nexact, napprox);
		/* Runs left out change what a comparison means: said under
		 * the table, once a group (a group's comparisons are one
		 * after the other), and the verdicts they made
		 * inconclusive, each. */
		prev = NULL;
		json_array_foreach(json_object_get(doc, "comparisons"), j, c) {
			label = trendfmt_label(c, 1);
			json_array_foreach(json_object_get(c, "notes"), i, x) {
				if (strncmp(json_string_value(x), "runs left out",
				    13) == 0 && (prev == NULL ||
				    strcmp(prev, label) != 0))
					table_note(fp, 0, "%s: %s", label,
					    json_string_value(x));
				/* Why a verdict is inconclusive, by metric. */
				if (strncmp(json_string_value(x), "inconclusive:",
				    13) == 0)
					table_note(fp, 0, "%s %s: %s", label,
					    json_string_value(json_object_get(c,
					    "metric")), json_string_value(x));
			}
			free(prev);
			prev = label;
		}
		free(prev);
	}
	return rv;
}
