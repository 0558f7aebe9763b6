/* trendopts.h - perf-trend's command line: its options, their defaults
 * and checks, the usage and the help text. */
#ifndef TRENDOPTS_H
#define TRENDOPTS_H

#include <stddef.h>
#include <stdio.h>

#include "trendfit.h"

struct trendopts {
	const char *baseline;		/* -b FILE, NULL: none */
	const char *by, *metric;	/* --by, -m: COL,... lists, NULL: all */
	const char *xcol;		/* --x COL, NULL: time */
	const char *output;		/* -o FILE, NULL: stdout */
	const char *higher;		/* --higher-is-better COL,... */
	const char *format;		/* json (default), csv or text */
	const char *cmp_col, *cmp_a, *cmp_b;	/* --compare COL=A,B */
	char *cmp_text;			/* its text as given (owned) */
	const char *cx_col;		/* --complexity=COL, NULL: found */
	int exact, changepoints, complexity, fail_on_regression;
	double confidence, threshold;	/* fractions: 0.95, 0.02 */
	double memory_mib;		/* --memory, default 24 */
	unsigned long long seed;	/* --seed, default 1 */
	struct trendfit_forecast *forecasts;	/* --forecast, owned */
	size_t nforecasts;
	char **files;			/* the inputs (in argv); none: stdin */
	size_t nfiles;
};

/*
 * Parses argv into o.  Dies as the command line asks: --help and
 * --version print and exit 0; misuse prints why and the usage line and
 * exits 2; a bad value says why ("threshold '200%': too large (allowed
 * 0%-100%)") and exits 2.  Free o with trendopts_free.
 */
void xtrendopts_parse(struct trendopts *o, int argc, char *argv[]);
/* Frees what o owns (the --forecast and --compare copies). */
void trendopts_free(struct trendopts *o);
/* Prints the usage lines to fp. */
void trendopts_usage(FILE *fp);

#endif
