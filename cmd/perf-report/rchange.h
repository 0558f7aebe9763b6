/* rchange.h - the report's sections of change: comparisons, and trends,
 * forecasts, change points and complexity fits (perf-trend). */
#ifndef RCHANGE_H
#define RCHANGE_H

#include <jansson.h>

#include "rdoc.h"

/* Adds the comparisons section and its summary lines; returns the
 * regressions counted, *any set when something was compared. */
long rchange_comparisons(json_t *doc, json_t *summary_lines,
    const struct rdoc_in *ri, int *any);
void rchange_trends(json_t *doc, const struct rdoc_in *ri);

#endif
