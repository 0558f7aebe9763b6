/* bench.h - the benchmarks of a perf-time run: each command with each
 * combination of parameters, with its hooks; its counted runs; the rule
 * that says when it has run enough; the order of interleaved runs. */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "measure.h"
#include "params.h"
#include "util/perr.h"
#include "timesum.h"

enum { BENCH_SETUP, BENCH_PREPARE, BENCH_CONCLUDE, BENCH_CLEANUP,
    BENCH_NHOOKS };

/* What to plan from. */
struct bench_spec {
	char **cmds;		/* command strings, or one command's words */
	int ncmds;
	int shellmode;		/* cmds are strings; else one command's words */
	int noshell;		/* strings are split into words, not sh -c */
	const char *shell;	/* the shell for strings (-S): NULL, sh */
	char **names;		/* --name values, in order */
	size_t nnames;
	const char *hooks[BENCH_NHOOKS];	/* hook strings or NULL */
	const struct params *ps;
};

/* One command with one combination of parameters, and its runs. */
struct bench {
	char *name, *cmd;	/* the name and command columns */
	char **argv;		/* what runs */
	char **hook[BENCH_NHOOKS];	/* words of each hook, or NULL */
	const char **pvals;	/* its parameter values (ps's strings) */
	size_t runs, started;	/* measured runs; runs started, warm-ups too */
	int warned_leftovers;	/* said once that runs leave processes */
	double busy;		/* wall seconds of the measured runs */
	double *sorted;		/* counted wall times, ascending */
	int *codes;		/* exit status of each counted run, -1 for a
				 * signal (hyperfine's exit_codes) */
	size_t cap;
	struct timesum_bench s;	/* counted runs, for the summary */
};

/* When a bench has run enough: exactly runs (if not 0); else at least
 * min_runs, at most max_runs (0: no limit), and then precision reached
 * (when > 0) or else min_time seconds measured. */
struct bench_rule {
	long long runs, min_runs, max_runs;
	double precision, min_time;
};

/*
 * Plans the benches: strings (shellmode) give a bench per string and
 * combination, words one per combination.  {NAME} is substituted in
 * commands, names and hooks.  The name is --name, else the command as
 * given.  Commands and hooks run through sh -c unless noshell.  Returns
 * a new array of *nb benches (bench_free), or NULL with the reason in e
 * (a {NAME} that is no parameter, an unterminated quote, too many
 * combinations).
 */
struct bench *bench_plan(const struct bench_spec *spec, size_t *nb,
    struct perr *e);
void bench_free(struct bench *b, size_t nb);

/* Counts a measured run: every run counts toward the rule; the summary
 * keeps those that did not time out. */
void bench_count(struct bench *b, const struct measure_result *r);
/* How well b's median is known: the larger distance from the median to
 * an end of its 95% interval (distribution-free), relative to the
 * median; NaN with fewer than 6 counted runs or a median of 0. */
double bench_precision(const struct bench *b);
/* Whether b has run enough under rule. */
int bench_done(const struct bench *b, const struct bench_rule *rule);
/* How many runs b will likely need in all (0: unknown, as with
 * --precision), for a progress bar. */
size_t bench_need(const struct bench *b, const struct bench_rule *rule);

/*
 * The next round of interleaved runs: stores in order[] the indices of the
 * benches not yet done and returns their number; shuffled (Fisher-Yates
 * with the xorshift64 state *rng, not 0) when shuffle is set.
 */
size_t bench_round(const struct bench *b, size_t nb,
    const struct bench_rule *rule, int shuffle, uint64_t *rng, size_t *order);

#endif
