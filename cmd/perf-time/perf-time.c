/* perf-time.c - benchmarks commands: repeated, warmed-up, fully measured
 * runs; reads a command line, writes schemas/runs.schema.json (CSV). */
#include <err.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "timerun.h"
#include "util/cli.h"
#include "util/xalloc.h"

#define MAXRUNS 100000000LL

static struct timerun_opts O;	/* set once by xparse */
static volatile sig_atomic_t stop;	/* set by onsignal */

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: perf-time [-hiNqV] [-c cmd] [-L name list] [-m n]"
	    " [-M n] [-n name] [-o file]\n"
	    "                 [-p cmd] [-P name min max] [-D step] [-r n]"
	    " [-s cmd] [-w n] [options]\n"
	    "                 command ... | -- command [arg ...]\n");
}

static void
help(void)
{
	usage(stdout);
	fputs("Benchmarks commands: one CSV row per run on stdout (runs"
	    " schema),"
	    " a summary on\nstderr.  Strings run through sh -c (its start-up"
	    " subtracted); -- runs one\ncommand directly.\n"
	    "      --calibration FILE  subtract perf-validate's spawn floor (and"
	    " shell start-up)\n"
	    "  -c, --cleanup CMD       after the last run of each command\n"
	    "      --conclude CMD      after each run\n"
	    "      --counters          instructions, cycles, branch and cache"
	    " misses\n"
	    "      --cpu LIST          run on these CPUs (0-3,6)\n"
	    "  -i, --ignore-failure[=CODES]  record failing runs (only these"
	    " exit codes)\n"
	    "      --input FILE        standard input of each run (default"
	    " null)\n"
	    "      --interleave[=alternate|shuffle]  alternate the commands'"
	    " runs\n"
	    "  -M, --max-runs N        -m, --min-runs N (default 10)\n"
	    "      --measure MODE      auto, cgroup or rusage (default auto)\n"
	    "      --min-time DUR      measure each command this long (default"
	    " 3s)\n"
	    "  -n, --name NAME         the name of the next command"
	    " (--command-name)\n"
	    "  -N, --no-shell          split command strings into words, no"
	    " shell\n"
	    "  -o, --append FILE       append the rows to FILE (same header"
	    " only)\n"
	    "      --host NAME         the host column (\"\": empty, to compare"
	    " hosts)\n"
	    "      --label NAME=VALUE  a key column, e.g. commit=abc123"
	    " (repeatable)\n"
	    "      --export-json FILE  --export-csv FILE  --export-markdown FILE"
	    "\n                          hyperfine's formats (--time-unit for"
	    " Markdown)\n"
	    "      --output WHERE      null (default), inherit or FILE;"
	    " --show-output: inherit\n"
	    "      --param NAME=LIST   a parameter: a,b,c or MIN:MAX[:STEP];"
	    " {NAME} in commands\n"
	    "  -L, --parameter-list NAME LIST  -P, --parameter-scan NAME MIN"
	    " MAX\n  -D, --parameter-step-size STEP\n"
	    "      --precision PCT     stop when the median's 95% interval is"
	    " within PCT\n"
	    "  -p, --prepare CMD       before each run\n"
	    "  -q, --no-summary, --quiet  no summary; --summary: one even"
	    " when not a terminal\n"
	    "  -r, --runs N            exactly N runs\n"
	    "  -s, --setup CMD         before the first run of each command\n"
	    "  -S, --shell SHELL       run strings with SHELL -c (none: -N)\n"
	    "      --style STYLE       none: no summary (hyperfine's styles)\n"
	    "      --seed N            for --interleave=shuffle (default 1)\n"
	    "      --timeout DUR       kill a run after DUR, record it, go on\n"
	    "  -w, --warmup N          unrecorded runs first\n"
	    "  -h, --help  -V, --version\n"
	    "Exit status: 0 done, 2 trouble (bad usage, a command not found or"
	    " failing),\n130 interrupted.\n", stdout);
	cli_exit(EXIT_OK);
}

/* Long options without a short form. */
enum { OPT_CALIBRATION = 256, OPT_EXPORT_CSV, OPT_EXPORT_JSON, OPT_EXPORT_MD,
	OPT_SEED, OPT_SHOW_OUTPUT, OPT_STYLE, OPT_TIME_UNIT };

static const struct option longopts[] = {
	{ "calibration", required_argument, NULL, OPT_CALIBRATION },
	{ "cleanup", required_argument, NULL, 'c' },
	{ "command-name", required_argument, NULL, 'n' },
	{ "conclude", required_argument, NULL, 'C' },
	{ "counters", no_argument, NULL, 'K' },
	{ "cpu", required_argument, NULL, 'U' },
	{ "export-csv", required_argument, NULL, OPT_EXPORT_CSV },
	{ "export-json", required_argument, NULL, OPT_EXPORT_JSON },
	{ "export-markdown", required_argument, NULL, OPT_EXPORT_MD },
	{ "append", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ "host", required_argument, NULL, 'G' },
	{ "ignore-failure", optional_argument, NULL, 'i' },
	{ "input", required_argument, NULL, 'I' },
	{ "interleave", optional_argument, NULL, 'J' },
	{ "label", required_argument, NULL, 'B' },
	{ "max-runs", required_argument, NULL, 'M' },
	{ "measure", required_argument, NULL, 'E' },
	{ "min-runs", required_argument, NULL, 'm' },
	{ "min-time", required_argument, NULL, 'T' },
	{ "name", required_argument, NULL, 'n' },
	{ "no-shell", no_argument, NULL, 'N' },
	{ "no-summary", no_argument, NULL, 'q' },
	{ "output", required_argument, NULL, 'O' },
	{ "param", required_argument, NULL, 'A' },
	{ "parameter-list", required_argument, NULL, 'L' },
	{ "parameter-scan", required_argument, NULL, 'P' },
	{ "parameter-step-size", required_argument, NULL, 'D' },
	{ "precision", required_argument, NULL, 'R' },
	{ "prepare", required_argument, NULL, 'p' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "runs", required_argument, NULL, 'r' },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "setup", required_argument, NULL, 's' },
	{ "shell", required_argument, NULL, 'S' },
	{ "show-output", no_argument, NULL, OPT_SHOW_OUTPUT },
	{ "style", required_argument, NULL, OPT_STYLE },
	{ "summary", no_argument, NULL, 'Y' },
	{ "time-unit", required_argument, NULL, OPT_TIME_UNIT },
	{ "timeout", required_argument, NULL, 't' },
	{ "version", no_argument, NULL, 'V' },
	{ "warmup", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 }
};

/* Picks one of words (NULL-terminated) by name; returns its index. */
static int
choose(const char *what, const char *s, const char *const *words)
{
	char list[128] = "";
	int i;

	for (i = 0; words[i] != NULL; i++) {
		if (strcmp(s, words[i]) == 0)
			return i;
		strcat(strcat(list, i ? ", " : ""), words[i]);
	}
	errx(EXIT_TROUBLE, "%s '%s': not one of %s", what, s, list);
}

/* A --label NAME=VALUE: NAME a column of its own, lower case, not one the
 * runs table has already; dies otherwise. */
static char *
label(char *s, const struct timerun_opts *o)
{
	static const char *const taken[] = { "time", "host", "name",
	    "command", "run", NULL };
	size_t n = strcspn(s, "="), i;

	if (s[n] != '=' || n == 0 || !(s[0] >= 'a' && s[0] <= 'z') ||
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") != n)
		errx(EXIT_TROUBLE, "label '%s': not NAME=VALUE with a NAME "
		    "of a-z, 0-9 and _", s);
	for (i = 0; taken[i] != NULL; i++)
		if (strlen(taken[i]) == n && strncmp(s, taken[i], n) == 0)
			errx(EXIT_TROUBLE, "label '%s': '%s' is a column of the "
			    "runs already", s, taken[i]);
	if (strncmp(s, "param_", 6) == 0 || strstr(s, "_s=") != NULL ||
	    strstr(s, "_count=") != NULL || strstr(s, "_pct=") != NULL)
		errx(EXIT_TROUBLE, "label '%s': a label is a key; its name "
		    "may not look like a parameter or a metric", s);
	for (i = 0; i < o->nlabels; i++)
		if (strncmp(o->labels[i], s, n + 1) == 0)
			errx(EXIT_TROUBLE, "label '%.*s' given twice", (int)n, s);
	return s;
}

/* The next argument of an option taking several (-L, -P). */
static const char *
more(int argc, char *argv[], const char *opt)
{
	if (optind >= argc) {
		warnx("option '%s' needs more arguments", opt);
		usage(stderr);
		exit(EXIT_TROUBLE);
	}
	return argv[optind++];
}

/*
 * Parses argv into o (options first or among the command strings; after
 * "--" one command and its arguments).  Dies as the command line asks:
 * --help and --version print and exit 0; misuse prints the usage line
 * and exits 2; a bad value says why ("runs '0': too small (allowed
 * 1-100000000)") and exits 2.  o->spec points into argv and o->names.
 */
static void
xparse(struct timerun_opts *o, int argc, char *argv[])
{
	static const char *const imodes[] = {
		"", "alternate", "shuffle", NULL
	};
	static const char *const mmodes[] = {
		"auto", "cgroup", "rusage", NULL
	};
	static const char *const styles[] = {
		"none", "basic", "full", "nocolor", "color", NULL
	};
	static const char *const units[] = { "millisecond", "second", NULL };
	const char *scan[64][3], *step = NULL, *lst, *lastarg = NULL;
	char *copy, *tok, *sv;
	struct perr e;
	int c, nscan = 0, k;

	memset(o, 0, sizeof *o);
	o->rule.min_runs = 10;
	o->rule.min_time = 3;
	o->seed = 1;
	o->summary = -1;
	o->output = "null";
	params_init(&o->ps);

	opterr = 0;	/* xcli_badopt names the program, not argv[0] */
	while ((c = getopt_long(argc, argv, ":c:D:hiL:m:M:n:No:p:P:qr:s:S:Vw:",
	    longopts, NULL)) != -1) {
		lastarg = optarg;
		switch (c) {
		case 'A':
			if (params_add(&o->ps, optarg, &e) < 0)
				errx(EXIT_TROUBLE, "%s", e.msg);
			break;
		case 'B':
			if (o->nlabels == sizeof o->labels / sizeof *o->labels)
				errx(EXIT_TROUBLE, "too many labels");
			tok = label(optarg, o);
			o->labels[o->nlabels++] = tok;
			break;
		case 'G': o->host = optarg; break;
		case 'o': o->append = optarg; break;
		case 'C': o->spec.hooks[BENCH_CONCLUDE] = optarg; break;
		case 'c': o->spec.hooks[BENCH_CLEANUP] = optarg; break;
		case 'D': step = optarg; break;
		case 'E': o->measure = choose("measure", optarg, mmodes); break;
		case 'h': help(); break;
		case 'I': o->input = optarg; break;
		case 'i':
			if (optarg == NULL) {
				o->ignore_all = 1;
				break;
			}
			copy = xstrdup(optarg);
			for (tok = strtok_r(copy, ",", &sv); tok != NULL &&
			    o->nignore < 256; tok = strtok_r(NULL, ",", &sv))
				o->ignore_codes[o->nignore++] = (int)xcli_int(
				    "exit status", tok, 0, 255);
			free(copy);
			break;
		case 'J':
			o->interleave = optarg ? choose("interleave", optarg,
			    imodes + 1) + 1 : TIMERUN_ALTERNATE;
			break;
		case 'K': o->counters = 1; break;
		case 'L':
			lst = lastarg = more(argc, argv, "-L");
			if (params_add_list(&o->ps, optarg, lst, &e) < 0)
				errx(EXIT_TROUBLE, "%s", e.msg);
			break;
		case 'M':
			o->rule.max_runs = xcli_int("max-runs", optarg, 1,
			    MAXRUNS);
			break;
		case 'm':
			o->rule.min_runs = xcli_int("min-runs", optarg, 1,
			    MAXRUNS);
			break;
		case 'N': o->spec.noshell = 1; break;
		case 'n':
			if (o->spec.nnames ==
			    sizeof o->names / sizeof o->names[0])
				errx(EXIT_TROUBLE, "too many names");
			o->names[o->spec.nnames++] = optarg;
			break;
		case 'O': o->output = optarg; break;
		case 'P':
			if (nscan == 64)
				errx(EXIT_TROUBLE, "too many parameters");
			scan[nscan][0] = optarg;
			scan[nscan][1] = more(argc, argv, "-P");
			scan[nscan++][2] = lastarg = more(argc, argv, "-P");
			break;
		case 'p': o->spec.hooks[BENCH_PREPARE] = optarg; break;
		case 'q': o->summary = 0; break;
		case 'R':
			o->rule.precision = xcli_percent("precision", optarg,
			    1e-6, 1);
			break;
		case 'r':
			o->rule.runs = xcli_int("runs", optarg, 1, MAXRUNS);
			break;
		case 'S':
			/* hyperfine's -S none: no shell at all. */
			if (strcmp(optarg, "none") == 0)
				o->spec.noshell = 1;
			else if (*optarg == '\0')
				errx(EXIT_TROUBLE, "shell '': empty");
			else
				o->spec.shell = optarg;
			break;
		case OPT_CALIBRATION: o->calibration = optarg; break;
		case OPT_EXPORT_CSV: o->exp.csv = optarg; break;
		case OPT_EXPORT_JSON: o->exp.json = optarg; break;
		case OPT_EXPORT_MD: o->exp.markdown = optarg; break;
		case OPT_SHOW_OUTPUT: o->output = "inherit"; break;
		case OPT_STYLE:
			/* No colours here; none is hyperfine's quiet. */
			if (choose("style", optarg, styles) == 0)
				o->summary = 0;
			break;
		case OPT_TIME_UNIT:
			o->exp.unit = units[choose("time-unit", optarg, units)];
			break;
		case OPT_SEED:
			o->seed = xcli_int("seed", optarg, 0, LLONG_MAX);
			break;
		case 's': o->spec.hooks[BENCH_SETUP] = optarg; break;
		case 'T':
			o->rule.min_time = xcli_duration("min-time", optarg, 0,
			    86400);
			break;
		case 't':
			o->timeout = xcli_duration("timeout", optarg, 1e-3,
			    86400);
			break;
		case 'U': o->cpulist = optarg; break;
		case 'V': cli_version(); break;
		case 'w':
			o->warmup = xcli_int("warmup", optarg, 0, MAXRUNS);
			break;
		case 'Y': o->summary = 1; break;
		default:
			xcli_badopt(c, argv, usage);
		}
	}
	for (k = 0; k < nscan; k++)
		if (params_add_range(&o->ps, scan[k][0], scan[k][1],
		    scan[k][2], step, &e) < 0)
			errx(EXIT_TROUBLE, "%s", e.msg);
	if (step != NULL && nscan == 0)
		errx(EXIT_TROUBLE, "--parameter-step-size without"
		    " --parameter-scan");
	if (optind >= argc) {
		warnx("no command given");
		usage(stderr);
		exit(EXIT_TROUBLE);
	}
	/* "--" ends the options, unless it was an option's argument (-n --). */
	o->spec.shellmode = strcmp(argv[optind - 1], "--") != 0 ||
	    argv[optind - 1] == lastarg;
	o->spec.cmds = argv + optind;
	o->spec.ncmds = argc - optind;
	/* A shell runs an empty string happily: nothing would be measured. */
	for (k = 0; o->spec.shellmode && k < o->spec.ncmds; k++)
		if (o->spec.cmds[k][strspn(o->spec.cmds[k], " \t\n")] == '\0')
			errx(EXIT_TROUBLE, "command '%s': empty", o->spec.cmds[k]);
	for (k = 0; k < (int)o->spec.nnames; k++)
		if (o->names[k][0] == '\0')
			errx(EXIT_TROUBLE, "name '': empty");
	o->spec.names = o->names;
	o->spec.ps = &o->ps;
	if (o->rule.max_runs && o->rule.min_runs > o->rule.max_runs &&
	    !o->rule.runs)
		errx(EXIT_TROUBLE, "min-runs %lld: more than max-runs %lld",
		    o->rule.min_runs, o->rule.max_runs);
	if (o->rule.precision > 0 && !o->rule.max_runs)
		o->rule.max_runs = 1000;
	if (o->spec.nnames > (o->spec.shellmode ? (size_t)o->spec.ncmds : 1))
		errx(EXIT_TROUBLE, "more names (%zu) than commands (%d)",
		    o->spec.nnames, o->spec.shellmode ? o->spec.ncmds : 1);
}

static void
onsignal(int sig)
{
	(void)sig;
	stop = 1;
}

int
main(int argc, char *argv[])
{
	struct sigaction sa;
	struct timerun t;

	xparse(&O, argc, argv);
	if (O.summary < 0)
		O.summary = isatty(2);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = onsignal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	xtimerun_open(&t, &O, &stop);
	if (xtimerun_all(&t) < 0)
		xtimerun_interrupted(&t);
	xtimerun_finish(&t, EXIT_OK);
}
