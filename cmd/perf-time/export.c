/* export.c - hyperfine's export formats (export.h): JSON through jansson,
 * CSV through the CSV writer, Markdown in hyperfine's table layout. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fmt/csvwrite.h"
#include "stats/stats.h"
#include "util/atomicfile.h"
#include "util/xalloc.h"

/* What hyperfine reports of one command. */
struct figures {
	double mean, stddev, median, user, system, min, max;
};

static void
figures(const struct timesum_bench *s, struct figures *f)
{
	double *w;

	f->mean = f->stddev = f->median = f->user = f->system = NAN;
	f->min = f->max = NAN;
	if (s->n == 0)
		return;
	w = xreallocarray(NULL, s->n, sizeof *w);
	memcpy(w, s->wall, s->n * sizeof *w);
	qsort(w, s->n, sizeof *w, stats_cmp);
	f->mean = stats_mean(w, s->n);
	f->stddev = s->n > 1 ? stats_sd(w, s->n) : NAN;
	f->median = stats_median(w, s->n);
	f->min = w[0], f->max = w[s->n - 1];
	f->user = stats_mean(s->user, s->n);
	f->system = stats_mean(s->sys, s->n);
	free(w);
}

/* A number, or null (hyperfine writes null for the stddev of one run). */
static json_t *
num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static int
json(FILE *fp, const struct bench *b, size_t nb, const struct params *ps)
{
	json_t *doc = json_object(), *res = json_array(), *o, *t, *c, *p;
	struct figures f;
	size_t i, j;
	int rv;

	for (i = 0; i < nb; i++) {
		figures(&b[i].s, &f);
		o = json_object();
		json_object_set_new(o, "command", json_string(b[i].cmd));
		json_object_set_new(o, "mean", num(f.mean));
		json_object_set_new(o, "stddev", num(f.stddev));
		json_object_set_new(o, "median", num(f.median));
		json_object_set_new(o, "user", num(f.user));
		json_object_set_new(o, "system", num(f.system));
		json_object_set_new(o, "min", num(f.min));
		json_object_set_new(o, "max", num(f.max));
		t = json_array(), c = json_array();
		for (j = 0; j < b[i].s.n; j++) {
			json_array_append_new(t, json_real(b[i].s.wall[j]));
			json_array_append_new(c, b[i].codes[j] < 0 ?
			    json_null() : json_integer(b[i].codes[j]));
		}
		json_object_set_new(o, "times", t);
		json_object_set_new(o, "exit_codes", c);
		if (ps->n > 0) {
			p = json_object();
			for (j = 0; j < ps->n; j++)
				json_object_set_new(p, ps->p[j].name,
				    json_string(b[i].pvals[j]));
			json_object_set_new(o, "parameters", p);
		}
		json_array_append_new(res, o);
	}
	json_object_set_new(doc, "results", res);
	/* 17 digits: every double reads back as itself. */
	rv = json_dumpf(doc, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(17));
	json_decref(doc);
	return rv < 0 || putc('\n', fp) == EOF ? -1 : 0;
}

static int
csv(FILE *fp, const struct bench *b, size_t nb, const struct params *ps)
{
	static const char *const head[] = { "command", "mean", "stddev",
	    "median", "user", "system", "min", "max" };
	struct csvwrite w;
	struct figures f;
	char *name;
	size_t i, j;

	csvwrite_init(&w, fp);
	for (i = 0; i < sizeof head / sizeof *head; i++)
		csvwrite_str(&w, head[i]);
	for (i = 0; i < ps->n; i++) {
		name = xasprintf("parameter_%s", ps->p[i].name);
		csvwrite_str(&w, name);
		free(name);
	}
	csvwrite_end(&w);
	for (i = 0; i < nb; i++) {
		figures(&b[i].s, &f);
		csvwrite_str(&w, b[i].cmd);
		csvwrite_num_sig(&w, f.mean, 17);
		csvwrite_num_sig(&w, f.stddev, 17);
		csvwrite_num_sig(&w, f.median, 17);
		csvwrite_num_sig(&w, f.user, 17);
		csvwrite_num_sig(&w, f.system, 17);
		csvwrite_num_sig(&w, f.min, 17);
		csvwrite_num_sig(&w, f.max, 17);
		for (j = 0; j < ps->n; j++)
			csvwrite_str(&w, b[i].pvals[j]);
		if (csvwrite_end(&w) < 0)
			return -1;
	}
	return 0;
}

/* Writes v in the table's unit with one decimal, as hyperfine does. */
static void
cell(FILE *fp, double v, double scale)
{
	if (isfinite(v))
		fprintf(fp, "%.1f", v * scale);
	else
		fputs("-", fp);
}

static int
markdown(FILE *fp, const struct bench *b, size_t nb, const char *unit)
{
	struct figures *f = xcalloc(nb ? nb : 1, sizeof *f);
	double fast = INFINITY, fsd = NAN, scale, r, err;
	const char *u;
	size_t i, k = nb;

	for (i = 0; i < nb; i++) {
		figures(&b[i].s, &f[i]);
		if (f[i].mean < fast)
			fast = f[i].mean, fsd = f[i].stddev, k = i;
	}
	/* The unit: as asked, else seconds when the first mean is 1 s or
	 * more (hyperfine's choice), else milliseconds. */
	if (unit != NULL ? strcmp(unit, "second") == 0 :
	    nb > 0 && f[0].mean >= 1)
		scale = 1, u = "s";
	else
		scale = 1e3, u = "ms";
	fprintf(fp, "| Command | Mean [%s] | Min [%s] | Max [%s] | Relative |\n"
	    "|:---|---:|---:|---:|---:|\n", u, u, u);
	for (i = 0; i < nb; i++) {
		fputs("| `", fp);
		fputs(b[i].cmd, fp);
		fputs("` | ", fp);
		cell(fp, f[i].mean, scale);
		if (isfinite(f[i].stddev)) {
			fputs(" ± ", fp);
			cell(fp, f[i].stddev, scale);
		}
		fputs(" | ", fp);
		cell(fp, f[i].min, scale);
		fputs(" | ", fp);
		cell(fp, f[i].max, scale);
		r = f[i].mean / fast;
		fprintf(fp, " | %.2f", r);
		/* The ratio's error, the two relative errors combined. */
		err = r * sqrt(pow(f[i].stddev / f[i].mean, 2) +
		    pow(fsd / fast, 2));
		if (i != k && isfinite(err))
			fprintf(fp, " ± %.2f", err);
		fputs(" |\n", fp);
	}
	free(f);
	return ferror(fp) ? -1 : 0;
}

int
export_write(const struct export_opts *o, const struct bench *b, size_t nb,
    const struct params *ps, struct perr *e)
{
	const char *path[3] = { o->json, o->csv, o->markdown };
	struct atomicfile a;
	size_t i;
	int rv;

	for (i = 0; i < 3; i++) {
		if (path[i] == NULL)
			continue;
		if (atomicfile_open(&a, path[i], e) < 0)
			return -1;
		rv = i == 0 ? json(a.fp, b, nb, ps) : i == 1 ?
		    csv(a.fp, b, nb, ps) : markdown(a.fp, b, nb, o->unit);
		if (rv < 0) {
			atomicfile_abort(&a);
			return perr_set(e, "%s: write error", path[i]);
		}
		if (atomicfile_commit(&a, e) < 0)
			return -1;
	}
	return 0;
}
