/* trendcell.h - the cells of perf-trend's text tables, read from a trend
 * document (schemas/trend.schema.json).  Each char * is a new string. */
#ifndef TRENDCELL_H
#define TRENDCELL_H

#include <jansson.h>

/* The value at a dotted path ("ols.slope") under o, or NULL. */
const json_t *cell_get(const json_t *o, const char *path);
/* A number into buf (NUM_BUFSZ): integers whole, others to 4
 * significant digits, "-" when unknown; returns buf. */
const char *cell_fmt(char *buf, const json_t *v);
/* The same, a new string. */
char *cell_num(const json_t *v);
/* "[lo, hi]" of the interval object at path, or "-". */
char *cell_ci(const json_t *o, const char *path);
/* "MEDIAN n=N" of a comparison's side name. */
char *cell_sample(const json_t *o, const char *name);
/* A signed percentage to one decimal, "+6.7%"; "-" unknown. */
char *cell_pct(const json_t *v);
/* A string value, or "-". */
char *cell_str(const json_t *v);
/* "±2.1%": the half-width of interval iv relative to centre. */
char *cell_pm(const json_t *m, const char *iv, const char *centre);
/* The mean interval's header at the document's confidence, "±95%". */
char *cell_conf(const json_t *doc);
/* A sketched metric's quantiles cell with the worst relative bound of
 * its median and p95 ("sketch ±0.5%", "sketch ±>100%"). */
char *cell_sketched(const json_t *m);
/* A change point's p ("<=0.005" at a permutation test's floor), with
 * " n.s." when sig is false. */
char *cell_pval(const json_t *p, const json_t *floor, const json_t *sig);

#endif
