/* trendtext.h - a trend document (schemas/trend.schema.json) as aligned
 * text tables for CI logs, in the manner of benchstat, or as Markdown
 * tables for a CI job summary. */
#ifndef TRENDTEXT_H
#define TRENDTEXT_H

#include <jansson.h>
#include <stdio.h>

#include "trendfmt.h"

/* Writes the text tables: descriptive statistics per group, then trends,
 * comparisons, change points and complexity fits when present; with md
 * set the same as GitHub-flavoured Markdown, data escaped.  Text fits 100
 * columns (a table led by groups gives each group a line and continues
 * in further blocks), unless wide: each row on one line.  The groups are
 * doc's, or with gs not NULL the ones it makes, each read and freed in
 * turn.  Returns 0, or -1 on a write error. */
int trendtext_write(const json_t *doc, const struct trendfmt_groups *gs,
    FILE *fp, int md, int wide);

#endif
