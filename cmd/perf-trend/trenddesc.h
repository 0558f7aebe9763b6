/* trenddesc.h - the descriptive part of a trend document: per group and
 * metric statistics as JSON objects (schemas/trend.schema.json,
 * $defs/describe), exact or from a sketch, and geometric means across
 * groups. */
#ifndef TRENDDESC_H
#define TRENDDESC_H

#include <jansson.h>
#include <stdint.h>

#include "groups.h"

/*
 * Describes one accumulator: n, missing (rows - n), mean, sd, cv, min, max,
 * median, mad, p5 .. p99 (R type 7), mean_ci and median_ci at confidence
 * conf, outlier counts, "quantiles": "exact" or "sketch" with the
 * sketch's relative error, and notes saying why a statistic is null ("too
 * few samples for median_ci: n=4, need 6").  From a sketch, the quantiles,
 * median interval, mad and outlier counts are estimates within the
 * relative error; n, mean, sd, min and max stay exact.  Returns a new
 * reference.  The accumulator is not changed.
 */
json_t *trenddesc_metric(const struct gacc *a, uint64_t rows, double conf);

/* Sets the group's key into obj as schemas/defs.schema.json has it:
 * "host" (the host column's value, "" when empty or not a key) and
 * "keys", the other key columns of the store g in column order ("" for an
 * empty field). */
void trenddesc_key(json_t *obj, const struct groups *g,
    const struct group *gr, const struct csvread *r);

/* The smallest n for which the median interval at conf exists. */
size_t trenddesc_median_ci_min(double conf);

#endif
