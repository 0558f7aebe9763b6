/* trenddesc.c - descriptive statistics as JSON, through stats.h for exact
 * values and the sketch's estimates beyond the budget. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/distrib.h"
#include "fmt/jsonio.h"
#include "stats/stats.h"
#include "trenddesc.h"
#include "util/xalloc.h"

size_t
trenddesc_median_ci_min(double conf)
{
	size_t n, lo, hi;

	for (n = 1; n < 1000; n++)
		if (stats_median_ci_ranks(n, conf, &lo, &hi) == 0)
			return n;
	return n;
}

/* The description of a sketched accumulator, in the shape stats_describe
 * gives for exact values. */
static void
from_sketch(const struct gacc *a, double conf, struct stats_desc *d,
    struct stats_outliers *o)
{
	const struct sketch *s = a->sk;
	size_t lo, hi;
	double t, iqr;

	memset(o, 0, sizeof *o);
	d->n = a->acc.n;
	d->mean = stats_acc_mean(&a->acc);
	d->sd = stats_acc_sd(&a->acc);
	d->cv = d->mean != 0 ? d->sd / fabs(d->mean) : NAN;
	d->min = a->acc.min;
	d->max = a->acc.max;
	d->median = sketch_quantile(s, 0.5);
	d->p5 = sketch_quantile(s, 0.05);
	d->p25 = sketch_quantile(s, 0.25);
	d->p75 = sketch_quantile(s, 0.75);
	d->p90 = sketch_quantile(s, 0.90);
	d->p95 = sketch_quantile(s, 0.95);
	d->p99 = sketch_quantile(s, 0.99);
	d->mad = sketch_mad(s, d->median);
	t = distrib_t_quantile(1 - (1 - conf) / 2, (double)d->n - 1);
	d->mean_lo = d->mean - t * d->sd / sqrt((double)d->n);
	d->mean_hi = d->mean + t * d->sd / sqrt((double)d->n);
	d->median_lo = d->median_hi = NAN;
	if (stats_median_ci_ranks(d->n, conf, &lo, &hi) == 0) {
		d->median_lo = sketch_rank(s, lo - 1);
		d->median_hi = sketch_rank(s, hi - 1);
	}
	iqr = d->p75 - d->p25;
	o->lo_mild = d->p25 - 1.5 * iqr;
	o->hi_mild = d->p75 + 1.5 * iqr;
	o->lo_severe = d->p25 - 3 * iqr;
	o->hi_severe = d->p75 + 3 * iqr;
	o->severe = sketch_count_outside(s, o->lo_severe, o->hi_severe);
	o->mild = sketch_count_outside(s, o->lo_mild, o->hi_mild) - o->severe;
	o->low = sketch_count_outside(s, o->lo_mild, INFINITY);
	o->high = sketch_count_outside(s, -INFINITY, o->hi_mild);
	o->modz_defined = d->mad > 0;
	if (o->modz_defined)
		o->modz = sketch_count_outside(s, d->median - 3.5 * d->mad /
		    0.6745, d->median + 3.5 * d->mad / 0.6745);
}

json_t *
trenddesc_metric(const struct gacc *a, uint64_t rows, double conf)
{
	struct stats_desc d;
	struct stats_outliers o;
	json_t *m = json_object(), *notes = json_array(), *jo;
	double *x;
	size_t need;

	if (gacc_exact(a)) {
		x = xmalloc((a->len ? a->len : 1) * sizeof *x);
		if (a->len > 0)		/* a->y is NULL before any value */
			memcpy(x, a->y, a->len * sizeof *x);
		stats_describe(x, a->len, conf, &d);
		memset(&o, 0, sizeof o);
		if (a->len > 0)
			stats_outliers(x, a->len, d.p25, d.p75, d.median, d.mad,
			    NULL, &o);
		free(x);
	} else
		from_sketch(a, conf, &d, &o);
	xjsonio_set(m, "n", json_integer((json_int_t)d.n));
	xjsonio_set(m, "missing", json_integer((json_int_t)(rows - d.n)));
	xjsonio_set(m, "mean", xjsonio_num(d.mean));
	xjsonio_set(m, "sd", xjsonio_num(d.sd));
	xjsonio_set(m, "cv", xjsonio_num(d.cv));
	xjsonio_set(m, "min", xjsonio_num(d.min));
	xjsonio_set(m, "max", xjsonio_num(d.max));
	xjsonio_set(m, "median", xjsonio_num(d.median));
	xjsonio_set(m, "mad", xjsonio_num(d.mad));
	xjsonio_set(m, "p5", xjsonio_num(d.p5));
	xjsonio_set(m, "p25", xjsonio_num(d.p25));
	xjsonio_set(m, "p75", xjsonio_num(d.p75));
	xjsonio_set(m, "p90", xjsonio_num(d.p90));
	xjsonio_set(m, "p95", xjsonio_num(d.p95));
	xjsonio_set(m, "p99", xjsonio_num(d.p99));
	xjsonio_set(m, "mean_ci", xjsonio_interval(d.mean_lo, d.mean_hi));
	xjsonio_set(m, "median_ci", xjsonio_interval(d.median_lo, d.median_hi));
	jo = json_object();
	if (d.n > 0) {
		xjsonio_set(jo, "mild", json_integer((json_int_t)o.mild));
		xjsonio_set(jo, "severe", json_integer((json_int_t)o.severe));
		xjsonio_set(jo, "low", json_integer((json_int_t)o.low));
		xjsonio_set(jo, "high", json_integer((json_int_t)o.high));
		xjsonio_set(jo, "modz", o.modz_defined ?
		    json_integer((json_int_t)o.modz) : json_null());
	} else {
		xjsonio_set(jo, "mild", json_null());
		xjsonio_set(jo, "severe", json_null());
		xjsonio_set(jo, "low", json_null());
		xjsonio_set(jo, "high", json_null());
		xjsonio_set(jo, "modz", json_null());
	}
	xjsonio_set(m, "outliers", jo);
	xjsonio_set(m, "quantiles", json_string(gacc_exact(a) ? "exact" : "sketch"));
	xjsonio_set(m, "relative_error", json_real(gacc_exact(a) ? 0 : a->sk->alpha));
	if (d.n == 0)
		xjsonio_appendf(notes, "no values");
	else if (d.n < 2)
		xjsonio_appendf(notes, "too few samples for sd and mean_ci: n=%zu, "
		    "need 2", d.n);
	need = trenddesc_median_ci_min(conf);
	if (d.n > 0 && d.n < need)
		xjsonio_appendf(notes, "too few samples for median_ci: n=%zu, "
		    "need %zu", d.n, need);
	if (d.n > 0 && !o.modz_defined)
		xjsonio_appendf(notes, "modz not defined: mad is 0");
	if (d.n > 0 && d.mean == 0)
		xjsonio_appendf(notes, "cv not defined: mean is 0");
	xjsonio_set(m, "notes", notes);
	return m;
}

/* A JSON string of CSV text, which may not be valid UTF-8: then bytes
 * beyond ASCII become '?' rather than failing the document. */
static json_t *
text(const char *s)
{
	json_t *j = json_string(s);
	char *fixed, *p;

	if (j != NULL)
		return j;
	fixed = xstrdup(s);
	for (p = fixed; *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	j = json_string(fixed);
	free(fixed);
	return j;
}

void
trenddesc_key(json_t *obj, const struct groups *g, const struct group *gr,
    const struct csvread *r)
{
	json_t *k = json_object();
	const char *name;
	size_t i;

	xjsonio_set(obj, "host", json_string(""));
	for (i = 0; i < csvread_ncols(r); i++) {
		if (!groups_is_key(g, i))
			continue;
		name = csvread_colname(r, i);
		if (strcmp(name, "host") == 0)
			xjsonio_set(obj, "host", text(gr->key[i] ? gr->key[i] : ""));
		else
			xjsonio_set(k, name, text(gr->key[i] ? gr->key[i] : ""));
	}
	xjsonio_set(obj, "keys", k);
}

json_t *
trenddesc_geomean(const struct groups *g, size_t col)
{
	size_t i, n = groups_count(g), k = 0;
	double *means = xmalloc((n ? n : 1) * sizeof *means), m;
	json_t *o = json_object();

	for (i = 0; i < n; i++) {
		m = stats_acc_mean(&groups_at(g, i)->m[col].acc);
		if (m > 0)
			means[k++] = m;
	}
	xjsonio_set(o, "value", xjsonio_num(k ? stats_geomean(means, k) : NAN));
	xjsonio_set(o, "groups", json_integer((json_int_t)k));
	xjsonio_set(o, "skipped", json_integer((json_int_t)(n - k)));
	free(means);
	return o;
}
