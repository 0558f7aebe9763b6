/* trendfit.h - the model-fitting parts of a trend document: slopes over
 * the axis with forecasts, change points of each series, and complexity
 * fits against a param_* column, as JSON (schemas/trend.schema.json). */
#ifndef TRENDFIT_H
#define TRENDFIT_H

#include <jansson.h>
#include <stdint.h>

#include "columns.h"
#include "fmt/csvread.h"
#include "groups.h"
#include "util/perr.h"

struct trendfit_forecast {
	const char *metric;	/* the metric column it is for */
	double value;		/* the threshold to reach */
	const char *text;	/* as given: "METRIC=VALUE" */
};

struct trendfit_opts {
	double conf;		/* confidence level of intervals */
	uint64_t seed;		/* E-divisive permutations */
	int changepoints;
	const struct trendfit_forecast *forecasts;
	size_t nforecasts;
	const char *axis;	/* the axis column's name ("time": seconds) */
	const char *label;	/* the column labelling change points, or NULL */
};

/*
 * The trend of one accumulator's values over their x (the values without
 * an x are left out): n, OLS (slope with interval, intercept, r2, p,
 * direction), Theil-Sen (slope with Sen's interval, direction; O(n^2),
 * so on every k-th point when there are more than 512), the
 * direction both agree on ("flat" unless both are significant the same
 * way), and a forecast when opts names the metric.  A sketched
 * accumulator, or too few values, gives the reason in "notes" and null
 * statistics.  New reference.
 */
json_t *trendfit_trend(const struct gacc *a, const char *metric,
    const struct trendfit_opts *o);

/*
 * The change points of the values in row order by E-divisive means and
 * by PELT: {"n", "edivisive": [...], "pelt": [...]}, each point with its
 * index (0-based position in the series), the x there when the store has
 * an x, the label there (groups_label), means before and after,
 * change_pct and p.  New reference.
 */
json_t *trendfit_changepoints(const struct gacc *a,
    const struct trendfit_opts *o);

/*
 * The column for --complexity: the one named (which must exist), else the
 * only param_* column.  Returns its index, or -1 with "FILE:1: ..." in e.
 */
long trendfit_param_column(const struct csvread *r, const char *name,
    struct perr *e);

/*
 * Complexity fits for every group (without the param column) and metric
 * of the store g, whose x is the param column: an array of {"key",
 * "metric", "param", "n", "best", "coef", "rms", "nrms", "r2", "fits"}.
 * New reference.
 */
json_t *trendfit_complexity(const struct groups *g, const struct columns *c,
    const struct csvread *r, long param);

#endif
