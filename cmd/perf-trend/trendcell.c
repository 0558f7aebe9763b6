/* trendcell.c - the cells of perf-trend's text tables, read from a trend
 * document: numbers to four significant digits, intervals, relative
 * bounds, "-" for unknown. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trendcell.h"
#include "util/num.h"
#include "util/xalloc.h"

const json_t *
cell_get(const json_t *o, const char *path)
{
	char key[64];
	const char *dot;

	while (o && (dot = strchr(path, '.')) != NULL) {
		snprintf(key, sizeof key, "%.*s", (int)(dot - path), path);
		o = json_object_get(o, key);
		path = dot + 1;
	}
	return o ? json_object_get(o, path) : NULL;
}

/* Formats a number into buf: integers whole, others to 4 significant
 * digits, "-" when unknown. */
const char *
cell_fmt(char *buf, const json_t *v)
{
	if (json_is_integer(v))
		snprintf(buf, NUM_BUFSZ, "%lld", (long long)json_integer_value(v));
	else if (!json_is_number(v))
		strcpy(buf, "-");
	else
		num_fmt_sig(buf, json_number_value(v), 4);
	return buf;
}

char *
cell_num(const json_t *v)
{
	char buf[NUM_BUFSZ];

	return xstrdup(cell_fmt(buf, v));
}

/* "[lo, hi]" of the interval object at path, or "-". */
char *
cell_ci(const json_t *o, const char *path)
{
	char a[NUM_BUFSZ], b[NUM_BUFSZ];
	const json_t *i = cell_get(o, path);
	const json_t *lo = json_object_get(i, "lo");
	const json_t *hi = json_object_get(i, "hi");

	if (!json_is_number(lo) && !json_is_number(hi))
		return xstrdup("-");
	return xasprintf("[%s, %s]", cell_fmt(a, lo), cell_fmt(b, hi));
}

/* "MEDIAN n=N" of a sample object. */
char *
cell_sample(const json_t *o, const char *name)
{
	char a[NUM_BUFSZ], b[NUM_BUFSZ];
	const json_t *s = json_object_get(o, name);

	return xasprintf("%s n=%s", cell_fmt(a, json_object_get(s, "median")),
	    cell_fmt(b, json_object_get(s, "n")));
}

/* A signed percentage to one decimal: "+6.7%", "-0.0%"; "-" unknown. */
char *
cell_pct(const json_t *v)
{
	if (!json_is_number(v))
		return xstrdup("-");
	return xasprintf("%+.1f%%", json_number_value(v));
}

char *
cell_str(const json_t *v)
{
	return xstrdup(json_is_string(v) ? json_string_value(v) : "-");
}

/* "±2.1%": the half-width of an interval relative to its centre. */
char *
cell_pm(const json_t *m, const char *iv, const char *centre)
{
	const json_t *lo, *hi;
	double c = json_number_value(json_object_get(m, centre)), h;
	char buf[NUM_BUFSZ];

	hi = json_object_get(json_object_get(m, iv), "hi");
	lo = json_object_get(json_object_get(m, iv), "lo");
	if (!json_is_number(lo) || !json_is_number(hi) || c == 0)
		return xstrdup("-");
	h = (json_number_value(hi) - json_number_value(lo)) / 2;
	return xasprintf("±%s%%", num_fmt(buf, 100 * h / (c < 0 ? -c : c),
	    1));
}

/* The header of the mean interval column: "±95%" at the document's
 * confidence. */
char *
cell_conf(const json_t *doc)
{
	char buf[NUM_BUFSZ];
	const json_t *c = cell_get(doc, "options.confidence");

	return xasprintf("±%s%%", json_is_number(c) ?
	    num_fmt(buf, json_number_value(c), 1) : "95");
}

/* A sketched metric's quantiles cell: "sketch" and the worst bound of
 * its median and p95 relative to the value shown ("sketch ±0.5%"), so
 * that a median the sketch can only place within 100% reads as such. */
char *
cell_sketched(const json_t *m)
{
	static const char *const q[] = { "median", "p95" };
	double r = 0, v, b;
	size_t i;

	for (i = 0; i < 2; i++) {
		v = fabs(json_number_value(cell_get(m, q[i])));
		b = json_number_value(json_object_get(cell_get(m, "error"), q[i]));
		if (!json_is_number(json_object_get(cell_get(m, "error"), q[i])))
			return xstrdup("sketch ±?");
		r = fmax(r, v > 0 ? b / v : b > 0 ? INFINITY : 0);
	}
	if (r > 1)
		return xstrdup("sketch ±>100%");
	return xasprintf("sketch ±%.2g%%", 100 * r);
}

/* A change point's p; at the floor of a permutation test (floor not
 * NULL) it is only a bound: "<=0.005"; followed by " n.s." when sig is
 * false (a PELT point its own test does not call significant). */
char *
cell_pval(const json_t *p, const json_t *floor, const json_t *sig)
{
	double v = json_number_value(cell_get(p, "p"));
	char buf[NUM_BUFSZ], *s, *t;

	if (json_is_number(floor) && json_is_number(cell_get(p, "p")) &&
	    v <= json_number_value(floor) * (1 + 1e-9))
		s = xasprintf("<=%s", cell_fmt(buf, floor));
	else
		s = cell_num(cell_get(p, "p"));
	if (!json_is_false(sig))
		return s;
	t = xasprintf("%s n.s.", s);
	free(s);
	return t;
}
