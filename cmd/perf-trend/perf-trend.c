/* perf-trend.c - statistics, trends, comparisons, change points and
 * complexity of perfpipe CSV; reads schemas/samples or schemas/runs,
 * writes schemas/trend (or tidy CSV, or text tables). */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/atomicfile.h"
#include "util/cli.h"
#include "fmt/jsonio.h"
#include "fmt/junit.h"
#include "trenddoc.h"
#include "trendfmt.h"
#include "trendjunit.h"
#include "trendtext.h"
#include "util/xalloc.h"

static struct trenddoc_opts opt;	/* set once by main */
static const char *junit;	/* --junit FILE */
static int quiet;		/* -q: no report on stdout */
static int wide;		/* -w: text rows one line each, however wide */

enum { OPT_BY = 256, OPT_CHANGEPOINTS, OPT_COMPLEXITY, OPT_CONFIDENCE,
	OPT_FAIL_ON, OPT_FORECAST, OPT_HIGHER, OPT_INCLUDE_FAILED, OPT_JUNIT,
	OPT_MEMORY, OPT_SEED, OPT_X };

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
	{ "include-failed", no_argument, NULL, OPT_INCLUDE_FAILED },
	{ "junit", required_argument, NULL, OPT_JUNIT },
	{ "memory", required_argument, NULL, OPT_MEMORY },
	{ "metric", required_argument, NULL, 'm' },
	{ "output", required_argument, NULL, 'o' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "threshold", required_argument, NULL, 't' },
	{ "version", no_argument, NULL, 'V' },
	{ "wide", no_argument, NULL, 'w' },
	{ "x", required_argument, NULL, OPT_X },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: perf-trend [-ehqVw] [-b baseline.csv] [-c col=a,b] "
	    "[-f json|csv|text|markdown]\n"
	    "                  [-m col,...] [-o file] [-t pct] [--by col,...] "
	    "[--changepoints]\n"
	    "                  [--complexity[=col]] [--confidence pct] "
	    "[--fail-on regression]\n"
	    "                  [--forecast metric=value] "
	    "[--higher-is-better col,...] [--include-failed]\n"
	    "                  [--junit file] [--memory MiB] [--seed n] "
	    "[--x col] [file ...]\n");
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
"  -f, --format FMT        json (default), csv (tidy rows), text or markdown\n"
"      --higher-is-better COL,...  these metrics improve upward\n"
"      --include-failed    keep runs that failed (exit status, signal)\n"
"      --junit FILE        the comparisons as JUnit XML test cases in FILE\n"
"      --memory MIB        memory for exact values (default 24)\n"
"  -m, --metric COL,...    only these metric columns\n"
"  -o, --output FILE       write FILE whole instead of stdout\n"
"  -q, --quiet             no report on stdout (the exit status, -o, --junit)\n"
"      --seed N            bootstrap and permutation seed (default 1)\n"
"  -t, --threshold PCT     smallest change that matters (default 2%)\n"
"  -w, --wide              text: each row on one line, however wide\n"
"                          (default: within 100 columns)\n"
"      --x COL             trend axis (default: time)\n"
"  -h, --help              this help\n"
"  -V, --version           the version\n\n"
"Exit status: 0 done, 1 --fail-on tripped, 2 trouble.\n", stdout);
	cli_exit(EXIT_OK);
}

/* Splits "COL=A,B" for --compare. */
static void
parse_compare(struct trenddoc_opts *o, char *s)
{
	char *eq = strchr(s, '='), *comma;

	if (eq == NULL || (comma = strchr(eq + 1, ',')) == NULL ||
	    eq == s || comma == eq + 1 || comma[1] == '\0' ||
	    strchr(comma + 1, ',') != NULL)
		errx(EXIT_TROUBLE, "compare '%s': not COL=A,B", s);
	free(o->cmp_text);	/* given again: the last one counts */
	o->cmp_text = xstrdup(s);
	*eq = *comma = '\0';
	o->cmp_col = s;
	o->cmp_a = eq + 1;
	o->cmp_b = comma + 1;
}

static void
parse_forecast(struct trenddoc_opts *o, char *s)
{
	char *eq = strrchr(s, '=');
	size_t i;

	if (eq == NULL || eq == s)
		errx(EXIT_TROUBLE, "forecast '%s': not METRIC=VALUE", s);
	/* A trend has one forecast: a second level would replace the first
	 * without a word. */
	for (i = 0; i < o->nforecasts; i++)
		if (strlen(o->forecasts[i].metric) == (size_t)(eq - s) &&
		    strncmp(o->forecasts[i].metric, s, (size_t)(eq - s)) == 0)
			errx(EXIT_TROUBLE, "forecast '%s': %s has one already "
			    "(%s): one level a metric", s,
			    o->forecasts[i].metric, o->forecasts[i].text);
	o->forecasts = xreallocarray(o->forecasts, o->nforecasts + 1,
	    sizeof *o->forecasts);
	o->forecasts[o->nforecasts].text = xstrdup(s);
	*eq = '\0';
	o->forecasts[o->nforecasts].metric = s;
	o->forecasts[o->nforecasts++].value = xcli_double("forecast value",
	    eq + 1, -1e300, 1e300);
}

/*
 * Parses argv into o.  Dies as the command line asks: --help and
 * --version print and exit 0; misuse prints why and the usage line and
 * exits 2; a bad value says why ("threshold '200%': too large (allowed
 * 0%-100%)") and exits 2.  Free o with free_opts.
 */
static void
xparse(struct trenddoc_opts *o, int argc, char *argv[])
{
	int c;

	memset(o, 0, sizeof *o);
	o->format = "json";
	o->confidence = 0.95;
	o->threshold = 0.02;
	o->memory_mib = 24;
	o->seed = 1;
	opterr = 0;	/* xcli_badopt names the program, not argv[0] */
	while ((c = getopt_long(argc, argv, ":b:c:ef:hm:o:qt:Vw", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'b': o->baseline = optarg; break;
		case 'c': parse_compare(o, optarg); break;
		case 'e': o->exact = 1; break;
		case 'f':
			if (strcmp(optarg, "json") && strcmp(optarg, "csv") &&
			    strcmp(optarg, "text") && strcmp(optarg, "markdown"))
				xcli_misuse(usage, "format '%s': not json, csv, "
				    "text or markdown", optarg);
			o->format = optarg;
			break;
		case 'h': help(); break;
		case 'm': o->metric = optarg; break;
		case 'o': o->output = optarg; break;
		case 'q': quiet = 1; break;
		case 't':
			o->threshold = xcli_percent("threshold", optarg, 0, 1);
			break;
		case 'V': cli_version(); break;
		case 'w': wide = 1; break;
		case OPT_BY: o->by = optarg; break;
		case OPT_CHANGEPOINTS: o->changepoints = 1; break;
		case OPT_COMPLEXITY:
			o->complexity = 1;
			o->cx_col = optarg;
			break;
		case OPT_CONFIDENCE:
			o->confidence = xcli_percent("confidence", optarg, 0.5,
			    0.999);
			break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "regression") != 0)
				xcli_misuse(usage, "fail-on '%s': not "
				    "regression", optarg);
			o->fail_on_regression = 1;
			break;
		case OPT_FORECAST: parse_forecast(o, optarg); break;
		case OPT_HIGHER: o->higher = optarg; break;
		case OPT_INCLUDE_FAILED: o->include_failed = 1; break;
		case OPT_JUNIT: junit = optarg; break;
		case OPT_MEMORY:
			o->memory_mib = (double)xcli_int("memory", optarg, 1,
			    1048576);
			break;
		case OPT_SEED:
			o->seed = (unsigned long long)xcli_int("seed", optarg,
			    0, (1LL << 53));
			break;
		case OPT_X: o->xcol = optarg; break;
		default: xcli_badopt(c, argv, usage);
		}
	}
	if (o->baseline && o->cmp_col)
		xcli_misuse(usage, "--baseline and --compare exclude each other");
	if (o->fail_on_regression && !o->baseline && !o->cmp_col)
		xcli_misuse(usage, "--fail-on regression needs --baseline or "
		    "--compare");
	if (junit && !o->baseline && !o->cmp_col)
		xcli_misuse(usage, "--junit needs --baseline or --compare");
	if (o->baseline && strcmp(o->baseline, "-") == 0) {
		for (c = optind; c < argc && strcmp(argv[c], "-") != 0; c++)
			;
		if (optind == argc || c < argc)
			xcli_misuse(usage, "standard input named twice");
	}
	o->files = argv + optind;
	o->nfiles = (size_t)(argc - optind);
}

/* Frees what o owns (the --forecast and --compare copies). */
static void
free_opts(struct trenddoc_opts *o)
{
	while (o->nforecasts > 0)
		free((char *)o->forecasts[--o->nforecasts].text);
	free(o->forecasts);
	free(o->cmp_text);
}

static void
die(struct perr *e)
{
	errx(EXIT_TROUBLE, "%s", e->msg);
}

static struct trenddoc_input in;	/* the inputs, read once by main */
static struct gacc_budget budget = { 0, 0, 0.01, 0 };

/* Making the groups one at a time, wave after wave. */
struct making {
	json_t *doc;		/* its geometric means set after the last */
	size_t first;		/* the index of the wave's first group */
	int failed;		/* a wave could not be read: e says why */
	struct perr e;
};

/* Group i of the inputs (i counting up from 0) into *g: 1, or 0 after
 * the last, or -1 when a wave could not be read (mk->e says why). */
static int
make_group(void *ctx, size_t i, json_t **g)
{
	struct making *mk = ctx;
	size_t n;
	int got;

	while (i - mk->first >= (n = groups_count(in.all))) {
		if ((got = trenddoc_next_wave(&opt, &in, &budget,
		    &mk->e)) < 0) {
			mk->failed = 1;
			return -1;
		}
		if (got == 0) {
			trenddoc_set_geomean(mk->doc, &in);
			return 0;
		}
		mk->first += n;
	}
	*g = trenddoc_group(&opt, &in, i - mk->first);
	return 1;
}

/* Every format writes (or, for the tables of text and Markdown, reads)
 * each group as it is made (trenddoc_build_nogroups), holding one. */
static int
emit(json_t *doc, FILE *fp, const char *name, struct perr *e)
{
	struct making mk = { doc, 0, 0, { "" } };
	struct trendfmt_groups gs = { make_group, &mk };
	int rv;

	if (strcmp(opt.format, "json") == 0)
		rv = jsonio_write_stream(doc, TRENDDOC_GROUPS, gs.make,
		    gs.ctx, fp);
	else if (strcmp(opt.format, "csv") == 0)
		rv = trendfmt_csv_stream(doc, &gs, fp);
	else
		rv = trendtext_write(doc, &gs, fp, strcmp(opt.format,
		    "markdown") == 0, wide);
	if (mk.failed)
		return perr_set(e, "%s", mk.e.msg);
	if (rv < 0 || fflush(fp) == EOF || ferror(fp))
		return perr_set(e, "%s: write error: %s", name,
		    strerror(errno));
	return 0;
}

/* Writes the document to stdout, or replaces -o FILE whole with it. */
static void
xoutput(json_t *doc)
{
	struct atomicfile af;
	struct perr e;

	if (opt.output) {
		if (atomicfile_open(&af, opt.output, &e) < 0)
			die(&e);
		if (emit(doc, af.fp, opt.output, &e) < 0) {
			atomicfile_abort(&af);
			die(&e);
		}
		if (atomicfile_commit(&af, &e) < 0)
			die(&e);
	} else if (!quiet && emit(doc, stdout, "<stdout>", &e) < 0)
		die(&e);
}

/* Replaces --junit FILE whole with the comparisons as test cases. */
static void
xjunit(const json_t *doc)
{
	struct junit j;
	struct perr e;

	junit_init(&j, "perf-trend");
	trendjunit_cases(doc, &j);
	if (junit_save(&j, junit, &e) < 0)
		die(&e);
	junit_free(&j);
}

/* A gate that compared nothing must not pass: says what did not match,
 * and how to match it. */
static void
nothing_compared(const json_t *doc)
{
	const json_t *u = json_object_get(doc, "unmatched"), *g;
	char *lab, *side[2] = { NULL, NULL }, *which;
	size_t i, k;

	json_array_foreach(u, i, g) {
		k = strcmp(json_string_value(json_object_get(g, "only_in")),
		    "baseline") != 0;
		lab = trendfmt_label(g, 1);
		if (side[k] == NULL)
			side[k] = lab;
		else
			free(lab);
	}
	which = u == NULL ? xstrdup("the groups match but share no metric") :
	    xasprintf("no group of the candidate matches the baseline "
	    "(baseline: %s; candidate: %s)", side[0] ? side[0] : "none",
	    side[1] ? side[1] : "none");
	warnx("--fail-on regression: nothing was compared: %s; match groups "
	    "with --by (e.g. --by name), or record a key that stays the same "
	    "across runs", which);
	free(which);
	free(side[0]);
	free(side[1]);
}

int
main(int argc, char *argv[])
{
	struct trenddoc_input base;
	/* Static: still held (not a leak) when a write error ends us. */
	static json_t *doc;
	int regressed = 0, status;

	/* The value arrays grow by doubling: from the mmap threshold up,
	 * realloc moves pages (mremap) instead of copying them.  A fixed
	 * threshold, for glibc's dynamic one rises as big blocks are freed
	 * and then every later doubling is a copy. */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
	xparse(&opt, argc, argv);
	budget.limit = opt.exact ? 0 : (size_t)(opt.memory_mib * 1048576);
	xtrenddoc_load(&in, &opt, opt.files, opt.nfiles, 1, &budget);
	xtrenddoc_check_names(&in, &opt);
	if (opt.baseline)
		xtrenddoc_load(&base, &opt, (char *[]){ (char *)opt.baseline },
		    1, 0, &budget);
	doc = trenddoc_build_nogroups(&opt, &in, opt.baseline ? &base : NULL,
	    &budget, &regressed);
	xoutput(doc);
	if (junit)
		xjunit(doc);
	status = opt.fail_on_regression && regressed > 0 ? EXIT_TRIP : EXIT_OK;
	if (opt.fail_on_regression && regressed < 0) {
		nothing_compared(doc);
		status = EXIT_TROUBLE;
	}
	json_decref(doc);
	trenddoc_free_input(&in);
	if (opt.baseline)
		trenddoc_free_input(&base);
	free_opts(&opt);
	cli_exit(status);
}
