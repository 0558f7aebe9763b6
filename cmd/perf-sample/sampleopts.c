/* sampleopts.c - perf-sample's options: parsing, defaults, checks, usage,
 * help. */
#include <err.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/cli.h"
#include "sampleopts.h"
#include "util/xalloc.h"

void
sampleopts_usage(FILE *fp)
{
	fprintf(fp,
"usage: perf-sample [-i interval] [-n count] [-d duration] [-o file]\n"
"                   [-f csv|prometheus] [--per-cpu] [--per-disk] [--per-net]\n"
"                   [--host name] [--root dir] [-R]\n"
"                   [-p pid [--per-process] | -c cgroup | -- command [arg ...]]\n");
}

static void
help(void)
{
	sampleopts_usage(stdout);
	fputs("\nSamples resources at an interval: one CSV row per sample.\n"
"  -c, --cgroup PATH     a cgroup v2 (below the cgroup2 mount, or absolute)\n"
"  -d, --duration DUR    stop after DUR (e.g. 90s, 1h)\n"
"  -f, --format FMT      csv (default) or prometheus: -o FILE (or FILE\n"
"                        after FMT) replaced atomically with each sample\n"
"  -h, --help            this help\n"
"      --host NAME       the host column (default: the host name)\n"
"  -i, --interval DUR    time between samples, 10ms-1d (default 1s)\n"
"  -n, --count N         stop after N samples\n"
"  -o, --output FILE     append to FILE (its header must match)\n"
"  -p, --pid PID         the process PID and all its descendants\n"
"      --per-cpu         columns for each CPU as well\n"
"      --per-disk        columns for each disk as well\n"
"      --per-net         columns for each network interface as well\n"
"      --per-process     with -p or a command: a row per process\n"
"  -R, --realtime        wake up on time under load: SCHED_FIFO priority 1\n"
"                        for the sampler (not the command); when refused,\n"
"                        a warning and normal scheduling\n"
"      --root DIR        read DIR/proc and DIR/sys; given again, replay the\n"
"                        trees as successive samples (DIR/perfpipe-time)\n"
"  -V, --version         print the version\n"
"  -- COMMAND ARG...     run COMMAND and sample it until it exits\n"
"Exit status: 0 done or stopped by a signal, 2 trouble; with a command,\n"
"its status (126 cannot run, 127 not found).\n", stdout);
	cli_exit(EXIT_OK);
}

void
xsampleopts_parse(struct sampleopts *o, int argc, char **argv)
{
	enum { O_HOST = 256, O_PERCPU, O_PERDISK, O_PERNET, O_PERPROC, O_ROOT };
	static const struct option longopts[] = {
		{ "cgroup", required_argument, NULL, 'c' },
		{ "count", required_argument, NULL, 'n' },
		{ "duration", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "host", required_argument, NULL, O_HOST },
		{ "interval", required_argument, NULL, 'i' },
		{ "output", required_argument, NULL, 'o' },
		{ "per-cpu", no_argument, NULL, O_PERCPU },
		{ "per-disk", no_argument, NULL, O_PERDISK },
		{ "per-net", no_argument, NULL, O_PERNET },
		{ "per-process", no_argument, NULL, O_PERPROC },
		{ "pid", required_argument, NULL, 'p' },
		{ "realtime", no_argument, NULL, 'R' },
		{ "root", required_argument, NULL, O_ROOT },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(o, 0, sizeof *o);
	o->scope = SAMPLEOPTS_SYSTEM;
	o->interval = 1;
	o->pid = -1;
	opterr = 0;	/* xcli_badopt names the program, not argv[0] */
	while ((c = getopt_long(argc, argv, "+:c:d:f:hi:n:o:p:RV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'c':
			o->cgpath = optarg;
			o->scope = SAMPLEOPTS_CGROUP;
			break;
		case 'd': o->duration = xcli_duration("duration", optarg, 0.01,
		    1e9); break;
		case 'f':
			if (strcmp(optarg, "prometheus") == 0)
				o->prometheus = 1;
			else if (strcmp(optarg, "csv") == 0)
				o->prometheus = 0;
			else
				errx(EXIT_TROUBLE, "format '%s': unknown "
				    "(allowed csv, prometheus)", optarg);
			break;
		case 'h': help(); break;
		case 'i': o->interval = xcli_duration("interval", optarg, 0.01,
		    86400); break;
		case 'n':
			o->count = xcli_int("count", optarg, 1, LLONG_MAX);
			break;
		case 'o': o->outpath = optarg; break;
		case 'p': o->pid = xcli_int("pid", optarg, 1, 0x7fffffff);
		    o->scope = SAMPLEOPTS_PROCESS; break;
		case 'R': o->realtime = 1; break;
		case 'V': cli_version(); break;
		case O_HOST:
			if (*optarg == '\0')
				errx(EXIT_TROUBLE, "host '': empty");
			o->host = optarg;
			break;
		case O_PERCPU: o->sysopts.per_cpu = 1; break;
		case O_PERDISK: o->sysopts.per_disk = 1; break;
		case O_PERNET: o->sysopts.per_net = 1; break;
		case O_PERPROC: o->per_process = 1; break;
		case O_ROOT:
			o->roots = xreallocarray(o->roots, o->nroots + 1,
			    sizeof *o->roots);
			o->roots[o->nroots++] = optarg;
			break;
		default:
			xcli_badopt(c, argv, sampleopts_usage);
		}
	}
	/* "--format prometheus FILE" names the file as an operand. */
	if (o->prometheus && o->outpath == NULL && optind < argc &&
	    strcmp(argv[optind - 1], "--") != 0) {
		o->outpath = argv[optind++];
		if (optind < argc && strcmp(argv[optind], "--") == 0)
			optind++;
	}
	if ((o->pid > 0) + (o->cgpath != NULL) + (optind < argc) > 1)
		errx(EXIT_TROUBLE, "-p, --cgroup and a command exclude each "
		    "other");
	if (optind < argc && o->nroots > 0)
		errx(EXIT_TROUBLE, "--root and a command exclude each other");
	if (o->per_process && o->scope != SAMPLEOPTS_PROCESS &&
	    optind == argc)
		errx(EXIT_TROUBLE, "--per-process needs -p or a command");
	if (o->prometheus && o->outpath == NULL)
		errx(EXIT_TROUBLE, "--format prometheus needs a file (-o FILE)");
	if (o->duration > 0 && o->duration < o->interval)
		errx(EXIT_TROUBLE, "duration '%s': shorter than the interval",
		    cli_fmt_duration(o->duration, (char [32]){ 0 }, 32));
	o->command = optind < argc ? argv + optind : NULL;
}
