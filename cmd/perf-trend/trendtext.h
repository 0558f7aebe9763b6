/* trendtext.h - a trend document (schemas/trend.schema.json) as aligned
 * text tables for CI logs, in the manner of benchstat. */
#ifndef TRENDTEXT_H
#define TRENDTEXT_H

#include <jansson.h>
#include <stdio.h>

/* Writes the text tables: descriptive statistics per group, then trends,
 * comparisons, change points and complexity fits when present.  Returns 0,
 * or -1 on a write error. */
int trendtext_write(const json_t *doc, FILE *fp);

#endif
