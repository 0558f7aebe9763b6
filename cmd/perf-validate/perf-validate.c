/* perf-validate.c - can these measurements be trusted? checks of this
 * machine (timers, CPU time, memory, noise, spawn cost) or of perfpipe
 * files (format, schema, time series, statistical adequacy); reads
 * /proc, /sys and schemas/, writes schemas/validation (and
 * schemas/calibration). */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calib.h"
#include "check.h"
#include "filecheck.h"
#include "fmt/jsonio.h"
#include "fmt/junit.h"
#include "sysmeasure.h"
#include "sysprobe.h"
#include "util/atomicfile.h"
#include "util/cli.h"
#include "util/timeutil.h"

enum { OPT_CALOUT = 256, OPT_FAIL_ON, OPT_JUNIT, OPT_NO_MEASURE, OPT_QUICK,
	OPT_ROOT, OPT_SCHEMAS, OPT_SYSTEM };

static const struct option longopts[] = {
	{ "calibration-out", required_argument, NULL, OPT_CALOUT },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "junit", required_argument, NULL, OPT_JUNIT },
	{ "no-measure", no_argument, NULL, OPT_NO_MEASURE },
	{ "output", required_argument, NULL, 'o' },
	{ "quick", no_argument, NULL, OPT_QUICK },
	{ "quiet", no_argument, NULL, 'q' },
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "schemas", required_argument, NULL, OPT_SCHEMAS },
	{ "system", no_argument, NULL, OPT_SYSTEM },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* Options, set once by main. */
static const char *calout, *format = "json", *junit, *output, *root = "",
    *schemas;
static enum check_status fail_on = CHECK_FAIL;
static int measure = 1, quick, quiet, system_mode;

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: perf-validate [-hqV] [-f json|text|markdown] "
	    "[-o file] [--fail-on warn|fail]\n"
	    "                     [--junit file] [--quick] [--no-measure] "
	    "[--root dir]\n"
	    "                     [--calibration-out file] [--schemas dir] "
	    "[--system] [file ...]\n");
}

static void help(void) __attribute__((noreturn));

static void
help(void)
{
	usage(stdout);
	fputs("\n"
"Checks whether measurements can be trusted: this machine (no file, or\n"
"--system) or perfpipe files (samples, runs, trend, findings, validation).\n\n"
"      --calibration-out FILE  write the calibration (spawn cost, timer,\n"
"                          noise) to FILE whole, for perf-time\n"
"      --fail-on LEVEL     exit 1 at a check of LEVEL or worse: warn or fail\n"
"                          (default fail)\n"
"  -f, --format FMT        json (default), text or markdown\n"
"      --junit FILE        each check as a JUnit XML test case in FILE\n"
"      --no-measure        read the configuration only, measure nothing\n"
"  -o, --output FILE       write FILE whole instead of stdout\n"
"  -q, --quiet             no report on stdout (the exit status, -o, --junit)\n"
"      --quick             shorter measurements (under 2 s)\n"
"      --root DIR          read /proc and /sys under DIR\n"
"      --schemas DIR       the schemas (default: beside the program)\n"
"      --system            check this machine as well as the files\n"
"  -h, --help              this help\n"
"  -V, --version           the version\n\n"
"Exit status: 0 done, 1 a check at the --fail-on level, 2 trouble.\n",
	    stdout);
	cli_exit(EXIT_OK);
}

static void
parse(int argc, char *argv[])
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:ho:qV", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "json") && strcmp(optarg, "text") &&
			    strcmp(optarg, "markdown"))
				errx(EXIT_TROUBLE, "format '%s': not json, text or "
				    "markdown", optarg);
			format = optarg;
			break;
		case 'h':
			help();
		case 'o':
			output = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'V':
			cli_version();
		case OPT_CALOUT:
			calout = optarg;
			break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "warn") == 0)
				fail_on = CHECK_WARN;
			else if (strcmp(optarg, "fail") == 0)
				fail_on = CHECK_FAIL;
			else
				errx(EXIT_TROUBLE, "fail-on '%s': not warn or fail",
				    optarg);
			break;
		case OPT_JUNIT:
			junit = optarg;
			break;
		case OPT_NO_MEASURE:
			measure = 0;
			break;
		case OPT_QUICK:
			quick = 1;
			break;
		case OPT_ROOT:
			root = optarg;
			break;
		case OPT_SCHEMAS:
			schemas = optarg;
			break;
		case OPT_SYSTEM:
			system_mode = 1;
			break;
		default:
			xcli_badopt(c, argv, usage);
		}
	}
	if (optind == argc)
		system_mode = 1;
	if (calout && !system_mode)
		errx(EXIT_TROUBLE, "--calibration-out needs a check of this "
		    "machine (--system)");
	if (calout && !measure)
		errx(EXIT_TROUBLE, "--calibration-out cannot be used with "
		    "--no-measure");
}

/* The host name: root's /proc/sys/kernel/hostname under --root, else
 * gethostname. */
static void
hostname(char *buf, size_t len)
{
	if (root[0] && sysprobe_read(root, "proc/sys/kernel/hostname", buf,
	    len) == 0 && buf[0])
		return;
	if (gethostname(buf, len) < 0 || buf[0] == '\0')
		snprintf(buf, len, "unknown");
	buf[len - 1] = '\0';
}

/* SOURCE_DATE_EPOCH when set (golden files), else now. */
static double
now(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char why[128];
	double t;

	if (s && cli_double(s, 0, 1e11, &t, why, sizeof why) == 0)
		return t;
	return timeutil_real();
}

static json_t *
options_json(void)
{
	json_t *o = json_object();

	xjsonio_set(o, "calibration_out", calout ? json_string(calout) :
	    json_null());
	xjsonio_set(o, "fail_on", json_string(check_status_name(fail_on)));
	xjsonio_set(o, "format", json_string(format));
	xjsonio_set(o, "measure", json_boolean(measure));
	xjsonio_set(o, "output", output ? json_string(output) : json_null());
	xjsonio_set(o, "quick", json_boolean(quick));
	xjsonio_set(o, "root", json_string(root[0] ? root : "/"));
	xjsonio_set(o, "system", json_boolean(system_mode));
	return o;
}

static struct checklist checks;	/* every check, in order */

/* The document with the checks in their place (CHECKLIST_MARK), as JSON
 * or text.  The checks are read back from their scratch file if they went
 * there: its failure is told as its own. */
static int
emit(const json_t *doc, FILE *fp, const char *name, struct perr *e)
{
	int rv;

	if (strcmp(format, "json") == 0)
		rv = jsonio_write_stream(doc, CHECKLIST_MARK, checklist_get,
		    &checks, fp);
	else
		rv = check_text(doc, &checks, fp, strcmp(format, "markdown") == 0);
	if (checks.err)
		return perr_set(e, "temporary file: %s", strerror(checks.err));
	if (rv < 0 || fflush(fp) == EOF || ferror(fp))
		return perr_set(e, "%s: write error: %s", name, strerror(errno));
	return 0;
}

static void
xoutput(const json_t *doc)
{
	struct atomicfile af;
	struct perr e;

	if (output) {
		if (atomicfile_open(&af, output, &e) < 0)
			errx(EXIT_TROUBLE, "%s", e.msg);
		if (emit(doc, af.fp, output, &e) < 0) {
			atomicfile_abort(&af);
			errx(EXIT_TROUBLE, "%s", e.msg);
		}
		if (atomicfile_commit(&af, &e) < 0)
			errx(EXIT_TROUBLE, "%s", e.msg);
	} else if (!quiet && emit(doc, stdout, "<stdout>", &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
}

/* Replaces --junit FILE whole with each check as a test case. */
static void
xjunit(void)
{
	struct junit j;
	struct perr e;

	junit_init(&j, "perf-validate");
	if (check_junit(&checks, &j, fail_on) < 0)
		errx(EXIT_TROUBLE, "temporary file: %s", strerror(errno));
	if (junit_save(&j, junit, &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
	junit_free(&j);
}

int
main(int argc, char *argv[])
{
	struct sysmeasure_opts mo = { 0 };
	struct sysprobe_snap before, after;
	struct calib cal;
	struct perr e;
	char host[256];
	/* Static: still held (not a leak) when a write error ends us. */
	static json_t *doc;
	json_t *inputs;
	int i;

	parse(argc, argv);
	hostname(host, sizeof host);
	calib_init(&cal);
	cal.host = host;
	cal.time = now();
	checklist_init(&checks);
	inputs = json_array();
	for (i = optind; i < argc; i++)
		json_array_append_new(inputs, filecheck_file(argv[i], schemas,
		    argv[0], &checks));
	if (system_mode) {
		sysprobe_snap(root, &before);
		if (measure) {
			mo.quick = quick;
			sysmeasure_run(&mo, &cal, &checks);
		}
		sysprobe_snap(root, &after);
		sysprobe_checks(root, &before, &after, &cal, &checks);
	}
	doc = json_object();
	xjsonio_set(doc, "format", json_string("perf-validate/1"));
	xjsonio_set(doc, "host", json_string(host));
	xjsonio_set(doc, "time", json_real(cal.time));
	xjsonio_set(doc, "inputs", inputs);
	xjsonio_set(doc, "options", options_json());
	xjsonio_set(doc, "checks", json_pack("[s]", CHECKLIST_MARK));
	i = checklist_finish(&checks, doc) >= fail_on;
	xjsonio_set(doc, "calibration", calib_json(&cal));
	if (calout && calib_write(&cal, calout, &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
	xoutput(doc);
	if (junit)
		xjunit();
	json_decref(doc);
	checklist_free(&checks);
	cli_exit(i ? EXIT_TRIP : EXIT_OK);
}
