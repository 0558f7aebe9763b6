/* sampleopts.h - perf-sample's command line: its options, their defaults
 * and checks, the usage and the help text. */
#ifndef SAMPLEOPTS_H
#define SAMPLEOPTS_H

#include <stddef.h>
#include <stdio.h>

#include "sysrow.h"

/* What is sampled. */
enum { SAMPLEOPTS_SYSTEM, SAMPLEOPTS_PROCESS, SAMPLEOPTS_CGROUP };

struct sampleopts {
	int scope;			/* SAMPLEOPTS_SYSTEM ... */
	int per_process;		/* --per-process: a row per process */
	int prometheus;			/* -f prometheus */
	int realtime;			/* -R: ask for SCHED_FIFO */
	struct sysrow_opts sysopts;	/* --per-cpu, --per-disk, --per-net */
	const char *cgpath;		/* -c, NULL: none */
	const char *outpath;		/* -o, NULL: stdout */
	const char *host;		/* --host, NULL: the tree's host name */
	long long count, pid;		/* -n (0: no limit), -p (-1: none) */
	double interval, duration;	/* -i, -d (0: none), seconds */
	const char **roots;		/* --root DIR in order (a new array,
					 * free() it), NULL: none given */
	size_t nroots;
	char **command;			/* the command and its arguments (in
					 * argv), NULL: none */
};

/*
 * Parses argv into o.  Dies as the command line asks: --help and
 * --version print and exit 0; misuse prints "perf-sample: unknown option
 * '--x'" (or why) and the usage line and exits 2; a bad value says why
 * ("interval '0': too small (allowed 10ms-1d)") and exits 2.
 */
void xsampleopts_parse(struct sampleopts *o, int argc, char **argv);
/* Prints the usage lines to fp. */
void sampleopts_usage(FILE *fp);

#endif
