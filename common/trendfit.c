/* trendfit.c - trends, forecasts, change points and complexity fits of
 * the accumulated values, through regress.h, changepoint.h and
 * complexity.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changepoint.h"
#include "complexity.h"
#include "jsonout.h"
#include "num.h"
#include "regress.h"
#include "trenddesc.h"
#include "trendfit.h"
#include "xalloc.h"

/* A span of the axis in words, three significant digits: a duration
 * ("11.7 min", "3.2 d") when the axis is time, else "x + 12.5". */
static char *
span(const char *axis, double dx)
{
	static const struct { double s; const char *unit; } units[] = {
		{ 86400 * 2, "d" }, { 7200, "h" }, { 120, "min" }, { 0, "s" },
	};
	static const double per[] = { 86400, 3600, 60, 1 };
	char buf[NUM_BUFSZ];
	size_t i;

	if (strcmp(axis, "time") != 0)
		return xasprintf("%s + %s", axis, num_fmt_sig(buf, dx, 3));
	for (i = 0; i < 3 && fabs(dx) < units[i].s; i++)
		;
	return xasprintf("%s %s", num_fmt_sig(buf, dx / per[i], 3),
	    units[i].unit);
}

static json_t *
forecast(const struct regress_ols *ols, double value, const char *axis)
{
	struct regress_forecast f;
	json_t *o = json_object();
	char *a, *b, *c;

	regress_cross(ols, value, 0, &f);
	jset(o, "threshold", jnum(value));
	jset(o, "status", json_string(regress_cross_name(f.status)));
	jset(o, "at", jnum(f.t));
	jset(o, "at_pi", jinterval(f.t_lo, f.t_hi));
	jset(o, "in", jnum(f.t - ols->xmax));
	if (f.status == REGRESS_CROSS_AHEAD) {
		a = span(axis, f.t - ols->xmax);
		b = span(axis, f.t_lo - ols->xmax);
		c = span(axis, f.t_hi - ols->xmax);
		jset(o, "text", f.t_lo <= ols->xmax ?
		    jfmt("in %s (prediction interval: now to %s)", a, c) :
		    jfmt("in %s (prediction interval %s to %s)", a, b, c));
		free(a);
		free(b);
		free(c);
	} else
		jset(o, "text", json_string(f.status == REGRESS_CROSS_REACHED ?
		    "reached" : "never at this rate"));
	return o;
}

/* Pairs with a finite x, copied out of the accumulator. */
#define TS_MAX 512	/* most points given to Theil-Sen */

/* The series of an accumulator in row order: every value while exact,
 * else its decimated sample (every stride-th value). */
struct series {
	const double *y, *x;	/* x NULL without an axis */
	char *const *lab;	/* NULL without labels (or when sampled) */
	size_t n, stride;
};

static void
series(const struct gacc *a, struct series *s)
{
	if (gacc_exact(a)) {
		s->y = a->y;
		s->x = a->x;
		s->lab = a->lab;
		s->n = a->len;
		s->stride = 1;
	} else {
		s->y = a->dy;
		s->x = a->dx;
		s->lab = NULL;
		s->n = a->dlen;
		s->stride = a->dstride;
	}
}

/* Says in notes that the series is a sample, when it is one. */
static void
sampled(json_t *notes, const struct gacc *a, const struct series *s)
{
	if (s->stride > 1 || !gacc_exact(a))
		jappendf(notes, "values beyond the memory budget: from every "
		    "%zu-th value (%zu of %zu; --exact or --memory for all)",
		    s->stride, s->n, a->acc.n);
}

/* Pairs with a finite x, copied out of the series. */
static size_t
pairs(const struct series *s, double **x, double **y)
{
	size_t i, n = 0;

	/* Room for a second copy: the Theil-Sen sample goes after them. */
	*x = xmalloc((s->n ? 2 * s->n : 1) * sizeof **x);
	*y = xmalloc((s->n ? 2 * s->n : 1) * sizeof **y);
	for (i = 0; i < s->n; i++)
		if (s->x && isfinite(s->x[i])) {
			(*x)[n] = s->x[i];
			(*y)[n++] = s->y[i];
		}
	return n;
}

json_t *
trendfit_trend(const struct gacc *a, const char *metric,
    const struct trendfit_opts *o)
{
	struct regress_ols ols;
	struct regress_theilsen ts;
	struct series sr;
	struct perr e;
	json_t *t = json_object(), *j, *notes = json_array();
	double *x, *y;
	size_t n, i, tsk;
	int ok;

	memset(&ols, 0, sizeof ols);
	memset(&ts, 0, sizeof ts);
	series(a, &sr);
	n = pairs(&sr, &x, &y);
	jset(t, "x", json_string(o->axis));
	jset(t, "n", json_integer((json_int_t)n));
	jset(t, "stride", json_integer((json_int_t)sr.stride));
	ok = n >= 3;
	sampled(notes, a, &sr);
	if (n < 3)
		jappendf(notes, "too few samples for a trend: n=%zu, need 3",
		    n);
	/* Theil-Sen is O(n^2): on at most TS_MAX points, every k-th. */
	tsk = (n + TS_MAX - 1) / TS_MAX;
	for (i = 0; tsk > 1 && i * tsk < n; i++) {
		x[n + i] = x[i * tsk];
		y[n + i] = y[i * tsk];
	}
	if (ok && (regress_ols(x, y, n, 1 - o->conf, &ols, &e) < 0 ||
	    regress_theilsen(tsk > 1 ? x + n : x, tsk > 1 ? y + n : y,
	    tsk > 1 ? i : n, 1 - o->conf, &ts, &e) < 0)) {
		json_array_append_new(notes, json_string(e.msg));
		ok = 0;
	}
	if (ok && isnan(ols.slope)) {
		json_array_append_new(notes, json_string("every x is the same: "
		    "no slope"));
		ok = 0;
	}
	j = json_object();
	jset(j, "slope", jnum(ok ? ols.slope : NAN));
	jset(j, "slope_ci", jinterval(ok ? ols.slope_lo : NAN,
	    ok ? ols.slope_hi : NAN));
	jset(j, "intercept", jnum(ok ? ols.intercept : NAN));
	jset(j, "r2", jnum(ok ? ols.r2 : NAN));
	jset(j, "p", jnum(ok ? ols.p : NAN));
	jset(j, "direction", ok ? json_string(regress_dir_name(ols.dir)) :
	    json_null());
	jset(t, "ols", j);
	j = json_object();
	jset(j, "n", json_integer((json_int_t)(ok ? ts.n : 0)));
	jset(j, "slope", jnum(ok ? ts.slope : NAN));
	jset(j, "slope_ci", jinterval(ok ? ts.slope_lo : NAN,
	    ok ? ts.slope_hi : NAN));
	jset(j, "intercept", jnum(ok ? ts.intercept : NAN));
	jset(j, "direction", ok ? json_string(regress_dir_name(ts.dir)) :
	    json_null());
	jset(j, "exact", ok ? json_boolean(ts.exact) : json_null());
	jset(t, "theil_sen", j);
	jset(t, "direction", ok ? json_string(regress_dir_name(
	    ols.dir == ts.dir ? ols.dir : REGRESS_FLAT)) : json_null());
	for (i = 0; i < o->nforecasts; i++)
		if (strcmp(o->forecasts[i].metric, metric) == 0)
			jset(t, "forecast", ok ? forecast(&ols,
			    o->forecasts[i].value, o->axis) : json_null());
	jset(t, "notes", notes);
	free(x);
	free(y);
	return t;
}

static json_t *
points(const struct changepoint *cp, size_t n, const struct series *s)
{
	json_t *arr = json_array(), *p;
	size_t i, k;

	for (i = 0; i < n; i++) {
		k = cp[i].index;
		p = json_object();
		jset(p, "index", json_integer((json_int_t)(k * s->stride)));
		jset(p, "x", s->x ? jnum(s->x[k]) : json_null());
		jset(p, "label", s->lab ? json_string(s->lab[k]) : json_null());
		jset(p, "mean_before", jnum(cp[i].mean_before));
		jset(p, "mean_after", jnum(cp[i].mean_after));
		jset(p, "change_pct", jnum(cp[i].change_pct));
		jset(p, "p", jnum(cp[i].p));
		json_array_append_new(arr, p);
	}
	return arr;
}

json_t *
trendfit_changepoints(const struct gacc *a, const struct trendfit_opts *o)
{
	struct changepoint_opts co;
	struct changepoint *cp = NULL;
	struct series sr;
	struct perr e;
	json_t *r = json_object(), *notes = json_array();
	size_t ncp = 0;

	changepoint_defaults(&co);
	co.seed = o->seed;
	co.sig = 1 - o->conf;
	series(a, &sr);
	jset(r, "n", json_integer((json_int_t)sr.n));
	jset(r, "stride", json_integer((json_int_t)sr.stride));
	jset(r, "min_size", json_integer((json_int_t)co.min_size));
	jset(r, "label_column", o->label ? json_string(o->label) : json_null());
	sampled(notes, a, &sr);
	if (sr.n < 2 * co.min_size)
		jappendf(notes, "too few samples for change points: n=%zu, "
		    "need %zu", sr.n, 2 * co.min_size);
	if (changepoint_edivisive(sr.y, sr.n, &co, &cp, &ncp, &e) < 0)
		jset(r, "edivisive", json_null());
	else
		jset(r, "edivisive", points(cp, ncp, &sr));
	free(cp);
	cp = NULL;
	if (changepoint_pelt(sr.y, sr.n, &co, &cp, &ncp, &e) < 0)
		jset(r, "pelt", json_null());
	else
		jset(r, "pelt", points(cp, ncp, &sr));
	free(cp);
	jset(r, "notes", notes);
	return r;
}

long
trendfit_param_column(const struct csvr *r, const char *name,
    struct perr *e)
{
	size_t i;
	long found = -1;

	if (name != NULL) {
		if ((found = csvr_col(r, name)) < 0)
			return perr_set(e, "%s:1: no column '%s' (named by "
			    "--complexity)", csvr_srcname(r, 0), name);
		return found;
	}
	for (i = 0; i < csvr_ncols(r); i++)
		if (strncmp(csvr_colname(r, i), "param_", 6) == 0) {
			if (found >= 0)
				return perr_set(e, "%s:1: several param_* "
				    "columns: name one with --complexity=COL",
				    csvr_srcname(r, 0));
			found = (long)i;
		}
	if (found < 0)
		return perr_set(e, "%s:1: no param_* column for --complexity",
		    csvr_srcname(r, 0));
	return found;
}

static json_t *
fit(const struct gacc *a, struct perr *e, int *ok)
{
	struct complexity_result cr;
	json_t *o = json_object(), *fits = json_object(), *f;
	struct series sr;
	double *x, *y;
	size_t n;
	int c;

	series(a, &sr);
	n = pairs(&sr, &x, &y);
	*ok = 0;
	jset(o, "n", json_integer((json_int_t)n));
	jset(o, "stride", json_integer((json_int_t)sr.stride));
	if (complexity_fit(x, y, n, &cr, e) == 0)
		*ok = 1;
	free(x);
	free(y);
	jset(o, "best", *ok ? json_string(complexity_name(cr.best)) :
	    json_null());
	jset(o, "coef", jnum(*ok ? cr.fit[cr.best].coef : NAN));
	jset(o, "rms", jnum(*ok ? cr.fit[cr.best].rms : NAN));
	jset(o, "nrms", jnum(*ok ? cr.fit[cr.best].nrms : NAN));
	jset(o, "r2", jnum(*ok ? cr.fit[cr.best].r2 : NAN));
	for (c = 0; *ok && c < COMPLEXITY_NCLASS; c++) {
		f = json_object();
		jset(f, "coef", jnum(cr.fit[c].coef));
		jset(f, "nrms", jnum(cr.fit[c].nrms));
		jset(f, "r2", jnum(cr.fit[c].r2));
		jset(fits, complexity_name((enum complexity_class)c), f);
	}
	jset(o, "fits", fits);
	return o;
}

json_t *
trendfit_complexity(const struct groups *g, const struct columns *c,
    const struct csvr *r, long param)
{
	json_t *arr = json_array(), *o, *f;
	struct group *gr;
	struct perr e;
	size_t i, k;
	int ok;

	for (i = 0; i < groups_count(g); i++) {
		gr = groups_at(g, i);
		for (k = 0; k < c->n; k++) {
			if (c->role[k] != COL_METRIC)
				continue;
			o = json_object();
			trenddesc_key(o, g, gr, r);
			jset(o, "metric", json_string(csvr_colname(r, k)));
			jset(o, "param", json_string(csvr_colname(r,
			    (size_t)param)));
			f = fit(&gr->m[k], &e, &ok);
			json_object_update_new(o, f);
			jset(o, "note", ok ? json_null() : json_string(e.msg));
			json_array_append_new(arr, o);
		}
	}
	return arr;
}
