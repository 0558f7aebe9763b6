/* timeopts.h - perf-time's command line: its options, their defaults and
 * checks, the usage and the help text. */
#ifndef TIMEOPTS_H
#define TIMEOPTS_H

#include <stdio.h>

#include "bench.h"
#include "params.h"

enum { TIMEOPTS_AUTO, TIMEOPTS_CGROUP, TIMEOPTS_RUSAGE };	/* --measure */
enum { TIMEOPTS_SEQUENTIAL, TIMEOPTS_ALTERNATE, TIMEOPTS_SHUFFLE };

struct timeopts {
	struct bench_spec spec;		/* commands, names, hooks, parameters */
	struct bench_rule rule;	/* -r, -m, -M, --precision, --min-time */
	struct params ps;
	long long warmup, seed;
	double timeout;			/* seconds, 0: none */
	int counters;
	int summary;			/* -1: when stderr is a terminal */
	int interleave;			/* TIMEOPTS_SEQUENTIAL ... */
	int measure;			/* TIMEOPTS_AUTO ... */
	int ignore_all, nignore;	/* -i; -i=CODES */
	int ignore_codes[256];
	const char *input, *output, *cpulist;	/* NULL, "null", NULL */
	char *names[1024];
};

/*
 * Parses argv into o (options first or among the command strings; after
 * "--" one command and its arguments).  Dies as the command line asks:
 * --help and --version print and exit 0; misuse prints the usage line
 * and exits 2; a bad value says why ("runs '0': too small (allowed
 * 1-100000000)") and exits 2.  o->spec points into argv and o->names.
 */
void xtimeopts_parse(struct timeopts *o, int argc, char *argv[]);
/* Prints the usage lines to fp. */
void timeopts_usage(FILE *fp);

#endif
