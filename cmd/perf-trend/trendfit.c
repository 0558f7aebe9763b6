/* trendfit.c - trends, forecasts, change points and complexity fits of
 * the accumulated values, through regress.h, changepoint.h and
 * complexity.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changepoint.h"
#include "edivisive.h"
#include "pelt.h"
#include "complexity.h"
#include "fmt/jsonio.h"
#include "util/num.h"
#include "stats/regress.h"
#include "trenddesc.h"
#include "trendfit.h"
#include "util/xalloc.h"

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
	char *a, *b, *c, buf[NUM_BUFSZ];

	regress_cross(ols, value, 0, &f);
	xjsonio_set(o, "threshold", xjsonio_num(value));
	xjsonio_set(o, "status", json_string(regress_cross_name(f.status)));
	xjsonio_set(o, "at", xjsonio_num(f.t));
	xjsonio_set(o, "at_pi", xjsonio_interval(f.t_lo, f.t_hi));
	xjsonio_set(o, "in", xjsonio_num(f.t - ols->xmax));
	if (f.status == REGRESS_CROSS_AHEAD) {
		a = span(axis, f.t - ols->xmax);
		b = span(axis, f.t_lo - ols->xmax);
		c = span(axis, f.t_hi - ols->xmax);
		xjsonio_set(o, "text", f.t_lo <= ols->xmax ?
		    jsonio_fmt("in %s (prediction interval: now to %s)", a, c) :
		    jsonio_fmt("in %s (prediction interval %s to %s)", a, b, c));
		free(a);
		free(b);
		free(c);
	} else if (f.status == REGRESS_CROSS_REACHED && !isnan(f.t) &&
	    strcmp(axis, "time") == 0) {
		a = span(axis, ols->xmax - f.t);
		xjsonio_set(o, "text", jsonio_fmt("already reached, %s before "
		    "the last sample", a));
		free(a);
	} else if (f.status == REGRESS_CROSS_REACHED && !isnan(f.t)) {
		xjsonio_set(o, "text", jsonio_fmt("already reached at %s = %s",
		    axis, num_fmt_sig(buf, f.t, 6)));
	} else {
		xjsonio_set(o, "text", json_string(
		    f.status == REGRESS_CROSS_REACHED ? "already reached" :
		    f.status == REGRESS_CROSS_NO_TREND ? "no significant trend" :
		    "never at this rate"));
	}
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
		s->x = gacc_xs(a);
		s->lab = a->lab;
		s->n = a->len;
		s->stride = 1;
	} else {
		s->y = a->dec->y;
		s->x = a->dec->x;
		s->lab = NULL;
		s->n = a->dec->len;
		s->stride = a->dec->stride;
	}
}

/* Says in notes that the series is a sample, when it is one. */
static void
sampled(json_t *notes, const struct gacc *a, const struct series *s)
{
	if (s->stride > 1 || !gacc_exact(a))
		xjsonio_appendf(notes, "values beyond the memory budget: from every "
		    "%zu-th value (%zu of %zu; --exact or --memory for all)",
		    s->stride, s->n, a->acc.n);
}

/* Pairs with a finite x, copied out of the series. */
static size_t
pairs(const struct series *s, double **x, double **y)
{
	size_t i, n = 0;

	*x = xmalloc((s->n ? s->n : 1) * sizeof **x);
	*y = xmalloc((s->n ? s->n : 1) * sizeof **y);
	for (i = 0; i < s->n; i++)
		if (s->x && isfinite(s->x[i])) {
			(*x)[n] = s->x[i];
			(*y)[n++] = s->y[i];
		}
	return n;
}

/* The pairs for a trend: the series itself when every x is finite (no
 * copy: *own 0), else those with a finite x copied out (*own 1). */
static size_t
trend_pairs(const struct series *s, const double **x, const double **y,
    int *own)
{
	double *cx, *cy;
	size_t i, n;

	for (i = 0; s->x && i < s->n && isfinite(s->x[i]); i++)
		;
	if (s->x && i == s->n) {
		*x = s->x;
		*y = s->y;
		*own = 0;
		return s->n;
	}
	*own = 1;
	n = pairs(s, &cx, &cy);
	*x = cx;
	*y = cy;
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
	const double *x, *y;
	double tsx[TS_MAX], tsy[TS_MAX];
	size_t n, i, tsk;
	int ok, own;

	memset(&ols, 0, sizeof ols);
	memset(&ts, 0, sizeof ts);
	series(a, &sr);
	n = trend_pairs(&sr, &x, &y, &own);
	xjsonio_set(t, "x", json_string(o->axis));
	xjsonio_set(t, "n", json_integer((json_int_t)n));
	xjsonio_set(t, "stride", json_integer((json_int_t)sr.stride));
	ok = n >= 3;
	sampled(notes, a, &sr);
	if (n < 3)
		xjsonio_appendf(notes, "too few samples for a trend: n=%zu, need 3",
		    n);
	/* Theil-Sen is O(n^2): on at most TS_MAX points, every k-th. */
	tsk = (n + TS_MAX - 1) / TS_MAX;
	for (i = 0; tsk > 1 && i * tsk < n; i++) {
		tsx[i] = x[i * tsk];
		tsy[i] = y[i * tsk];
	}
	if (ok && (regress_ols(x, y, n, 1 - o->conf, &ols, &e) < 0 ||
	    regress_theilsen(tsk > 1 ? tsx : x, tsk > 1 ? tsy : y,
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
	xjsonio_set(j, "slope", xjsonio_num(ok ? ols.slope : NAN));
	xjsonio_set(j, "slope_ci", xjsonio_interval(ok ? ols.slope_lo : NAN,
	    ok ? ols.slope_hi : NAN));
	xjsonio_set(j, "intercept", xjsonio_num(ok ? ols.intercept : NAN));
	xjsonio_set(j, "r2", xjsonio_num(ok ? ols.r2 : NAN));
	xjsonio_set(j, "p", xjsonio_num(ok ? ols.p : NAN));
	xjsonio_set(j, "direction", ok ? json_string(regress_dir_name(ols.dir)) :
	    json_null());
	xjsonio_set(t, "ols", j);
	j = json_object();
	xjsonio_set(j, "n", json_integer((json_int_t)(ok ? ts.n : 0)));
	xjsonio_set(j, "slope", xjsonio_num(ok ? ts.slope : NAN));
	xjsonio_set(j, "slope_ci", xjsonio_interval(ok ? ts.slope_lo : NAN,
	    ok ? ts.slope_hi : NAN));
	xjsonio_set(j, "intercept", xjsonio_num(ok ? ts.intercept : NAN));
	xjsonio_set(j, "direction", ok ? json_string(regress_dir_name(ts.dir)) :
	    json_null());
	/* Exact only when every point of the series was fitted: not past
	 * TS_MAX (every tsk-th point) nor past the memory budget (every
	 * stride-th value). */
	xjsonio_set(j, "exact", ok ? json_boolean(ts.exact && tsk <= 1 &&
	    sr.stride == 1) : json_null());
	if (ok && (tsk > 1 || sr.stride > 1))
		xjsonio_appendf(notes, "Theil-Sen fitted on one value in %zu "
		    "(%zu of the series), not all: an estimate", tsk *
		    sr.stride, tsk > 1 ? i : n);
	xjsonio_set(t, "theil_sen", j);
	xjsonio_set(t, "direction", ok ? json_string(regress_dir_name(
	    ols.dir == ts.dir ? ols.dir : REGRESS_FLAT)) : json_null());
	for (i = 0; i < o->nforecasts; i++)
		if (strcmp(o->forecasts[i].metric, metric) == 0)
			xjsonio_set(t, "forecast", ok ? forecast(&ols,
			    o->forecasts[i].value, o->axis) : json_null());
	xjsonio_set(t, "notes", notes);
	if (own) {
		free((double *)x);
		free((double *)y);
	}
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
		xjsonio_set(p, "index", json_integer((json_int_t)(k * s->stride)));
		xjsonio_set(p, "x", s->x ? xjsonio_num(s->x[k]) : json_null());
		xjsonio_set(p, "label", s->lab ? xjsonio_text(s->lab[k]) : json_null());
		xjsonio_set(p, "mean_before", xjsonio_num(cp[i].mean_before));
		xjsonio_set(p, "mean_after", xjsonio_num(cp[i].mean_after));
		xjsonio_set(p, "change_pct", xjsonio_num(cp[i].change_pct));
		xjsonio_set(p, "p", xjsonio_num(cp[i].p));
		xjsonio_set(p, "significant", json_boolean(cp[i].significant));
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
	size_t ncp = 0, i, ns = 0;

	changepoint_defaults(&co);
	co.seed = o->seed;
	co.sig = 1 - o->conf;
	series(a, &sr);
	xjsonio_set(r, "n", json_integer((json_int_t)sr.n));
	xjsonio_set(r, "stride", json_integer((json_int_t)sr.stride));
	xjsonio_set(r, "min_size", json_integer((json_int_t)co.min_size));
	xjsonio_set(r, "p_min", json_real(1.0 / (co.permutations + 1)));
	xjsonio_set(r, "label_column", o->label ? json_string(o->label) : json_null());
	sampled(notes, a, &sr);
	if (sr.n < 2 * co.min_size)
		xjsonio_appendf(notes, "too few samples for change points: n=%zu, "
		    "need %zu", sr.n, 2 * co.min_size);
	if (edivisive_find(sr.y, sr.n, &co, &cp, &ncp, &e) < 0)
		xjsonio_set(r, "edivisive", json_null());
	else
		xjsonio_set(r, "edivisive", points(cp, ncp, &sr));
	free(cp);
	cp = NULL;
	if (pelt_find(sr.y, sr.n, &co, &cp, &ncp, &e) < 0)
		xjsonio_set(r, "pelt", json_null());
	else
		xjsonio_set(r, "pelt", points(cp, ncp, &sr));
	for (i = 0; i < ncp; i++)
		ns += !cp[i].significant;
	if (ns > 0)
		xjsonio_appendf(notes, "%zu of %zu PELT change points not "
		    "significant (Welch p, Holm-adjusted over the series' PELT "
		    "points, above %g)", ns, ncp, co.sig);
	free(cp);
	xjsonio_set(r, "notes", notes);
	return r;
}

long
trendfit_param_column(const struct csvread *r, const char *name,
    struct perr *e)
{
	size_t i;
	long found = -1;

	if (name != NULL) {
		if ((found = csvread_col(r, name)) < 0)
			return perr_set(e, "%s:1: no column '%s' (named by "
			    "--complexity)", csvread_srcname(r, 0), name);
		return found;
	}
	for (i = 0; i < csvread_ncols(r); i++)
		if (strncmp(csvread_colname(r, i), "param_", 6) == 0) {
			if (found >= 0)
				return perr_set(e, "%s:1: several param_* "
				    "columns: name one with --complexity=COL",
				    csvread_srcname(r, 0));
			found = (long)i;
		}
	if (found < 0)
		return perr_set(e, "%s:1: no param_* column for --complexity",
		    csvread_srcname(r, 0));
	return found;
}

/* The second-best class when it fits almost as well as the best (its
 * normalised RMS within 25% of the best's, or within 0.01 of it): the
 * data do not tell the two apart, and the output must say so.  NULL
 * when the best stands out. */
static json_t *
runner_up(const struct complexity_result *cr)
{
	double b = cr->fit[cr->best].nrms, s = INFINITY;
	int c, second = -1;

	for (c = 0; c < COMPLEXITY_NCLASS; c++)
		if (c != (int)cr->best && cr->fit[c].nrms < s)
			s = cr->fit[c].nrms, second = c;
	if (second < 0 || !(s <= 1.25 * b || s - b <= 0.01))
		return json_null();
	return json_pack("{soso}", "class", json_string(complexity_name(
	    (enum complexity_class)second)), "nrms", xjsonio_num(s));
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
	xjsonio_set(o, "n", json_integer((json_int_t)n));
	xjsonio_set(o, "stride", json_integer((json_int_t)sr.stride));
	if (complexity_fit(x, y, n, &cr, e) == 0)
		*ok = 1;
	free(x);
	free(y);
	xjsonio_set(o, "best", *ok ? json_string(complexity_name(cr.best)) :
	    json_null());
	xjsonio_set(o, "coef", xjsonio_num(*ok ? cr.fit[cr.best].coef : NAN));
	xjsonio_set(o, "rms", xjsonio_num(*ok ? cr.fit[cr.best].rms : NAN));
	xjsonio_set(o, "nrms", xjsonio_num(*ok ? cr.fit[cr.best].nrms : NAN));
	xjsonio_set(o, "r2", xjsonio_num(*ok ? cr.fit[cr.best].r2 : NAN));
	for (c = 0; *ok && c < COMPLEXITY_NCLASS; c++) {
		f = json_object();
		xjsonio_set(f, "coef", xjsonio_num(cr.fit[c].coef));
		xjsonio_set(f, "nrms", xjsonio_num(cr.fit[c].nrms));
		xjsonio_set(f, "r2", xjsonio_num(cr.fit[c].r2));
		xjsonio_set(fits, complexity_name((enum complexity_class)c), f);
	}
	xjsonio_set(o, "fits", fits);
	xjsonio_set(o, "runner_up", *ok ? runner_up(&cr) : json_null());
	return o;
}

json_t *
trendfit_complexity(const struct groups *g, const struct columns *c,
    const struct csvread *r, long param)
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
			xjsonio_set(o, "metric", xjsonio_text(csvread_colname(r, k)));
			xjsonio_set(o, "param", xjsonio_text(csvread_colname(r,
			    (size_t)param)));
			f = fit(groups_metric(g, gr, k), &e, &ok);
			json_object_update_new(o, f);
			xjsonio_set(o, "note", ok ? json_null() : json_string(e.msg));
			json_array_append_new(arr, o);
		}
	}
	return arr;
}
