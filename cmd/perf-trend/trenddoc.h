/* trenddoc.h - perf-trend's job: the settings its command line gives, the
 * inputs read into group stores, and the trend document built from them. */
#ifndef TRENDDOC_H
#define TRENDDOC_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "columns.h"
#include "fmt/csvread.h"
#include "gacc.h"
#include "groups.h"
#include "spill.h"
#include "trendfit.h"

/* What the command line asks for; set once before the analysis. */
struct trenddoc_opts {
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
	int include_failed;		/* --include-failed */
	double confidence, threshold;	/* fractions: 0.95, 0.02 */
	double memory_mib;		/* --memory, default 24 */
	unsigned long long seed;	/* --seed, default 1 */
	struct trendfit_forecast *forecasts;	/* --forecast, owned */
	size_t nforecasts;
	char **files;			/* the inputs (in argv); none: stdin */
	size_t nfiles;
};

/* One input: its reader, column roles and group stores. */
struct trenddoc_input {
	struct csvread *r;
	struct columns c;
	struct groups *all;	/* every row */
	struct groups *a, *b;	/* --compare: rows of value A, of value B;
				 * --baseline: a, every row */
	struct groups *cx;	/* --complexity: groups without the param */
	long cmpcol, cxcol, labcol;	/* labcol: commit, for change points */
	char cxskip[1024];	/* why a scan found by its param_* column is
				 * not fitted ("": it is, or there is none) */
	uint64_t *srcrows;	/* data rows read per source */
	/* More groups than the budget holds: all holds the first wave of
	 * them (groups_close), in order; the rows of the others wait here,
	 * in order, for trenddoc_next_wave. */
	struct spill *spill;
	int nospill;		/* no temporary file could be made: all
				 * holds every group, as with no limit */
	struct trenddoc_geo *geo;	/* per column: the geometric mean of
					 * the groups' means, as they are
					 * made (trenddoc_group) */
};

/* A geometric mean made one value at a time. */
struct trenddoc_geo {
	double logsum;
	size_t k, skipped;
};

/*
 * Opens the n files at paths (the primary input, or the --baseline when
 * primary is 0) and reads every row into in's group stores, within the
 * memory budget b.  Dies with "file:line: ..." (exit status 2) on bad or
 * empty input.  Free in with trenddoc_free_input.
 */
void xtrenddoc_load(struct trenddoc_input *in, const struct trenddoc_opts *o,
    char *const *paths, size_t n, int primary, struct gacc_budget *b);
void trenddoc_free_input(struct trenddoc_input *in);
/* Every --higher-is-better and --forecast must name a metric column, and
 * a forecast needs an axis; dies (exit status 2) naming the first that
 * does not. */
void xtrenddoc_check_names(const struct trenddoc_input *in,
    const struct trenddoc_opts *o);
/*
 * The document: provenance, comparisons (with base, or --compare),
 * complexity fits, and the places of the groups and of their geometric
 * means.  The groups are made one at a time as they are written (a
 * document of 200,000 groups is gigabytes in jansson): "groups" holds the
 * one string TRENDDOC_GROUPS where trenddoc_group(o, in, i) goes for each
 * i < groups_count(in->all), then for each group of every later wave
 * (trenddoc_next_wave), in order; "geomean" is set after the last
 * (trenddoc_set_geomean).  Sets *regressed to 1 when a comparison regressed, to -1 when
 * comparisons were asked for and none could be made (no group or metric
 * of the candidate matches the baseline: the document's "unmatched" says
 * which).  The caller owns the document.
 */
#define TRENDDOC_GROUPS "\x01groups\x01"
json_t *trenddoc_build_nogroups(const struct trenddoc_opts *o,
    struct trenddoc_input *in, struct trenddoc_input *base,
    struct gacc_budget *b, int *regressed);
json_t *trenddoc_group(const struct trenddoc_opts *o,
    struct trenddoc_input *in, size_t i);
/*
 * Once every group of all has been made: replaces them with the next
 * wave of groups, read back from the rows set aside (and setting aside,
 * in turn, the rows of the groups that still do not fit).  Returns 1, 0
 * when no rows wait, or -1 with e set (the temporary file).
 */
int trenddoc_next_wave(const struct trenddoc_opts *o,
    struct trenddoc_input *in, struct gacc_budget *b, struct perr *e);
/* Sets the document's "geomean": for each metric, the geometric mean of
 * the groups' means made so far (after the last group, of all), over the
 * groups whose mean is positive, {"value", "groups", "skipped"}; value
 * null when none is. */
void trenddoc_set_geomean(json_t *doc, const struct trenddoc_input *in);

#endif
