/* trendfmt.h - a trend document (schemas/trend.schema.json) rendered as
 * tidy CSV rows (schemas/trend-tidy.schema.json) or as aligned text
 * tables for CI logs, in the manner of benchstat. */
#ifndef TRENDFMT_H
#define TRENDFMT_H

#include <jansson.h>
#include <stdio.h>

/*
 * Writes one row per statistic: group, metric, statistic, value.  group
 * is "col=value;col=value" ("all" for the one group of a file without
 * keys, "*" for statistics across groups); statistic is the path inside
 * the metric's object ("mean", "mean_ci.lo", "trend.ols.slope",
 * "notes.0"); value is the number (12 significant digits), the word, or
 * empty for null.  Returns 0, or -1 on a write error (errno set).
 */
int trendfmt_csv(const json_t *doc, FILE *fp);

/* Groups made one at a time, for a document that holds only their place
 * (trenddoc_build_nogroups): make(ctx, i, &g) for i = 0, 1, ... in order,
 * returning 1 with the group, 0 after the last, -1 when it failed (the
 * writing stops there); each is written and freed before the next is
 * made, so memory holds one.  The document is read again after the last
 * (the groups' geometric means come after them). */
struct trendfmt_groups {
	int (*make)(void *ctx, size_t i, json_t **g);
	void *ctx;
};
/* trendfmt_csv with the groups from gs. */
int trendfmt_csv_stream(const json_t *doc, const struct trendfmt_groups *gs,
    FILE *fp);

/* The label of the group of an object with "host" and "keys", used by
 * this and trendtext.c: the non-empty keys as "host=a;name=x", or "all";
 * for text (text set) without a command that a name already names.  The
 * caller frees it. */
char *trendfmt_label(const json_t *g, int text);

#endif
