/* charts.h - the report's charts, drawn by gnuplot from the scripts in
 * plots/ (one per kind of chart): perf-report writes each chart's data
 * file and gives gnuplot only numbers and escaped string literals as
 * variables, so text from the data never becomes a command. */
#ifndef CHARTS_H
#define CHARTS_H

#include <jansson.h>

#include "rdata.h"
#include "util/perr.h"

struct charts_in {
	const struct rsamples *samples;	/* NULL or no rows: none */
	const struct rruns *runs;
	json_t *findings;	/* [{"source", "doc"}], for thresholds and
				 * the windows to shade */
	json_t *trends;		/* for comparisons, change points, fits */
	const char *plots;	/* the directory of the gnuplot scripts */
	const char *gnuplot;	/* the program, "gnuplot" from PATH */
	int interactive;	/* SVG with gnuplot's mouse script */
};

/* The sample columns the charts can draw, for rdata_samples. */
const char *const *charts_metrics(size_t *n);
/*
 * Draws every chart the data allows into dir (SVG and PNG; data files in
 * dir/data), adding each to doc's "charts" and its section's.  Returns 0,
 * or -1 with "chart FILE: ..." in e when gnuplot is missing or fails.
 */
int charts_draw(json_t *doc, const struct charts_in *ci, const char *dir,
    struct perr *e);
/* The directory of the scripts: $PERFPIPE_PLOTS, else beside the program
 * (../share/perfpipe/plots, ../plots), else NULL. */
char *charts_plots_dir(void);

#endif
