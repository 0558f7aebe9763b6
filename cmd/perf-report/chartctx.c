/* chartctx.c - what the report's charts share: each chart's gnuplot run
 * and its place in the document, and the data files. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chartctx.h"
#include "fmt/jsonio.h"
#include "rsec.h"
#include "util/xalloc.h"

double
chartctx_num(const json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : NAN;
}

/* A chart base (kind, section) for gnuplot, its script given by
 * gp_script; the chart is added to the document when it is drawn. */
struct gprun *
chartctx_run(struct chartctx *c, const char *base, int height)
{
	struct gprun *g;
	char *path;

	c->runs = xreallocarray(c->runs, c->nruns + 1, sizeof *c->runs);
	g = &c->runs[c->nruns++];
	memset(g, 0, sizeof *g);
	g->file = xstrdup(base);
	gprun_str(g, c->ci->plots, "plotdir");
	gprun_num(g, "interactive", c->ci->interactive);
	gprun_num(g, "height", height);
	/* The directory is the user's -o: a string literal like any text. */
	path = xasprintf("%s/%s.svg", c->dir, base);
	gprun_str(g, path, "svgout");
	free(path);
	path = xasprintf("%s/%s.png", c->dir, base);
	gprun_str(g, path, "pngout");
	free(path);
	return g;
}

void
chartctx_script(struct gprun *g, const struct chartctx *c, const char *script)
{
	g->script = xasprintf("%s/%s", c->ci->plots, script);
}

void
chartctx_add(struct chartctx *c, const char *base, const char *kind,
    const char *section, const char *title, const char *shows,
    const char *x, const char *const *y, size_t ny, json_t *hosts)
{
	json_t *o, *p, *ya = json_array(), *sec, *t;
	char *svg = xasprintf("%s.svg", base), *png = xasprintf("%s.png",
	    base);
	size_t i;

	for (i = 0; i < ny; i++)
		json_array_append_new(ya, json_string(y[i]));
	o = json_object();
	xjsonio_set(o, "file", json_string(svg));
	xjsonio_set(o, "kind", json_string(kind));
	xjsonio_set(o, "section", json_string(section));
	xjsonio_set(o, "title", json_string(title));
	t = json_string(shows);
	xjsonio_set(o, "shows", t ? t : json_string(title));
	xjsonio_set(o, "x", json_string(x));
	xjsonio_set(o, "y", ya);
	xjsonio_set(o, "hosts", hosts);
	/* The PNG: the same chart, another file. */
	p = json_deep_copy(o);
	json_object_set_new(p, "file", json_string(png));
	json_array_append_new(json_object_get(c->doc, "charts"), o);
	json_array_append_new(json_object_get(c->doc, "charts"), p);
	if ((sec = rsec_find(c->doc, section)) != NULL)
		json_array_append_new(json_object_get(sec, "charts"),
		    json_string(svg));
	free(svg);
	free(png);
}

FILE *
chartctx_open(const struct chartctx *c, const char *name, char **path,
    struct perr *e)
{
	FILE *fp;

	*path = xasprintf("%s/data/%s", c->dir, name);
	if ((fp = fopen(*path, "w")) == NULL)
		perr_set(e, "%s: %s", *path, strerror(errno));
	return fp;
}

int
chartctx_close(FILE *fp, const char *path, struct perr *e)
{
	if (ferror(fp) | fclose(fp))
		return perr_set(e, "%s: %s", path, strerror(errno));
	return 0;
}

void
chartctx_put(FILE *fp, double v)
{
	if (isnan(v))
		fputs(" NaN", fp);
	else
		fprintf(fp, " %.6g", v);
}

int
chartctx_data(struct gprun *g, FILE *fp, char *path, struct perr *e)
{
	int rc = chartctx_close(fp, path, e);

	if (rc == 0)
		gprun_str(g, path, "data");
	free(path);
	return rc;
}
