/* perf-trend.c - statistics, trends, comparisons, change points and
 * complexity of perfpipe CSV; reads schemas/samples or schemas/runs,
 * writes schemas/trend (or tidy CSV, or text tables). */
#include <err.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomicfile.h"
#include "cli.h"
#include "columns.h"
#include "csvread.h"
#include "groups.h"
#include "jsonout.h"
#include "trendcmp.h"
#include "trenddesc.h"
#include "trendfit.h"
#include "trendfmt.h"
#include "trendopts.h"
#include "xalloc.h"

/* One input: its reader, column roles and group stores. */
struct input {
	struct csvr *r;
	struct columns c;
	struct groups *all;	/* every row */
	struct groups *a, *b;	/* --compare: rows of value A, of value B;
				 * --baseline: a, every row */
	struct groups *cx;	/* --complexity: groups without the param */
	long cmpcol, cxcol, labcol;	/* labcol: commit, for change points */
	uint64_t *srcrows;	/* data rows read per source */
};

static struct trendopts opt;	/* set once by main */

static void
die(struct perr *e)
{
	errx(EXIT_TROUBLE, "%s", e->msg);
}

/* Opens the files, reads every row into the group stores. */
static void
load(struct input *in, char *const *paths, size_t n, int primary,
    struct gacc_budget *b)
{
	struct csvr_row row;
	struct perr e;
	long axis, cmd;
	int got;

	memset(in, 0, sizeof *in);
	if ((in->r = csvr_open(paths, n, &e)) == NULL)
		die(&e);
	if (columns_init(&in->c, in->r, opt.by, opt.metric, opt.xcol, &e) < 0 ||
	    columns_check(&in->c, in->r, &e) < 0)
		die(&e);
	axis = in->c.axis;
	in->all = groups_new(in->c.n, -1, NULL, axis, b);
	in->cmpcol = in->cxcol = -1;
	in->labcol = csvr_col(in->r, "commit");
	if (!opt.changepoints || (in->labcol >= 0 &&
	    in->c.role[in->labcol] == COL_KEY))
		in->labcol = -1;
	if (in->labcol >= 0)
		groups_label(in->all, in->labcol);
	/* Comparisons match groups without the command (a candidate's
	 * usually differs), unless --by names it. */
	cmd = opt.by ? -1 : csvr_col(in->r, "command");
	if (opt.cmp_col && primary) {
		if ((in->cmpcol = csvr_col(in->r, opt.cmp_col)) < 0)
			errx(EXIT_TROUBLE, "%s:1: no column '%s' (named by "
			    "--compare)", csvr_srcname(in->r, 0), opt.cmp_col);
		in->a = groups_new(in->c.n, in->cmpcol, opt.cmp_a, axis, b);
		in->b = groups_new(in->c.n, in->cmpcol, opt.cmp_b, axis, b);
		groups_ignore(in->a, cmd);
		groups_ignore(in->b, cmd);
	} else if (opt.baseline)
		in->a = groups_new(in->c.n, cmd, NULL, axis, b);
	if (opt.complexity && primary) {
		if ((in->cxcol = trendfit_param_column(in->r, opt.cx_col,
		    &e)) < 0)
			die(&e);
		in->cx = groups_new(in->c.n, in->cxcol, NULL, in->cxcol, b);
	}
	in->srcrows = xcalloc(csvr_nsrc(in->r), sizeof *in->srcrows);
	while ((got = csvr_next(in->r, &row, &e)) > 0) {
		in->srcrows[row.src]++;
		columns_see(&in->c, &row);
		if (groups_add_row(in->all, &in->c, in->r, &row, &e) < 0 ||
		    (in->a && groups_add_row(in->a, &in->c, in->r, &row,
		    &e) < 0) ||
		    (in->b && groups_add_row(in->b, &in->c, in->r, &row,
		    &e) < 0) ||
		    (in->cx && groups_add_row(in->cx, &in->c, in->r, &row,
		    &e) < 0))
			die(&e);
	}
	if (got < 0)
		die(&e);
	columns_finish(&in->c);
	if (groups_rows(in->all) == 0)
		errx(EXIT_TROUBLE, "%s:2: empty input: no data rows",
		    csvr_srcname(in->r, csvr_nsrc(in->r) - 1));
	if (opt.cmp_col && groups_rows(in->a) == 0)
		errx(EXIT_TROUBLE, "%s: no rows with %s=%s (named by --compare)",
		    csvr_srcname(in->r, 0), opt.cmp_col, opt.cmp_a);
	if (in->b && groups_rows(in->b) == 0)
		errx(EXIT_TROUBLE, "%s: no rows with %s=%s (named by --compare)",
		    csvr_srcname(in->r, 0), opt.cmp_col, opt.cmp_b);
	if (columns_check(&in->c, in->r, &e) < 0)
		die(&e);
}

static void
free_input(struct input *in)
{
	groups_free(in->all);
	groups_free(in->a);
	groups_free(in->b);
	groups_free(in->cx);
	columns_free(&in->c);
	csvr_close(in->r);
	free(in->srcrows);
}

static json_t *
optstr(const char *v)
{
	return v ? json_string(v) : json_null();
}

static void
add_inputs(json_t *arr, const struct input *in)
{
	json_t *o;
	size_t s;

	for (s = 0; s < csvr_nsrc(in->r); s++) {
		o = json_object();
		jset(o, "path", json_string(csvr_srcname(in->r, s)));
		jset(o, "format", json_string(columns_format(in->r, s)));
		jset(o, "rows", json_integer((json_int_t)in->srcrows[s]));
		json_array_append_new(arr, o);
	}
}

/* The inputs, options and column roles that produced the document. */
static json_t *
provenance(const struct input *in, const struct input *base,
    const struct gacc_budget *b)
{
	json_t *o = json_object(), *cols = json_object(), *a, *f;
	size_t i;

	a = json_array();
	add_inputs(a, in);
	if (base)
		add_inputs(a, base);
	jset(o, "inputs", a);
	for (i = 0; i < in->c.n; i++) {
		const char *role = columns_role_name(in->c.role[i]);

		if ((a = json_object_get(cols, role)) == NULL) {
			a = json_array();
			json_object_set_new(cols, role, a);
		}
		json_array_append_new(a, json_string(csvr_colname(in->r, i)));
	}
	jset(o, "columns", cols);
	a = json_object();
	jset(a, "baseline", optstr(opt.baseline));
	jset(a, "by", optstr(opt.by));
	jset(a, "changepoints", json_boolean(opt.changepoints));
	jset(a, "compare", optstr(opt.cmp_text));
	jset(a, "complexity", opt.complexity ? json_string(opt.cx_col ?
	    opt.cx_col : csvr_colname(in->r, (size_t)in->cxcol)) :
	    json_null());
	jset(a, "confidence", json_real(100 * opt.confidence));
	jset(a, "exact", json_boolean(opt.exact));
	jset(a, "fail_on", opt.fail_on_regression ? json_string("regression") :
	    json_null());
	f = json_array();
	for (i = 0; i < opt.nforecasts; i++)
		json_array_append_new(f, json_string(opt.forecasts[i].text));
	jset(a, "forecast", f);
	jset(a, "format", json_string(opt.format));
	jset(a, "higher_is_better", optstr(opt.higher));
	jset(a, "memory", json_real(opt.exact ? 0 : opt.memory_mib));
	jset(a, "metric", optstr(opt.metric));
	jset(a, "output", optstr(opt.output));
	jset(a, "seed", json_integer((json_int_t)opt.seed));
	jset(a, "threshold", json_real(100 * opt.threshold));
	jset(a, "x", in->c.axis >= 0 ?
	    json_string(csvr_colname(in->r, (size_t)in->c.axis)) : json_null());
	jset(a, "quantile_type", json_integer(7));
	jset(a, "sketch_relative_error", json_real(b->alpha));
	jset(o, "options", a);
	return o;
}

/* The document: provenance, groups with their metrics, geometric means,
 * comparisons, complexity fits. */
static json_t *
analyse(struct input *in, struct input *base, struct gacc_budget *b,
    int *regressed)
{
	struct trendfit_opts fo;
	struct trendcmp_opts co;
	json_t *doc = json_object(), *groups = json_array(), *g, *ms, *m;
	json_t *geo = json_object(), *cmps, *err;
	struct group *gr;
	size_t i, k;

	memset(&fo, 0, sizeof fo);
	fo.conf = opt.confidence;
	fo.seed = opt.seed;
	fo.changepoints = opt.changepoints;
	fo.forecasts = opt.forecasts;
	fo.nforecasts = opt.nforecasts;
	fo.label = in->labcol >= 0 ? "commit" : NULL;
	fo.axis = in->c.axis >= 0 ? csvr_colname(in->r, (size_t)in->c.axis) :
	    "";
	jset(doc, "format", json_string("perf-trend/1"));
	json_object_update_new(doc, provenance(in, base, b));
	for (i = 0; i < groups_count(in->all); i++) {
		gr = groups_at(in->all, i);
		g = json_object();
		ms = json_object();
		trenddesc_key(g, in->all, gr, in->r);
		jset(g, "rows", json_integer((json_int_t)gr->rows));
		for (k = 0; k < in->c.n; k++) {
			if (in->c.role[k] != COL_METRIC)
				continue;
			m = trenddesc_metric(&gr->m[k], gr->rows,
			    opt.confidence);
			if (in->c.axis >= 0 && (long)k != in->c.axis)
				jset(m, "trend", trendfit_trend(&gr->m[k],
				    csvr_colname(in->r, k), &fo));
			if (opt.changepoints)
				jset(m, "changepoints",
				    trendfit_changepoints(&gr->m[k], &fo));
			jset(ms, csvr_colname(in->r, k), m);
		}
		jset(g, "metrics", ms);
		json_array_append_new(groups, g);
	}
	jset(doc, "groups", groups);
	for (k = 0; k < in->c.n; k++)
		if (in->c.role[k] == COL_METRIC)
			jset(geo, csvr_colname(in->r, k),
			    trenddesc_geomean(in->all, k));
	jset(doc, "geomean", geo);
	if (base || in->b) {
		memset(&co, 0, sizeof co);
		co.conf = opt.confidence;
		co.threshold = opt.threshold;
		co.seed = opt.seed;
		co.higher = opt.higher;
		err = NULL;
		cmps = base ? trendcmp_all(base->a, &base->c, base->r,
		    in->a, &in->c, in->r, &co, &err) : trendcmp_all(in->a,
		    &in->c, in->r, in->b, &in->c, in->r, &co, &err);
		*regressed = trendcmp_regressed(cmps);
		jset(doc, "comparisons", cmps);
		if (err)
			jset(doc, "unmatched", err);
	}
	if (in->cx)
		jset(doc, "complexity", trendfit_complexity(in->cx, &in->c,
		    in->r, in->cxcol));
	return doc;
}

static int
emit(const json_t *doc, FILE *fp, const char *name, struct perr *e)
{
	int rv;

	if (strcmp(opt.format, "json") == 0)
		return json_write(doc, fp, name, e);
	rv = strcmp(opt.format, "csv") == 0 ? trendfmt_csv(doc, fp) :
	    trendfmt_text(doc, fp);
	if (rv < 0 || fflush(fp) == EOF || ferror(fp))
		return perr_set(e, "%s: write error: %s", name,
		    strerror(errno));
	return 0;
}

/* Every --forecast must name a metric column, and there must be an axis. */
static void
xcheck_forecasts(const struct input *in)
{
	size_t i;
	long k;

	for (i = 0; i < opt.nforecasts; i++) {
		k = csvr_col(in->r, opt.forecasts[i].metric);
		if (k < 0 || in->c.role[k] != COL_METRIC || in->c.axis < 0)
			errx(EXIT_TROUBLE, "%s:1: %s '%s' (named by --forecast)",
			    csvr_srcname(in->r, 0), in->c.axis < 0 ? "no time "
			    "column (or --x) to forecast" : "no metric column",
			    opt.forecasts[i].metric);
	}
}

/* Writes the document to stdout, or replaces -o FILE whole with it. */
static void
xoutput(const json_t *doc)
{
	struct afile af;
	struct perr e;

	if (opt.output) {
		if (afile_open(&af, opt.output, &e) < 0)
			die(&e);
		if (emit(doc, af.fp, opt.output, &e) < 0) {
			afile_abort(&af);
			die(&e);
		}
		if (afile_commit(&af, &e) < 0)
			die(&e);
	} else if (emit(doc, stdout, "<stdout>", &e) < 0)
		die(&e);
}

int
main(int argc, char *argv[])
{
	struct gacc_budget budget = { 0, 0, 0.01, 0 };
	struct input in, base;
	json_t *doc;
	int regressed = 0;

	xtrendopts_parse(&opt, argc, argv);
	budget.limit = opt.exact ? 0 : (size_t)(opt.memory_mib * 1048576);
	load(&in, opt.files, opt.nfiles, 1, &budget);
	xcheck_forecasts(&in);
	if (opt.baseline)
		load(&base, (char *[]){ (char *)opt.baseline }, 1, 0, &budget);
	doc = analyse(&in, opt.baseline ? &base : NULL, &budget, &regressed);
	xoutput(doc);
	json_decref(doc);
	free_input(&in);
	if (opt.baseline)
		free_input(&base);
	trendopts_free(&opt);
	cli_exit(opt.fail_on_regression && regressed ? EXIT_TRIP : EXIT_OK);
}
