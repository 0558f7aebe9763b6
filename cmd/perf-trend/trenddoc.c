/* trenddoc.c - perf-trend's job: reads the inputs into group stores and
 * builds the trend document (schemas/trend) from them. */
#include <err.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "trendcmp.h"
#include "trenddesc.h"
#include "trenddoc.h"
#include "util/cli.h"
#include "fmt/jsonio.h"
#include "util/xalloc.h"

static void
die(struct perr *e)
{
	errx(EXIT_TROUBLE, "%s", e->msg);
}

/* The store of every row, by the full key. */
static struct groups *
new_all(const struct trenddoc_input *in, const struct trenddoc_opts *o,
    struct gacc_budget *b)
{
	struct groups *g = groups_new(in->c.n, -1, NULL, in->c.axis, b);

	if (in->labcol >= 0)
		groups_label(g, in->labcol);
	if (o->include_failed)
		groups_keep_failed(g);
	return g;
}

/* Adds the row to the store of every row; a row of a group that waits
 * for a later wave is set aside. */
static int
add_all(struct trenddoc_input *in, const struct csvread_row *row,
    struct perr *e)
{
	int got = groups_add_row(in->all, &in->c, in->r, row, e);

	if (got == 1)
		return spill_put(in->spill, row, e);
	return got;
}

/*
 * Once the groups held take half of the budget (the other half is for
 * their values), no more are made: the rows of the others wait in a
 * temporary file for a later wave, in order, so that memory stays
 * bounded however many groups there are.  The groups of a wave are
 * those first seen before it filled, whole, in order of first
 * appearance; every group of the next wave first appears after them.
 */
static void
close_if_full(struct trenddoc_input *in, const struct gacc_budget *b,
    int first)
{
	struct perr e;

	if (in->spill || in->nospill || b->limit == 0 ||
	    groups_bytes(in->all) <= b->limit / 2)
		return;
	/* Without a temporary file, the answer still, in more memory. */
	if ((in->spill = spill_open(in->c.n, &e)) == NULL) {
		warnx("%s; every group is held in memory", e.msg);
		in->nospill = 1;
		return;
	}
	/* A bad number is told on the first reading, before any output. */
	groups_close(in->all, first);
}

void
xtrenddoc_load(struct trenddoc_input *in, const struct trenddoc_opts *o,
    char *const *paths, size_t n, int primary, struct gacc_budget *b)
{
	struct csvread_row row;
	struct perr e;
	uint64_t rows;
	size_t i;
	long axis, cmd;
	int got;

	memset(in, 0, sizeof *in);
	if ((in->r = csvread_open(paths, n, &e)) == NULL)
		die(&e);
	if (columns_init(&in->c, in->r, o->by, o->metric, o->xcol, &e) < 0 ||
	    columns_check(&in->c, in->r, &e) < 0)
		die(&e);
	axis = in->c.axis;
	in->cmpcol = in->cxcol = -1;
	in->labcol = csvread_col(in->r, "commit");
	if (!o->changepoints || (in->labcol >= 0 &&
	    in->c.role[in->labcol] == COL_KEY))
		in->labcol = -1;
	/* The baseline's rows are compared, not described. */
	if (primary) {
		in->all = new_all(in, o, b);
		in->geo = xcalloc(in->c.n, sizeof *in->geo);
	}
	/* Comparisons match groups without the command (a candidate's
	 * usually differs), unless --by names it. */
	cmd = o->by ? -1 : csvread_col(in->r, "command");
	if (o->cmp_col && primary) {
		if ((in->cmpcol = csvread_col(in->r, o->cmp_col)) < 0)
			errx(EXIT_TROUBLE, "%s:1: no column '%s' (named by "
			    "--compare)", csvread_srcname(in->r, 0), o->cmp_col);
		in->a = groups_new(in->c.n, in->cmpcol, o->cmp_a, axis, b);
		in->b = groups_new(in->c.n, in->cmpcol, o->cmp_b, axis, b);
		groups_ignore(in->a, cmd);
		groups_ignore(in->b, cmd);
	} else if (o->baseline)
		in->a = groups_new(in->c.n, cmd, NULL, axis, b);
	/* A parameter scan (one param_* column) is fitted by default. */
	if (primary && !o->complexity)
		in->cxcol = trendfit_param_column(in->r, NULL, &e);
	if (o->complexity && primary &&
	    (in->cxcol = trendfit_param_column(in->r, o->cx_col, &e)) < 0)
		die(&e);
	if (in->cxcol >= 0) {
		in->cx = groups_new(in->c.n, in->cxcol, NULL, in->cxcol, b);
		/* A scan's command line holds the parameter's value
		 * ("sort -n 1000"): it would split every size into a group
		 * of its own, so it is no key here (unless --by says so). */
		groups_ignore(in->cx, cmd);
	}
	if (o->include_failed) {
		struct groups *st[] = { in->a, in->b, in->cx };

		for (i = 0; i < sizeof st / sizeof *st; i++)
			if (st[i] != NULL)
				groups_keep_failed(st[i]);
	}
	in->srcrows = xcalloc(csvread_nsrc(in->r), sizeof *in->srcrows);
	while ((got = csvread_next(in->r, &row, &e)) > 0) {
		in->srcrows[row.src]++;
		columns_see(&in->c, &row);
		if (in->all)
			close_if_full(in, b, 1);
		if ((in->all && add_all(in, &row, &e) < 0) ||
		    (in->a && groups_add_row(in->a, &in->c, in->r, &row,
		    &e) < 0) ||
		    (in->b && groups_add_row(in->b, &in->c, in->r, &row,
		    &e) < 0))
			die(&e);
		if (in->cx && groups_add_row(in->cx, &in->c, in->r, &row,
		    &e) < 0) {
			/* Every store read the row's metrics before: its
			 * parameter is not a number.  Asked for, that is an
			 * error; found, a scan of names (algo=cat,cksum),
			 * not of sizes: nothing to fit, said so. */
			if (o->complexity)
				die(&e);
			snprintf(in->cxskip, sizeof in->cxskip, "%s", e.msg);
			groups_free(in->cx);
			in->cx = NULL;
			in->cxcol = -1;
		}
	}
	/* The rows set aside all written out now: a full disk is told
	 * before any output. */
	if (got < 0 || (in->spill && spill_rewind(in->spill, &e) < 0))
		die(&e);
	columns_finish(&in->c);
	/* Rows read, not rows used: runs that all timed out are a result. */
	for (i = 0, rows = 0; i < csvread_nsrc(in->r); i++)
		rows += in->srcrows[i];
	if (rows == 0)
		errx(EXIT_TROUBLE, "%s:2: empty input: no data rows",
		    csvread_srcname(in->r, csvread_nsrc(in->r) - 1));
	if (o->cmp_col && groups_rows(in->a) == 0)
		errx(EXIT_TROUBLE, "%s: no rows with %s=%s (named by --compare)",
		    csvread_srcname(in->r, 0), o->cmp_col, o->cmp_a);
	if (in->b && groups_rows(in->b) == 0)
		errx(EXIT_TROUBLE, "%s: no rows with %s=%s (named by --compare)",
		    csvread_srcname(in->r, 0), o->cmp_col, o->cmp_b);
	if (columns_check(&in->c, in->r, &e) < 0)
		die(&e);
}

int
trenddoc_next_wave(const struct trenddoc_opts *o, struct trenddoc_input *in,
    struct gacc_budget *b, struct perr *e)
{
	struct spill *s = in->spill;
	struct csvread_row row;
	int got;

	if (s == NULL)
		return 0;
	in->spill = NULL;
	if (spill_rewind(s, e) < 0)
		goto fail;
	groups_free(in->all);
	in->all = new_all(in, o, b);
	while ((got = spill_get(s, &row, e)) > 0) {
		row.file = csvread_srcname(in->r, row.src);
		close_if_full(in, b, 0);
		if (add_all(in, &row, e) < 0)
			goto fail;
	}
	if (got < 0)
		goto fail;
	spill_close(s);
	return 1;
fail:
	spill_close(s);
	return -1;
}

void
trenddoc_free_input(struct trenddoc_input *in)
{
	spill_close(in->spill);
	free(in->geo);
	groups_free(in->all);
	groups_free(in->a);
	groups_free(in->b);
	groups_free(in->cx);
	columns_free(&in->c);
	csvread_close(in->r);
	free(in->srcrows);
}

static json_t *
optstr(const char *v)
{
	return v ? xjsonio_text(v) : json_null();
}

static void
add_inputs(json_t *arr, const struct trenddoc_input *in)
{
	json_t *o;
	size_t s;

	for (s = 0; s < csvread_nsrc(in->r); s++) {
		o = json_object();
		xjsonio_set(o, "path", xjsonio_text(csvread_srcname(in->r, s)));
		xjsonio_set(o, "format", json_string(columns_format(in->r, s)));
		xjsonio_set(o, "rows", json_integer((json_int_t)in->srcrows[s]));
		json_array_append_new(arr, o);
	}
}

/* The inputs, options and column roles that produced the document. */
static json_t *
provenance(const struct trenddoc_opts *opt, const struct trenddoc_input *in,
    const struct trenddoc_input *base, const struct gacc_budget *b)
{
	json_t *o = json_object(), *cols = json_object(), *a, *f;
	size_t i;

	a = json_array();
	add_inputs(a, in);
	if (base)
		add_inputs(a, base);
	xjsonio_set(o, "inputs", a);
	for (i = 0; i < in->c.n; i++) {
		const char *role = columns_role_name(in->c.role[i]);

		if ((a = json_object_get(cols, role)) == NULL) {
			a = json_array();
			json_object_set_new(cols, role, a);
		}
		json_array_append_new(a, xjsonio_text(csvread_colname(in->r, i)));
	}
	xjsonio_set(o, "columns", cols);
	a = json_object();
	xjsonio_set(a, "baseline", optstr(opt->baseline));
	xjsonio_set(a, "by", optstr(opt->by));
	xjsonio_set(a, "changepoints", json_boolean(opt->changepoints));
	xjsonio_set(a, "compare", optstr(opt->cmp_text));
	xjsonio_set(a, "complexity", in->cxcol >= 0 ? json_string(
	    csvread_colname(in->r, (size_t)in->cxcol)) : json_null());
	xjsonio_set(a, "confidence", json_real(100 * opt->confidence));
	xjsonio_set(a, "exact", json_boolean(opt->exact));
	xjsonio_set(a, "fail_on", opt->fail_on_regression ? json_string("regression") :
	    json_null());
	f = json_array();
	for (i = 0; i < opt->nforecasts; i++)
		json_array_append_new(f, json_string(opt->forecasts[i].text));
	xjsonio_set(a, "forecast", f);
	xjsonio_set(a, "format", json_string(opt->format));
	xjsonio_set(a, "higher_is_better", optstr(opt->higher));
	xjsonio_set(a, "memory", json_real(opt->exact ? 0 : opt->memory_mib));
	xjsonio_set(a, "metric", optstr(opt->metric));
	xjsonio_set(a, "output", optstr(opt->output));
	xjsonio_set(a, "seed", json_integer((json_int_t)opt->seed));
	xjsonio_set(a, "threshold", json_real(100 * opt->threshold));
	xjsonio_set(a, "x", in->c.axis >= 0 ?
	    xjsonio_text(csvread_colname(in->r, (size_t)in->c.axis)) : json_null());
	xjsonio_set(a, "quantile_type", json_integer(7));
	xjsonio_set(a, "sketch_relative_error", json_real(b->alpha));
	xjsonio_set(o, "options", a);
	return o;
}

/* Adds a group's mean to its metric's geometric mean: means above 0
 * only, the others (and a group without values) counted as skipped. */
static void
geo_add(struct trenddoc_geo *g, const struct gacc *a)
{
	double m = stats_acc_mean(&a->acc);

	if (m > 0) {
		g->logsum += log(m);
		g->k++;
	} else
		g->skipped++;
}

void
trenddoc_set_geomean(json_t *doc, const struct trenddoc_input *in)
{
	const struct trenddoc_geo *g;
	json_t *geo = json_object(), *o;
	size_t k;

	for (k = 0; k < in->c.n; k++) {
		if (in->c.role[k] != COL_METRIC)
			continue;
		g = &in->geo[k];
		o = json_object();
		xjsonio_set(o, "value", xjsonio_num(g->k ? exp(g->logsum /
		    (double)g->k) : NAN));
		xjsonio_set(o, "groups", json_integer((json_int_t)g->k));
		xjsonio_set(o, "skipped", json_integer((json_int_t)g->skipped));
		xjsonio_set(geo, csvread_colname(in->r, k), o);
	}
	xjsonio_set(doc, "geomean", geo);
}

json_t *
trenddoc_group(const struct trenddoc_opts *o, struct trenddoc_input *in,
    size_t i)
{
	struct trendfit_opts fo;
	struct group *gr = groups_at(in->all, i);
	const struct gacc *a;
	json_t *g = json_object(), *ms = json_object(), *m;
	size_t k;

	memset(&fo, 0, sizeof fo);
	fo.conf = o->confidence;
	fo.seed = o->seed;
	fo.changepoints = o->changepoints;
	fo.forecasts = o->forecasts;
	fo.nforecasts = o->nforecasts;
	fo.label = in->labcol >= 0 ? "commit" : NULL;
	fo.axis = in->c.axis >= 0 ? csvread_colname(in->r, (size_t)in->c.axis) :
	    "";
	trenddesc_key(g, in->all, gr, in->r);
	xjsonio_set(g, "rows", json_integer((json_int_t)gr->rows));
	if (gr->timed_out || gr->failed)
		xjsonio_set(g, "excluded", json_pack("{sIsI}",
		    "timed_out", (json_int_t)gr->timed_out,
		    "failed", (json_int_t)gr->failed));
	for (k = 0; k < in->c.n; k++) {
		if (in->c.role[k] != COL_METRIC)
			continue;
		a = groups_metric(in->all, gr, k);
		geo_add(&in->geo[k], a);
		m = trenddesc_metric(a, gr->rows, o->confidence);
		if (in->c.axis >= 0 && (long)k != in->c.axis)
			xjsonio_set(m, "trend", trendfit_trend(a,
			    csvread_colname(in->r, k), &fo));
		if (o->changepoints)
			xjsonio_set(m, "changepoints",
			    trendfit_changepoints(a, &fo));
		xjsonio_set(ms, csvread_colname(in->r, k), m);
	}
	xjsonio_set(g, "metrics", ms);
	return g;
}

json_t *
trenddoc_build_nogroups(const struct trenddoc_opts *o,
    struct trenddoc_input *in, struct trenddoc_input *base,
    struct gacc_budget *b, int *regressed)
{
	struct trendcmp_opts co;
	json_t *doc = json_object(), *groups = json_array();
	json_t *cmps, *err;

	xjsonio_set(doc, "format", json_string("perf-trend/1"));
	json_object_update_new(doc, provenance(o, in, base, b));
	json_array_append_new(groups, json_string(TRENDDOC_GROUPS));
	xjsonio_set(doc, "groups", groups);
	/* Its place, before comparisons: set again after the last group. */
	trenddoc_set_geomean(doc, in);
	if (base || in->b) {
		memset(&co, 0, sizeof co);
		co.conf = o->confidence;
		co.threshold = o->threshold;
		co.seed = o->seed;
		co.higher = o->higher;
		err = NULL;
		cmps = base ? trendcmp_all(base->a, &base->c, base->r,
		    in->a, &in->c, in->r, &co, &err) : trendcmp_all(in->a,
		    &in->c, in->r, in->b, &in->c, in->r, &co, &err);
		*regressed = json_array_size(cmps) == 0 ? -1 :
		    trendcmp_regressed(cmps);
		xjsonio_set(doc, "comparisons", cmps);
		if (err)
			xjsonio_set(doc, "unmatched", err);
	}
	if (in->cx)
		xjsonio_set(doc, "complexity", trendfit_complexity(in->cx, &in->c,
		    in->r, in->cxcol));
	if (in->cxskip[0])
		xjsonio_set(doc, "complexity_skipped", xjsonio_text(in->cxskip));
	return doc;
}

void
xtrenddoc_check_names(const struct trenddoc_input *in,
    const struct trenddoc_opts *o)
{
	const char *p;
	size_t i, n;
	long k;

	for (p = o->higher; p != NULL && *p != '\0'; p += n + (p[n] == ',')) {
		n = strcspn(p, ",");
		for (k = 0; k < (long)in->c.n; k++)
			if (strlen(csvread_colname(in->r, (size_t)k)) == n &&
			    memcmp(csvread_colname(in->r, (size_t)k), p, n) == 0)
				break;
		if (k == (long)in->c.n || in->c.role[k] != COL_METRIC)
			errx(EXIT_TROUBLE, "%s:1: no metric column '%.*s' (named "
			    "by --higher-is-better)", csvread_srcname(in->r, 0),
			    (int)n, p);
	}
	for (i = 0; i < o->nforecasts; i++) {
		k = csvread_col(in->r, o->forecasts[i].metric);
		if (k < 0 || in->c.role[k] != COL_METRIC || in->c.axis < 0)
			errx(EXIT_TROUBLE, "%s:1: %s '%s' (named by --forecast)",
			    csvread_srcname(in->r, 0), in->c.axis < 0 ? "no time "
			    "column (or --x) to forecast" : "no metric column",
			    o->forecasts[i].metric);
	}
}
