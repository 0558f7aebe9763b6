/* chartctx.h - what the report's charts share while they are made: the
 * document each is added to, the gnuplot run of each (its variables), and
 * their data files. */
#ifndef CHARTCTX_H
#define CHARTCTX_H

#include <stdio.h>

#include <jansson.h>

#include "charts.h"
#include "gprun.h"
#include "util/perr.h"

struct chartctx {
	json_t *doc;
	const struct charts_in *ci;
	const char *dir;
	struct gprun *runs;
	size_t nruns;
};

/* A JSON number, NaN when it is null or absent. */
double chartctx_num(const json_t *v);
/* A chart base (kind, section) for gnuplot, its script given by
 * chartctx_script; the chart is added to the document when it is drawn. */
struct gprun *chartctx_run(struct chartctx *c, const char *base, int height);
void chartctx_script(struct gprun *g, const struct chartctx *c,
    const char *script);
/* Records the chart in the document and its section. */
void chartctx_add(struct chartctx *c, const char *base, const char *kind,
    const char *section, const char *title, const char *shows,
    const char *x, const char *const *y, size_t ny, json_t *hosts);
/* The data file dir/data/name, its path in *path (malloc'd). */
FILE *chartctx_open(const struct chartctx *c, const char *name, char **path,
    struct perr *e);
int chartctx_close(FILE *fp, const char *path, struct perr *e);
/* Closes the chart's one data file and gives its path to the chart as
 * the variable data; frees path. */
int chartctx_data(struct gprun *g, FILE *fp, char *path, struct perr *e);
/* A number in a data file: %.6g keeps the files small and the same for
 * the same input. */
void chartctx_put(FILE *fp, double v);

#endif
