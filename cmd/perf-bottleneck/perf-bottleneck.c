/* perf-bottleneck.c - bottlenecks of samples found the USE way, with
 * severity, a health score per host, recommendations, budgets on runs and
 * real-time alerts; reads schemas/samples or schemas/runs, writes
 * schemas/findings (or alert lines, schemas/alerts). */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "blame.h"
#include "budget.h"
#include "eval.h"
#include "fmt/csvread.h"
#include "fmt/jsonio.h"
#include "fmt/junit.h"
#include "junitout.h"
#include "report.h"
#include "rules.h"
#include "series.h"
#include "util/atomicfile.h"
#include "util/cli.h"
#include "util/xalloc.h"

enum { OPT_BUDGET = 256, OPT_CPUS, OPT_FAIL_ON, OPT_FD_MAX, OPT_JUNIT };

static const struct option longopts[] = {
	{ "budget", required_argument, NULL, OPT_BUDGET },
	{ "cpus", required_argument, NULL, OPT_CPUS },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "fd-max", required_argument, NULL, OPT_FD_MAX },
	{ "follow", no_argument, NULL, 'F' },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "junit", required_argument, NULL, OPT_JUNIT },
	{ "output", required_argument, NULL, 'o' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "threshold", required_argument, NULL, 't' },
	{ "thresholds", required_argument, NULL, 'T' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* Options, set once by main. */
static const char *format = "json", *output, *thresholds, *fail_on, *junit;
static double cpus = NAN, fdmax = NAN;
static int follow, quiet;
static json_t *opt_thr, *opt_budget;
static volatile sig_atomic_t stop;

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: perf-bottleneck [-FhqV] [-f json|text|csv|markdown] "
	    "[-o file]\n"
	    "                       [-t metric=warn,crit[,for[,clear]]] "
	    "[-T thresholds.csv]\n"
	    "                       [--budget [name=cmd:]metric=limit] "
	    "[--cpus n] [--fail-on warning|critical]\n"
	    "                       [--fd-max n] [--junit file] "
	    "[file ...]\n");
}

static void
help(void)
{
	usage(stdout);
	fputs("\n"
"Bottlenecks in perfpipe samples CSV by the USE method (utilization,\n"
"saturation, errors): findings with severity, evidence and advice, and a\n"
"health score 0-100 per host; budgets on runs CSV.  Files are merged by\n"
"column name; none or - is stdin.\n\n"
"      --budget [name=CMD:]METRIC=LIMIT  runs: fail when the 95% interval\n"
"                          of the median is above LIMIT (repeatable)\n"
"      --cpus N            CPUs, when there are no cpuN_busy_pct columns\n"
"      --fail-on SEV       exit 1 on a finding of warning or critical\n"
"      --fd-max N          the file handle limit, for fd_used_pct\n"
"  -F, --follow            alert lines as rows arrive (firing, resolved)\n"
"  -f, --format FMT        json (default), text, csv or markdown\n"
"      --junit FILE        each rule and budget as a JUnit XML test case in\n"
"                          FILE, failed at the --fail-on level (default warning)\n"
"  -o, --output FILE       write FILE whole instead of stdout\n"
"  -q, --quiet             no report on stdout (the exit status, -o, --junit)\n"
"  -t, --threshold M=W,C[,FOR[,CLEAR]]  levels of a rule (repeatable)\n"
"  -T, --thresholds FILE   rules from a thresholds CSV\n"
"  -h, --help              this help\n"
"  -V, --version           the version\n\n"
"Exit status: 0 done, 1 --fail-on tripped, 2 trouble.\n", stdout);
	cli_exit(EXIT_OK);
}

static void
parse(int argc, char *argv[], struct rules *rs, struct budgets *bs)
{
	struct perr e;
	int c, i;

	opt_thr = json_array();
	opt_budget = json_array();
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":Ff:ho:qt:T:V", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'F': follow = 1; break;
		case 'f':
			if (strcmp(optarg, "json") && strcmp(optarg, "text") &&
			    strcmp(optarg, "csv") && strcmp(optarg, "markdown"))
				xcli_misuse(usage, "format '%s': not json, text, csv "
				    "or markdown", optarg);
			format = optarg;
			break;
		case 'h': help(); break;
		case 'o': output = optarg; break;
		case 'q': quiet = 1; break;
		case 't': json_array_append_new(opt_thr, json_string(optarg));
			break;
		case 'T': thresholds = optarg; break;
		case 'V': cli_version(); break;
		case OPT_BUDGET:
			if (budget_parse(bs, optarg, &e) < 0)
				errx(EXIT_TROUBLE, "%s", e.msg);
			json_array_append_new(opt_budget, json_string(optarg));
			break;
		case OPT_CPUS:
			cpus = (double)xcli_int("cpus", optarg, 1, 65536);
			break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "warning") && strcmp(optarg,
			    "critical"))
				xcli_misuse(usage, "fail-on '%s': not warning or critical",
				    optarg);
			fail_on = optarg;
			break;
		case OPT_FD_MAX:
			fdmax = (double)xcli_int("fd-max", optarg, 1,
			    (1LL << 53));
			break;
		case OPT_JUNIT: junit = optarg; break;
		default: xcli_badopt(c, argv, usage);
		}
	}
	/* The file first, then --threshold in the order given. */
	if (thresholds && rules_load(rs, thresholds, &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
	for (i = 0; (size_t)i < json_array_size(opt_thr); i++)
		if (rules_set(rs, json_string_value(json_array_get(opt_thr,
		    (size_t)i)), &e) < 0)
			errx(EXIT_TROUBLE, "%s", e.msg);
	if (follow && output)
		xcli_misuse(usage, "--follow writes to stdout, not --output");
	if (follow && junit)
		xcli_misuse(usage, "--follow writes alerts, not --junit");
}

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* SIGINT and SIGTERM end --follow after the current row, with a summary:
 * no SA_RESTART, so that a blocked read returns. */
static void
catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* The group's name for --budget: the name column, else the command. */
static const char *
run_name(const struct csvread *r, const struct csvread_row *row)
{
	long c = csvread_col(r, "name");

	if (c < 0 || row->len[c] == 0)
		c = csvread_col(r, "command");
	return c >= 0 ? row->f[c] : "";
}

/* Reads every row into the evaluator (samples) or the budgets (runs).
 * Returns the rows read per source in *rows (caller frees). */
static unsigned long *
process(struct csvread *r, struct layout *l, struct eval *ev,
    struct budgets *bs, struct blame *bl)
{
	unsigned long *rows = xcalloc(csvread_nsrc(r), sizeof *rows);
	struct csvread_row row;
	struct perr e;
	double *vals = xcalloc(l->ncols + 1, sizeof *vals);
	char **kv = xcalloc(l->nkeys + 1, sizeof *kv);
	struct group *g;
	double t;
	size_t i, gi;
	int got = 0, bad = 0;

	while (!stop && (got = csvread_next(r, &row, &e)) > 0) {
		rows[row.src]++;
		if (layout_parse(l, r, &row, vals, &e) < 0)
			errx(EXIT_TROUBLE, "%s", e.msg);
		if (!l->runs) {
			gi = eval_row(ev, &row, vals);
			g = &ev->g[gi];
			blame_row(bl, gi, g->last, l->interval >= 0 &&
			    vals[l->interval] > 0 ? vals[l->interval] : g->lastdt,
			    vals);
			continue;
		}
		for (i = 0; i < l->nkeys; i++)
			kv[i] = row.f[l->keys[i]];
		gi = eval_group(ev, l->host >= 0 ? row.f[l->host] : "", kv);
		g = &ev->g[gi];
		t = l->time >= 0 ? vals[l->time] : NAN;
		g->rows++;
		if (isnan(g->first) || t < g->first)
			g->first = t;
		if (isnan(g->last) || t > g->last)
			g->last = t;
		budget_row(bs, gi, run_name(r, &row), &row, t, &e, &bad);
		if (bad)
			errx(EXIT_TROUBLE, "%s", e.msg);
	}
	if (!stop && got < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
	free(vals);
	free(kv);
	return rows;
}

/* A rule of the user's own watches a column the input must have: a
 * misspelt name is an error, not a rule that never fires. */
static void
custom_fed(const struct rules *rs, const struct layout *l)
{
	size_t k, i;

	for (k = 0; k < rs->n && !l->runs; k++) {
		if (strcmp(rs->r[k].resource, "custom") != 0)
			continue;
		for (i = 0; i < l->ns && l->s[i].rule != k; i++)
			;
		if (i == l->ns)
			errx(EXIT_TROUBLE, "threshold for '%s' (%s): no column "
			    "'%s' in the input", rs->r[k].metric,
			    rs->r[k].source, rs->r[k].metric);
	}
}

static json_t *
inputs(const struct csvread *r, const struct layout *l,
    const unsigned long *rows)
{
	json_t *a = json_array(), *o;
	size_t s;

	for (s = 0; s < csvread_nsrc(r); s++) {
		o = json_object();
		xjsonio_set(o, "path", xjsonio_text(csvread_srcname(r, s)));
		xjsonio_set(o, "format", json_string(l->runs ? "runs" :
		    "samples"));
		xjsonio_set(o, "rows", json_integer((json_int_t)rows[s]));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
options(void)
{
	json_t *o = json_object();

	xjsonio_set(o, "budget", json_incref(opt_budget));
	xjsonio_set(o, "cpus", xjsonio_num(cpus));
	xjsonio_set(o, "fail_on", fail_on ? json_string(fail_on) :
	    json_null());
	xjsonio_set(o, "fd_max", xjsonio_num(fdmax));
	xjsonio_set(o, "follow", json_boolean(follow));
	xjsonio_set(o, "format", json_string(format));
	xjsonio_set(o, "output", output ? xjsonio_text(output) : json_null());
	xjsonio_set(o, "threshold", json_incref(opt_thr));
	xjsonio_set(o, "thresholds", thresholds ? xjsonio_text(thresholds) :
	    json_null());
	return o;
}

static int
emit(const struct report *rp, const json_t *doc, FILE *fp, const char *name,
    struct perr *e)
{
	int rv;

	if (strcmp(format, "json") == 0)
		return jsonio_write(doc, fp, name, e);
	rv = strcmp(format, "csv") == 0 ? report_csv(rp, doc, fp) :
	    report_text(doc, fp, strcmp(format, "markdown") == 0);
	if (rv < 0 || fflush(fp) == EOF || ferror(fp))
		return perr_set(e, "%s: write error: %s", name, strerror(errno));
	return 0;
}

/* Writes the findings to stdout, or replaces -o FILE whole. */
static void
write_report(const struct report *rp, const json_t *doc)
{
	struct atomicfile af;
	struct perr e;

	if (output) {
		if (atomicfile_open(&af, output, &e) < 0)
			errx(EXIT_TROUBLE, "%s", e.msg);
		if (emit(rp, doc, af.fp, output, &e) < 0) {
			atomicfile_abort(&af);
			errx(EXIT_TROUBLE, "%s", e.msg);
		}
		if (atomicfile_commit(&af, &e) < 0)
			errx(EXIT_TROUBLE, "%s", e.msg);
	} else if (!quiet && emit(rp, doc, stdout, "<stdout>", &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
}

/* Replaces --junit FILE whole with each rule and budget as a test case. */
static void
write_junit(const struct eval *ev, const struct budgets *bs)
{
	struct junit j;
	struct perr e;

	junit_init(&j, "perf-bottleneck");
	junitout_cases(&j, ev, bs, fail_on && strcmp(fail_on, "critical") == 0 ?
	    SEV_CRITICAL : SEV_WARNING);
	if (junit_save(&j, junit, &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
	junit_free(&j);
}

/* The last word of --follow, on stderr: rows, alerts, what still fires. */
static void
summary(const struct eval *ev, const struct alert *a, unsigned long rows)
{
	size_t i, open = 0;

	for (i = 0; i < ev->nf; i++)
		open += ev->f[i].open;
	fprintf(stderr, "perf-bottleneck: %s after %lu rows: %lu firing "
	    "(%lu critical, %lu warning), %zu still firing\n",
	    stop ? "stopped" : "end of input", rows,
	    a->fired[SEV_WARNING] + a->fired[SEV_CRITICAL],
	    a->fired[SEV_CRITICAL], a->fired[SEV_WARNING], open);
}

int
main(int argc, char *argv[])
{
	struct rules rs;
	struct budgets bs;
	struct notes notes = { NULL, 0 };
	struct alert al = { stdout, NULL, 0, 0, { 0, 0, 0, 0 } };
	struct csvread *r;
	struct layout l;
	struct eval ev;
	struct report rp;
	struct blame bl;
	struct perr e;
	unsigned long *rows, total = 0;
	json_t *doc;
	int worst = SEV_NONE, trip;
	size_t i;

	memset(&bs, 0, sizeof bs);
	rules_defaults(&rs);
	parse(argc, argv, &rs, &bs);
	if (follow)
		catch_signals();
	if ((r = csvread_open(argv + optind, (size_t)(argc - optind),
	    &e)) == NULL) {
		if (stop)
			cli_exit(EXIT_OK);
		errx(EXIT_TROUBLE, "%s", e.msg);
	}
	layout_init(&l, r, &rs, cpus, fdmax, &notes);
	custom_fed(&rs, &l);
	budget_bind(&bs, r, &notes);
	blame_init(&bl, r, &l);
	al.format = format;
	eval_init(&ev, &l, &rs, follow ? alert_event : NULL, &al);
	rows = process(r, &l, &ev, &bs, &bl);
	eval_finish(&ev);
	budget_finish(&bs, &ev);
	if (!follow)
		blame_leaks(&bl, &ev);
	for (i = 0; i < csvread_nsrc(r); i++)
		total += rows[i];
	if (total == 0)
		notes_add(&notes, "no data rows");
	for (i = 0; total > 0 && i < l.ns; i++)
		if (ev.known[i] == 0)
			notes_add(&notes, "rule %s: %s has no value in any row",
			    rs.r[l.s[i].rule].metric, l.s[i].name);
	for (i = 0; i < ev.nf; i++)
		if (ev.f[i].sev > worst)
			worst = ev.f[i].sev;
	if (follow) {
		summary(&ev, &al, total);
		if (al.failed)
			errx(EXIT_TROUBLE, "<stdout>: write error");
	} else {
		report_init(&rp, &ev, &rs, &notes, inputs(r, &l, rows),
		    options());
		rp.blame = &bl;
		doc = report_json(&rp, &worst);
		write_report(&rp, doc);
		if (junit)
			write_junit(&ev, &bs);
		json_decref(doc);
		json_decref(rp.inputs);
		json_decref(rp.options);
		report_free(&rp);
	}
	trip = fail_on && worst >= (strcmp(fail_on, "warning") == 0 ?
	    SEV_WARNING : SEV_CRITICAL);
	free(rows);
	eval_free(&ev);
	budget_free(&bs);
	blame_free(&bl);
	layout_free(&l);
	notes_free(&notes);
	rules_free(&rs);
	csvread_close(r);
	json_decref(opt_thr);
	json_decref(opt_budget);
	cli_exit(trip ? EXIT_TRIP : EXIT_OK);
}
