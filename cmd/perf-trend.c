/* perf-trend.c - statistics, trends, comparisons, change points and
 * complexity of perfpipe CSV; reads schemas/samples or schemas/runs,
 * writes schemas/trend (or tidy CSV, or text tables). */
#include <err.h>
#include <errno.h>
#include <getopt.h>
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

enum { OPT_BY = 256, OPT_CHANGEPOINTS, OPT_COMPLEXITY, OPT_CONFIDENCE,
	OPT_FAIL_ON, OPT_FORECAST, OPT_HIGHER, OPT_MEMORY, OPT_SEED, OPT_X };

static const struct option longopts[] = {
	{ "baseline", required_argument, NULL, 'b' },
	{ "by", required_argument, NULL, OPT_BY },
	{ "changepoints", no_argument, NULL, OPT_CHANGEPOINTS },
	{ "compare", required_argument, NULL, 'c' },
	{ "complexity", optional_argument, NULL, OPT_COMPLEXITY },
	{ "confidence", required_argument, NULL, OPT_CONFIDENCE },
	{ "exact", no_argument, NULL, 'e' },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "forecast", required_argument, NULL, OPT_FORECAST },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "higher-is-better", required_argument, NULL, OPT_HIGHER },
	{ "memory", required_argument, NULL, OPT_MEMORY },
	{ "metric", required_argument, NULL, 'm' },
	{ "output", required_argument, NULL, 'o' },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "threshold", required_argument, NULL, 't' },
	{ "version", no_argument, NULL, 'V' },
	{ "x", required_argument, NULL, OPT_X },
	{ NULL, 0, NULL, 0 }
};

/* Options, set once by main. */
static const char *baseline, *by, *metric, *xcol, *output, *higher;
static const char *format = "json", *cmp_col, *cmp_a, *cmp_b, *cx_col;
static char *cmp_text;
static int exact, changepoints, complexity, fail_on_regression;
static double confidence = 0.95, threshold = 0.02, memory_mib = 24;
static unsigned long long seed = 1;
static struct trendfit_forecast *forecasts;
static size_t nforecasts;

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: perf-trend [-ehV] [-b baseline.csv] [-c col=a,b] "
	    "[-f json|csv|text] [-m col,...]\n"
	    "                  [-o file] [-t pct] [--by col,...] "
	    "[--changepoints] [--complexity[=col]]\n"
	    "                  [--confidence pct] [--fail-on regression] "
	    "[--forecast metric=value]\n"
	    "                  [--higher-is-better col,...] [--memory MiB] "
	    "[--seed n] [--x col] [file ...]\n");
}

static void
help(void)
{
	usage(stdout);
	fputs("\n"
"Statistics of perfpipe CSV (samples, runs) per group of key columns and per\n"
"metric column; files are merged by column name; none or - is stdin.\n\n"
"  -b, --baseline FILE     compare FILE's rows (baseline) with the inputs\n"
"      --by COL,...        group by these columns (default: string columns)\n"
"      --changepoints      change points of each series (E-divisive, PELT)\n"
"  -c, --compare COL=A,B   compare rows with COL=A (baseline) and COL=B\n"
"      --complexity[=COL]  fit O(1)..O(n^3) against a param_* column\n"
"      --confidence PCT    level of intervals and tests (default 95%)\n"
"  -e, --exact             keep every value (no sketch beyond --memory)\n"
"      --fail-on regression  exit 1 when a comparison regressed\n"
"      --forecast M=V      when the trend of metric M reaches V\n"
"  -f, --format FMT        json (default), csv (tidy rows) or text\n"
"      --higher-is-better COL,...  these metrics improve upward\n"
"      --memory MIB        memory for exact values (default 24)\n"
"  -m, --metric COL,...    only these metric columns\n"
"  -o, --output FILE       write FILE whole instead of stdout\n"
"      --seed N            bootstrap and permutation seed (default 1)\n"
"  -t, --threshold PCT     smallest change that matters (default 2%)\n"
"      --x COL             trend axis (default: time)\n"
"  -h, --help              this help\n"
"  -V, --version           the version\n\n"
"Exit status: 0 done, 1 --fail-on tripped, 2 trouble.\n", stdout);
	cli_exit(EXIT_OK);
}

static void
misuse(const char *fmt, const char *arg)
{
	warnx(fmt, arg);
	usage(stderr);
	exit(EXIT_TROUBLE);
}

/* Splits "COL=A,B" for --compare. */
static void
parse_compare(char *s)
{
	char *eq = strchr(s, '='), *comma;

	if (eq == NULL || (comma = strchr(eq + 1, ',')) == NULL ||
	    eq == s || comma == eq + 1 || comma[1] == '\0' ||
	    strchr(comma + 1, ',') != NULL)
		errx(EXIT_TROUBLE, "compare '%s': not COL=A,B", s);
	cmp_text = xstrdup(s);
	*eq = *comma = '\0';
	cmp_col = s;
	cmp_a = eq + 1;
	cmp_b = comma + 1;
}

static void
parse_forecast(char *s)
{
	char *eq = strrchr(s, '=');

	if (eq == NULL || eq == s)
		errx(EXIT_TROUBLE, "forecast '%s': not METRIC=VALUE", s);
	forecasts = xreallocarray(forecasts, nforecasts + 1,
	    sizeof *forecasts);
	forecasts[nforecasts].text = xstrdup(s);
	*eq = '\0';
	forecasts[nforecasts].metric = s;
	forecasts[nforecasts++].value = xcli_double("forecast value", eq + 1,
	    -1e300, 1e300);
}

static void
die(struct perr *e)
{
	errx(EXIT_TROUBLE, "%s", e->msg);
}

/* Opens the files, reads every row into the group stores. */
static void
load(struct input *in, char *const *paths, size_t n, int primary,
    struct groups_budget *b)
{
	struct csvr_row row;
	struct perr e;
	long axis, cmd;
	int got;

	memset(in, 0, sizeof *in);
	if ((in->r = csvr_open(paths, n, &e)) == NULL)
		die(&e);
	if (columns_init(&in->c, in->r, by, metric, xcol, &e) < 0 ||
	    columns_check(&in->c, in->r, &e) < 0)
		die(&e);
	axis = in->c.axis;
	in->all = groups_new(in->c.n, -1, NULL, axis, b);
	in->cmpcol = in->cxcol = -1;
	in->labcol = csvr_col(in->r, "commit");
	if (!changepoints || (in->labcol >= 0 &&
	    in->c.role[in->labcol] == COL_KEY))
		in->labcol = -1;
	if (in->labcol >= 0)
		groups_label(in->all, in->labcol);
	/* Comparisons match groups without the command (a candidate's
	 * usually differs), unless --by names it. */
	cmd = by ? -1 : csvr_col(in->r, "command");
	if (cmp_col && primary) {
		if ((in->cmpcol = csvr_col(in->r, cmp_col)) < 0)
			errx(EXIT_TROUBLE, "%s:1: no column '%s' (named by "
			    "--compare)", csvr_srcname(in->r, 0), cmp_col);
		in->a = groups_new(in->c.n, in->cmpcol, cmp_a, axis, b);
		in->b = groups_new(in->c.n, in->cmpcol, cmp_b, axis, b);
		groups_ignore(in->a, cmd);
		groups_ignore(in->b, cmd);
	} else if (baseline)
		in->a = groups_new(in->c.n, cmd, NULL, axis, b);
	if (complexity && primary) {
		if ((in->cxcol = trendfit_param_column(in->r, cx_col, &e)) < 0)
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
	if (cmp_col && groups_rows(in->a) == 0)
		errx(EXIT_TROUBLE, "%s: no rows with %s=%s (named by --compare)",
		    csvr_srcname(in->r, 0), cmp_col, cmp_a);
	if (in->b && groups_rows(in->b) == 0)
		errx(EXIT_TROUBLE, "%s: no rows with %s=%s (named by --compare)",
		    csvr_srcname(in->r, 0), cmp_col, cmp_b);
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
    const struct groups_budget *b)
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
	jset(a, "baseline", optstr(baseline));
	jset(a, "by", optstr(by));
	jset(a, "changepoints", json_boolean(changepoints));
	jset(a, "compare", optstr(cmp_text));
	jset(a, "complexity", complexity ? json_string(cx_col ? cx_col :
	    csvr_colname(in->r, (size_t)in->cxcol)) : json_null());
	jset(a, "confidence", json_real(100 * confidence));
	jset(a, "exact", json_boolean(exact));
	jset(a, "fail_on", fail_on_regression ? json_string("regression") :
	    json_null());
	f = json_array();
	for (i = 0; i < nforecasts; i++)
		json_array_append_new(f, json_string(forecasts[i].text));
	jset(a, "forecast", f);
	jset(a, "format", json_string(format));
	jset(a, "higher_is_better", optstr(higher));
	jset(a, "memory", json_real(exact ? 0 : memory_mib));
	jset(a, "metric", optstr(metric));
	jset(a, "output", optstr(output));
	jset(a, "seed", json_integer((json_int_t)seed));
	jset(a, "threshold", json_real(100 * threshold));
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
analyse(struct input *in, struct input *base, struct groups_budget *b,
    int *regressed)
{
	struct trendfit_opts fo;
	struct trendcmp_opts co;
	json_t *doc = json_object(), *groups = json_array(), *g, *ms, *m;
	json_t *geo = json_object(), *cmps, *err;
	struct group *gr;
	size_t i, k;

	memset(&fo, 0, sizeof fo);
	fo.conf = confidence;
	fo.seed = seed;
	fo.changepoints = changepoints;
	fo.forecasts = forecasts;
	fo.nforecasts = nforecasts;
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
			m = trenddesc_metric(&gr->m[k], gr->rows, confidence);
			if (in->c.axis >= 0 && (long)k != in->c.axis)
				jset(m, "trend", trendfit_trend(&gr->m[k],
				    csvr_colname(in->r, k), &fo));
			if (changepoints)
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
		co.conf = confidence;
		co.threshold = threshold;
		co.seed = seed;
		co.higher = higher;
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

	if (strcmp(format, "json") == 0)
		return json_write(doc, fp, name, e);
	rv = strcmp(format, "csv") == 0 ? trendfmt_csv(doc, fp) :
	    trendfmt_text(doc, fp);
	if (rv < 0 || fflush(fp) == EOF || ferror(fp))
		return perr_set(e, "%s: write error: %s", name,
		    strerror(errno));
	return 0;
}

int
main(int argc, char *argv[])
{
	struct groups_budget budget = { 0, 0, 0.01, 0 };
	struct input in, base;
	struct afile af;
	struct perr e;
	json_t *doc;
	int c, regressed = 0;

	while ((c = getopt_long(argc, argv, "b:c:ef:hm:o:t:V", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'b': baseline = optarg; break;
		case 'c': parse_compare(optarg); break;
		case 'e': exact = 1; break;
		case 'f':
			if (strcmp(optarg, "json") && strcmp(optarg, "csv") &&
			    strcmp(optarg, "text"))
				misuse("format '%s': not json, csv or text",
				    optarg);
			format = optarg;
			break;
		case 'h': help(); break;
		case 'm': metric = optarg; break;
		case 'o': output = optarg; break;
		case 't':
			threshold = xcli_percent("threshold", optarg, 0, 1);
			break;
		case 'V': cli_version(); break;
		case OPT_BY: by = optarg; break;
		case OPT_CHANGEPOINTS: changepoints = 1; break;
		case OPT_COMPLEXITY: complexity = 1; cx_col = optarg; break;
		case OPT_CONFIDENCE:
			confidence = xcli_percent("confidence", optarg, 0.5,
			    0.999);
			break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "regression") != 0)
				misuse("fail-on '%s': not regression", optarg);
			fail_on_regression = 1;
			break;
		case OPT_FORECAST: parse_forecast(optarg); break;
		case OPT_HIGHER: higher = optarg; break;
		case OPT_MEMORY:
			memory_mib = (double)xcli_int("memory", optarg, 1,
			    1048576);
			break;
		case OPT_SEED:
			seed = (unsigned long long)xcli_int("seed", optarg, 0,
			    (1LL << 53));
			break;
		case OPT_X: xcol = optarg; break;
		default: usage(stderr); exit(EXIT_TROUBLE);
		}
	}
	if (baseline && cmp_col)
		misuse("%s", "--baseline and --compare exclude each other");
	if (fail_on_regression && !baseline && !cmp_col)
		misuse("%s", "--fail-on regression needs --baseline or "
		    "--compare");
	if (baseline && strcmp(baseline, "-") == 0) {
		for (c = optind; c < argc && strcmp(argv[c], "-") != 0; c++)
			;
		if (optind == argc || c < argc)
			misuse("%s", "standard input named twice");
	}
	budget.limit = exact ? 0 : (size_t)(memory_mib * 1048576);
	load(&in, argv + optind, (size_t)(argc - optind), 1, &budget);
	for (c = 0; c < (int)nforecasts; c++) {
		long k = csvr_col(in.r, forecasts[c].metric);

		if (k < 0 || in.c.role[k] != COL_METRIC || in.c.axis < 0)
			errx(EXIT_TROUBLE, "%s:1: %s '%s' (named by --forecast)",
			    csvr_srcname(in.r, 0), in.c.axis < 0 ? "no time "
			    "column (or --x) to forecast" : "no metric column",
			    forecasts[c].metric);
	}
	if (baseline)
		load(&base, (char *[]){ (char *)baseline }, 1, 0, &budget);
	doc = analyse(&in, baseline ? &base : NULL, &budget, &regressed);
	if (output) {
		if (afile_open(&af, output, &e) < 0)
			die(&e);
		if (emit(doc, af.fp, output, &e) < 0) {
			afile_abort(&af);
			die(&e);
		}
		if (afile_commit(&af, &e) < 0)
			die(&e);
	} else if (emit(doc, stdout, "<stdout>", &e) < 0)
		die(&e);
	json_decref(doc);
	free_input(&in);
	if (baseline)
		free_input(&base);
	while (nforecasts > 0)
		free((char *)forecasts[--nforecasts].text);
	free(forecasts);
	free(cmp_text);
	cli_exit(fail_on_regression && regressed ? EXIT_TRIP : EXIT_OK);
}
