/* timesum.h - perf-time's human summary on stderr: per command mean and
 * spread, median with its interval, CPU time, peak memory, warnings about
 * outliers, slow first runs and too short commands; the comparison of
 * several commands; the progress line while it runs. */
#ifndef TIMESUM_H
#define TIMESUM_H

#include <stddef.h>
#include <stdio.h>

/* One command's runs, as the summary sees them.  The arrays hold the runs
 * that count (ended, not timed out), in run order; n of each. */
struct timesum_bench {
	const char *label;	/* the command (and its parameters) */
	double *wall, *user, *sys, *rss;	/* seconds, seconds, KiB */
	size_t n;
	size_t runs;		/* every measured run, those not counted too */
	size_t timed_out;	/* runs killed at the timeout */
	size_t failed;		/* runs that failed (--ignore-failure) */
	int shell;		/* shell start-up subtracted */
};

/*
 * Prints the block of one command: "Benchmark K: LABEL", time mean and
 * standard deviation, median and its 95% interval, range, user and system
 * time, peak memory; then warnings (outliers by Tukey's fences and the
 * modified z-score, a slow first run, a command too short to measure).
 * Sorts nothing in b (copies).  Allocates scratch memory.
 */
void timesum_bench(FILE *fp, size_t k, const struct timesum_bench *b);

/*
 * Prints the comparison of nb commands: the fastest by mean, and for each
 * other how many times slower: the ratio of the means with its
 * uncertainty propagated from both standard deviations (as hyperfine
 * does), and the ratio of the medians with its 95% percentile bootstrap
 * interval (bootstrap_median_ratio: 2000 resamples, seed 1, reproducible).
 */
void timesum_compare(FILE *fp, const struct timesum_bench *b, size_t nb);

/* Formats a duration with a unit that suits it ("1.23 ms") into buf. */
char *timesum_fmt(char *buf, size_t len, double secs);

/*
 * The progress line (a terminal only): rewrites the current line with the
 * label, a bar of done out of total (total 0: unknown), the current mean
 * and the estimated time left.  timesum_progress_clear erases it.
 */
void timesum_progress(FILE *fp, const char *label, size_t done, size_t total,
    double mean, double left);
void timesum_progress_clear(FILE *fp);

#endif
