/* perf-report.c - the report a person reads: text, Markdown, HTML and
 * gnuplot charts from any mix of perfpipe files; reads schemas/samples,
 * runs, trend, findings and validation, writes schemas/report. */
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "charts.h"
#include "gprun.h"
#include "derive.h"
#include "fmt/csvread.h"
#include "fmt/jsonio.h"
#include "live.h"
#include "outdir.h"
#include "rdata.h"
#include "rdoc.h"
#include "rmeasure.h"
#include "rhtml.h"
#include "rinput.h"
#include "rtext.h"
#include "util/cli.h"
#include "util/xalloc.h"

enum { OPT_INTERACTIVE = 256, OPT_LIVE, OPT_NO_CHARTS };

static const struct option longopts[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "interactive", no_argument, NULL, OPT_INTERACTIVE },
	{ "interval", required_argument, NULL, 'i' },
	{ "live", no_argument, NULL, OPT_LIVE },
	{ "no-charts", no_argument, NULL, OPT_NO_CHARTS },
	{ "output", required_argument, NULL, 'o' },
	{ "title", required_argument, NULL, 't' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* Options, set once by main. */
static const char *format = "text", *outdir, *title;
static int charts = 1, interactive, live;
static double interval = 1;

/* The directory being built (removed on any failure), and the programs
 * running for the report (stopped on any failure). */
static char *workdir;
static struct derive_job *jobs[4];
static size_t njobs;

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: perf-report [-hV] [-f text|md|json] [-o dir] "
	    "[-t title] [--interactive]\n"
	    "                   [--no-charts] [file ...]\n"
	    "       perf-report --live [-i interval] [file]\n");
}

static void help(void) __attribute__((noreturn));

static void
help(void)
{
	usage(stdout);
	fputs("\n"
"Makes the report a person reads from any mix of perfpipe files: samples\n"
"and runs CSV (told by their header), trend, findings and validation JSON\n"
"(told by their \"format\").  Raw CSV alone is a full report: perf-trend,\n"
"perf-bottleneck and perf-validate run on it.\n\n"
"  -f, --format FMT        on standard output: text (default), md or json\n"
"  -i, --interval DUR      --live: redraw every DUR (default 1s)\n"
"      --interactive       report.html with gnuplot's mouse script\n"
"      --live              a terminal dashboard of samples as they come\n"
"      --no-charts         no gnuplot charts\n"
"  -o, --output DIR        write report.{txt,md,html,json}, the charts and\n"
"                          their data into DIR, whole or not at all\n"
"  -t, --title TEXT        the report's title\n"
"  -h, --help              this help\n"
"  -V, --version           the version\n\n"
"Exit status: 0 done, 2 trouble (bad input, gnuplot missing or failing).\n",
	    stdout);
	cli_exit(EXIT_OK);
}

static void die(const char *fmt, ...) __attribute__((noreturn,
    format(printf, 1, 2)));

/* Reports, removes the half-built report and exits 2. */
static void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("perf-report: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	for (size_t i = 0; i < njobs; i++)
		derive_kill(jobs[i]);
	if (workdir)
		outdir_remove(workdir);
	exit(EXIT_TROUBLE);
}

static void
on_signal(int sig)
{
	/* The half-built report goes with us, and so do the programs
	 * deriving its documents (kill and waitpid are safe here). */
	for (size_t i = 0; i < njobs; i++)
		if (jobs[i] != NULL)
			derive_kill(jobs[i]);
	gprun_kill();
	if (workdir)
		outdir_remove_signal(workdir);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Appends {"label", "sources", "doc"} to arr, taking doc: label says
 * where the document came from, sources the inputs it was made of. */
static void
add_doc(json_t *arr, const char *label, const char *const *names, size_t n,
    json_t *doc)
{
	json_t *o = json_object(), *src = json_array(), *t;
	size_t i;

	for (i = 0; i < n; i++)
		if ((t = json_string(names[i])) != NULL)
			json_array_append_new(src, t);
	t = json_string(label);
	xjsonio_set(o, "label", t ? t : json_string("(a name not UTF-8)"));
	xjsonio_set(o, "sources", src);
	xjsonio_set(o, "doc", doc);
	json_array_append_new(arr, o);
}

/* "a.csv, b.csv" for messages. */
static char *
joined(const char *const *names, size_t n)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < n; i++) {
		t = xasprintf("%s%s%s", s, i ? ", " : "", names[i]);
		free(s);
		s = t;
	}
	return s;
}

/* Writes doc over the derived file at path. */
static int
rewrite(const json_t *doc, const char *path, struct perr *e)
{
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL)
		return perr_set(e, "%s: %s", path, strerror(errno));
	if (jsonio_write(doc, fp, path, e) != 0) {
		fclose(fp);
		return -1;
	}
	if (fclose(fp) != 0)
		return perr_set(e, "%s: write error: %s", path,
		    strerror(errno));
	return 0;
}

/* A job running prog with args (NULL-terminated) then the files. */
static struct derive_job *
job(const char *prog, const char *out, const char *const *args,
    char **paths, const char **names, size_t n)
{
	struct derive_job *j = xcalloc(1, sizeof *j);
	size_t na = 0, i, k = 1;
	char *files = joined(names, n);

	while (args[na])
		na++;
	j->prog = prog;
	j->argv = xcalloc(na + n + 2, sizeof *j->argv);
	for (i = 0; i < na; i++)
		j->argv[k++] = (char *)args[i];
	/* Standard input's copy given as "-", so that the program names it
	 * <stdin>, not by the copy's temporary path; perf-validate wants a
	 * file by name. */
	for (i = 0; i < n; i++)
		if (strcmp(names[i], "<stdin>") == 0 &&
		    strcmp(prog, "perf-validate") != 0) {
			j->argv[k++] = "-";
			j->in = paths[i];
		} else
			j->argv[k++] = paths[i];
	j->out = xasprintf("%s/data/%s", workdir, out);
	j->err = xasprintf("%s/data/%s.err", workdir, out);
	j->what = xasprintf("%s on %s", prog, files);
	j->names = names;
	j->nnames = n;
	free(files);
	return j;
}

/* perf-trend's options for samples: the metrics the report describes
 * (perf-trend's time is per metric, and a day has 62 of them), and the
 * forecast of memory use. */
static const char **
samples_args(char **paths, size_t n)
{
	static const char *args[6];
	static char *list;
	const char *const *h;
	struct csvread *r;
	struct perr e;
	size_t nh, i, k = 0;
	char *t;

	list = xstrdup("");
	h = rmeasure_headline(&nh);
	if ((r = csvread_open(paths, n, &e)) != NULL) {
		for (i = 0; i < nh; i++)
			if (csvread_col(r, h[i]) >= 0) {
				t = xasprintf("%s%s%s", list, *list ? "," : "",
				    h[i]);
				free(list);
				list = t;
			}
		if (csvread_col(r, "mem_used_pct") >= 0) {
			args[k++] = "--forecast";
			args[k++] = "mem_used_pct=90";
		}
		csvread_close(r);
	}
	if (*list) {
		args[k++] = "-m";
		args[k++] = list;
	}
	args[k] = NULL;
	return args;
}

/* perf-trend's options for runs: change points of each command's history;
 * with two commands, the comparison of the second against the first; with
 * a parameter, the complexity fit (perf-trend's default). */
static const char **
runs_args(const struct rruns *r)
{
	static const char *args[10];
	static char cmp[512];
	const char *a, *b;
	size_t n = 0;

	args[n++] = "--changepoints";
	/* The run time and the peak memory; the other columns are in the
	 * runs file for whoever needs them. */
	args[n++] = "-m";
	args[n++] = r->has_rss ? "wall_s,max_rss_kib" : "wall_s";
	if (r->ng == 2 && r->param == NULL) {
		a = r->g[0].label;
		b = r->g[1].label;
		/* A name holding ',' or '=' cannot be said to -c: said
		 * rather than the comparison left out in silence. */
		if (!strpbrk(a, ",=") && !strpbrk(b, ",=") &&
		    snprintf(cmp, sizeof cmp, "name=%s,%s", a, b) <
		    (int)sizeof cmp) {
			args[n++] = "-c";
			args[n++] = cmp;
		} else
			warnx("'%s' and '%s' not compared: perf-trend -c "
			    "cannot name a command whose name holds ',' or '=' "
			    "(perf-time -n gives it another)", a, b);
	}
	/* A scan's complexity: perf-trend fits its one param_* column by
	 * default, and says why not when its values are names. */
	args[n] = NULL;
	return args;
}

/* Writes one rendering into the report directory. */
static void
write_one(const char *name, const json_t *doc, int what)
{
	char *path = xasprintf("%s/%s", workdir, name), why[512];
	struct perr e;
	FILE *fp;

	if ((fp = fopen(path, "w")) == NULL)
		die("%s: %s", path, strerror(errno));
	why[0] = '\0';
	if (what == 0) {
		if (jsonio_write(doc, fp, name, &e) != 0)
			die("%s", e.msg);
	} else if (what == 1)
		rtext_text(doc, fp);
	else if (what == 2)
		rtext_md(doc, fp);
	else if (rhtml_write(doc, charts ? workdir : NULL, interactive, fp,
	    why, sizeof why) != 0)
		die("chart %s", why);
	if (ferror(fp) | fclose(fp))
		die("%s/%s: %s", outdir, name, strerror(errno));
	free(path);
}

static void
write_all(const json_t *doc)
{
	write_one("report.json", doc, 0);
	write_one("report.txt", doc, 1);
	write_one("report.md", doc, 2);
	write_one("report.html", doc, 3);
}

int
main(int argc, char *argv[])
{
	static const char *const noargs[] = { NULL };
	struct rinput *in;
	struct rsamples samples;
	struct rruns runs;
	struct rdoc_in ri;
	struct charts_in ci;
	struct perr e;
	json_t *trends, *findings, *validations, *doc, *opts;
	char **spaths, **rpaths, **cpaths, **dpaths, *path, *plots;
	const char **snames, **rnames, **cnames, **dnames, *sde, *sin;
	size_t nin, i, n, ns, nr, nc;
	struct stat st;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:hi:o:t:V", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			if (strcmp(format, "text") && strcmp(format, "md") &&
			    strcmp(format, "json"))
				xcli_misuse(usage, "format '%s': not text, md "
				    "or json", optarg);
			break;
		case 'h':
			help();
		case 'i':
			interval = xcli_duration("interval", optarg, 0.05,
			    3600);
			break;
		case 'o':
			outdir = optarg;
			break;
		case 't':
			title = optarg;
			break;
		case 'V':
			cli_version();
		case OPT_INTERACTIVE:
			interactive = 1;
			break;
		case OPT_LIVE:
			live = 1;
			break;
		case OPT_NO_CHARTS:
			charts = 0;
			break;
		default:
			xcli_badopt(c, argv, usage);
		}
	}
	argc -= optind;
	argv += optind;

	if (live) {
		if (argc > 1 || outdir)
			xcli_misuse(usage, "--live reads one file (or standard "
			    "input) and writes no directory");
		if ((plots = charts_plots_dir()) == NULL)
			die("the chart scripts (plots/*.gp) are not beside "
			    "the program; set PERFPIPE_PLOTS");
		c = live_run(argc ? argv[0] : "-", interval, plots);
		free(plots);
		cli_exit(c);
	}
	if (interactive && !outdir)
		xcli_misuse(usage, "--interactive needs -o DIR (report.html)");

	/* Where to build: beside DIR, so the rename is atomic; without -o,
	 * a directory of our own for the derived files. */
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (outdir) {
		if ((workdir = outdir_begin(outdir, &e)) == NULL)
			die("%s", e.msg);
	} else {
		const char *t = getenv("TMPDIR");

		workdir = xasprintf("%s/perf-report.XXXXXX", t && *t ? t :
		    "/tmp");
		if (mkdtemp(workdir) == NULL)
			die("%s: %s", workdir, strerror(errno));
	}
	path = xasprintf("%s/data", workdir);
	if (mkdir(path, 0755) != 0)
		die("%s: %s", path, strerror(errno));
	free(path);

	/* Recognise every input (standard input once: it is read once). */
	nin = argc ? (size_t)argc : 1;
	for (i = 0, c = 0; i < (size_t)argc; i++)
		if ((c += strcmp(argv[i], "-") == 0) > 1)
			xcli_misuse(usage, "standard input named twice");
	in = xcalloc(nin, sizeof *in);
	for (i = 0; i < nin; i++)
		if (rinput_open(argc ? argv[i] : "-", workdir, &in[i], &e) != 0)
			die("%s", e.msg);
	trends = json_array();
	findings = json_array();
	validations = json_array();
	for (i = 0; i < nin; i++)
		if (in[i].doc)
			add_doc(in[i].kind == RK_TREND ? trends :
			    in[i].kind == RK_FINDINGS ? findings : validations,
			    in[i].name, (const char *const *)&in[i].name, 1,
			    json_incref(in[i].doc));

	/* What the raw rows lack is derived by the programs that own it,
	 * while perf-report reads the rows for its charts. */
	ns = rinput_of_kind(in, nin, RK_SAMPLES, RK_SAMPLES, RK_SAMPLES, &spaths,
	    &snames);
	nr = rinput_of_kind(in, nin, RK_RUNS, RK_RUNS, RK_SAMPLES, &rpaths, &rnames);
	rinput_unrelated(in, nin, ns + nr);
	memset(&samples, 0, sizeof samples);
	memset(&runs, 0, sizeof runs);
	if (nr) {
		long *rows = xcalloc(nr, sizeof *rows);
		size_t k = 0;

		if (rdata_runs(rpaths, nr, rnames, rows, &runs, &e) != 0)
			die("%s", e.msg);
		for (i = 0; i < nin; i++)
			if (in[i].kind == RK_RUNS)
				in[i].rows = rows[k++];
		free(rows);
	}
	/* Each raw file that no given document was made from is derived:
	 * a trend of other files given beside it stood in for its own. */
	if ((n = rinput_of_kind(in, nin, RK_SAMPLES, RK_SAMPLES, RK_TREND, &dpaths,
	    &dnames)) > 0)
		jobs[njobs++] = job("perf-trend", "trend-samples.json",
		    samples_args(dpaths, n), dpaths, dnames, n);
	else
		free(dnames);
	free(dpaths);	/* job() copied the paths; it keeps the names */
	if ((n = rinput_of_kind(in, nin, RK_RUNS, RK_RUNS, RK_TREND, &dpaths,
	    &dnames)) > 0)
		jobs[njobs++] = job("perf-trend", "trend-runs.json",
		    runs_args(&runs), dpaths, dnames, n);
	else
		free(dnames);
	free(dpaths);
	if ((n = rinput_of_kind(in, nin, RK_SAMPLES, RK_SAMPLES, RK_FINDINGS,
	    &dpaths, &dnames)) > 0)
		jobs[njobs++] = job("perf-bottleneck", "findings.json", noargs,
		    dpaths, dnames, n);
	else
		free(dnames);
	free(dpaths);
	if ((nc = rinput_of_kind(in, nin, RK_SAMPLES, RK_RUNS, RK_VALIDATION,
	    &cpaths, &cnames)) > 0)
		jobs[njobs++] = job("perf-validate", "validation.json", noargs,
		    cpaths, cnames, nc);
	for (i = 0; i < njobs; i++)
		if (derive_start(jobs[i], &e) != 0)
			die("%s", e.msg);
	/* The samples are read while the programs run. */
	if (ns) {
		long *rows = xcalloc(ns, sizeof *rows);
		size_t nm, k = 0;
		const char *const *m = charts_metrics(&nm);

		if (rdata_samples(spaths, ns, snames, m, nm, rows, &samples,
		    &e) != 0)
			die("%s", e.msg);
		for (i = 0; i < nin; i++)
			if (in[i].kind == RK_SAMPLES)
				in[i].rows = rows[k++];
		free(rows);
	}
	/* A header alone is refused here, by file:line, before the programs
	 * deriving from it say the same in their own words. */
	for (i = 0; i < nin; i++)
		if (in[i].rows == 0)
			die("%s:2: no data rows (a header only)", in[i].name);
	for (i = 0; i < njobs; i++) {
		if ((doc = derive_finish(jobs[i], &e)) == NULL)
			die("%s", e.msg);
		/* Its warnings, if any, stay beside its output. */
		if (stat(jobs[i]->err, &st) == 0 && st.st_size == 0)
			unlink(jobs[i]->err);
		if ((sin = rinput_stdin(in, nin)) != NULL &&
		    rinput_rename_stdin(doc, sin, strlen(sin)) &&
		    rewrite(doc, jobs[i]->out, &e) != 0)
			die("%s", e.msg);
		add_doc(strcmp(jobs[i]->prog, "perf-trend") == 0 ? trends :
		    strcmp(jobs[i]->prog, "perf-bottleneck") == 0 ? findings :
		    validations, jobs[i]->what, jobs[i]->names,
		    jobs[i]->nnames, doc);
	}

	/* The document, its charts, and its renderings. */
	opts = json_object();
	xjsonio_set(opts, "output", outdir ? json_string(outdir) :
	    json_null());
	xjsonio_set(opts, "charts", json_boolean(outdir && charts));
	xjsonio_set(opts, "interactive", json_boolean(interactive));
	rdoc_in_init(&ri, in, nin, trends, findings, validations,
	    ns ? &samples : NULL, nr ? &runs : NULL);
	ri.title = title;
	sde = getenv("SOURCE_DATE_EPOCH");
	ri.generated = sde && *sde ? strtod(sde, NULL) : (double)time(NULL);
	ri.options = opts;
	doc = rdoc_build(&ri);
	if (outdir && charts) {
		if ((plots = charts_plots_dir()) == NULL)
			die("the chart scripts (plots/*.gp) are not beside "
			    "the program; set PERFPIPE_PLOTS");
		memset(&ci, 0, sizeof ci);
		ci.samples = ns ? &samples : NULL;
		ci.runs = nr ? &runs : NULL;
		ci.findings = findings;
		ci.trends = trends;
		ci.plots = plots;
		ci.gnuplot = getenv("PERFPIPE_GNUPLOT") ?
		    getenv("PERFPIPE_GNUPLOT") : "gnuplot";
		ci.interactive = interactive;
		if (charts_draw(doc, &ci, workdir, &e) != 0)
			die("%s", e.msg);
		free(plots);
	}
	if (outdir) {
		write_all(doc);
		if (outdir_commit(workdir, outdir, &e) != 0)
			die("%s", e.msg);
		free(workdir);
		workdir = NULL;
	} else {
		if (strcmp(format, "json") == 0) {
			if (jsonio_write(doc, stdout, "<stdout>", &e) != 0)
				die("%s", e.msg);
		} else if (strcmp(format, "md") == 0)
			rtext_md(doc, stdout);
		else
			rtext_text(doc, stdout);
		outdir_remove(workdir);
		free(workdir);
		workdir = NULL;
	}
	json_decref(doc);
	cli_exit(EXIT_OK);
}
