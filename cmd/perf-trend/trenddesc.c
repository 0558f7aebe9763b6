/* trenddesc.c - descriptive statistics as JSON, through stats.h for exact
 * values and the sketch's estimates beyond the budget. */
#include <float.h>
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
	/* The last answer kept: it is asked for every metric of every
	 * group at one level, and finding it takes binomial quantiles at
	 * each n (a tenth of describing 200,000 one-row groups). */
	static double kconf = NAN;
	static size_t kn;
	size_t n, lo, hi;

	if (conf == kconf)
		return kn;
	for (n = 1; n < 1000; n++)
		if (stats_median_ci_ranks(n, conf, &lo, &hi) == 0)
			break;
	kconf = conf;
	kn = n;
	return n;
}

/*
 * From sketches: each estimate is the middle of a range sure to hold the
 * exact value, the intersection of the ranges the two sketches give (of
 * the values, and of their deviations from a reference), and its bound
 * the half width.  So every printed bound holds, however the values lie.
 */

/* Narrows [*lo, *hi] to its intersection with [l2, h2]; both hold the
 * exact value, so they meet but for rounding, and then the narrower one
 * is kept. */
static void
meet(double *lo, double *hi, double l2, double h2)
{
	if (!(l2 <= h2))
		return;
	if (!(*lo <= *hi) || l2 > *hi || h2 < *lo) {
		if (!(*lo <= *hi) || h2 - l2 < *hi - *lo) {
			*lo = l2;
			*hi = h2;
		}
		return;
	}
	*lo = fmax(*lo, l2);
	*hi = fmin(*hi, h2);
}

/* The middle of [lo, hi], and in *bound its distance to either end plus
 * what printing it to 12 significant digits may add (at most 5e-12 of
 * it), so that the bound holds for the number as printed. */
static double
mid(double lo, double hi, double *bound)
{
	double m = lo == hi ? lo : lo / 2 + hi / 2;

	*bound = (fmax(hi - m, m - lo) + 1e-11 * fabs(m)) * (1 + 1e-11);
	return m;
}

static void
qrange(const struct gacc *a, double q, double *lo, double *hi)
{
	double l2, h2;

	sketch_quantile_range(a->sk, q, lo, hi);
	if (a->skd) {
		sketch_quantile_range(a->skd, q, &l2, &h2);
		meet(lo, hi, l2, h2);
	}
}

static void
rrange(const struct gacc *a, uint64_t r, double *lo, double *hi)
{
	double l2, h2;

	sketch_rank_range(a->sk, r, lo, hi);
	if (a->skd) {
		sketch_rank_range(a->skd, r, &l2, &h2);
		meet(lo, hi, l2, h2);
	}
}

/* A count of values outside fences known to lie in [llo, lhi] and [hlo,
 * hhi]: the range of the exact count from both sketches, and an estimate
 * inside it from the sketch that is surer. */
struct crange {
	uint64_t sure, est, maybe;
};

static struct crange
count(const struct gacc *a, double llo, double lhi, double hlo, double hhi,
    double lm, double hm)
{
	struct crange c, c2;

	sketch_count_range(a->sk, llo, lhi, hlo, hhi, lm, hm, &c.sure, &c.est,
	    &c.maybe);
	if (a->skd) {
		sketch_count_range(a->skd, llo, lhi, hlo, hhi, lm, hm,
		    &c2.sure, &c2.est, &c2.maybe);
		if (c2.maybe - c2.sure < c.maybe - c.sure)
			c.est = c2.est;
		c.sure = c2.sure > c.sure ? c2.sure : c.sure;
		c.maybe = c2.maybe < c.maybe ? c2.maybe : c.maybe;
		if (c.est < c.sure)
			c.est = c.sure;
		if (c.est > c.maybe)
			c.est = c.maybe;
	}
	return c;
}

static json_t *
cbound(struct crange c)
{
	uint64_t b = c.est - c.sure > c.maybe - c.est ? c.est - c.sure :
	    c.maybe - c.est;

	return json_integer((json_int_t)b);
}

/* The slack of a fence computed from values of magnitude up to m. */
static double
slack(double m)
{
	return 16 * DBL_EPSILON * m;
}

static const struct {
	const char *name;
	double q;
} qs[] = {
	{ "median", 0.5 }, { "p5", 0.05 }, { "p25", 0.25 }, { "p75", 0.75 },
	{ "p90", 0.90 }, { "p95", 0.95 }, { "p99", 0.99 },
};
#define NQ (sizeof qs / sizeof qs[0])

/*
 * The description of a sketched accumulator, in the shape stats_describe
 * gives for exact values; err receives the absolute bound of each
 * estimate, notes what a reader must know.  Returns the largest relative
 * bound of the quantiles: NaN when one has none.
 */
static double
from_sketch(const struct gacc *a, double conf, struct stats_desc *d,
    struct stats_outliers *o, json_t *err, json_t *notes)
{
	double lo[NQ], hi[NQ], est[NQ], bnd[NQ], *dst[NQ];
	double t, ml, mh, dl, dh, l2, h2, m, rel = 0, r, k, e;
	double ll, lh, hl, hh, sl;
	size_t i, rlo, rhi;
	struct crange out, sev, low, high, modz;
	json_t *eo = json_object();
	char bad[64] = "";

	memset(o, 0, sizeof *o);
	d->n = a->acc.n;
	d->mean = stats_acc_mean(&a->acc);
	d->sd = stats_acc_sd(&a->acc);
	d->cv = d->mean != 0 ? d->sd / fabs(d->mean) : NAN;
	d->min = a->acc.min;
	d->max = a->acc.max;
	dst[0] = &d->median;
	dst[1] = &d->p5;
	dst[2] = &d->p25;
	dst[3] = &d->p75;
	dst[4] = &d->p90;
	dst[5] = &d->p95;
	dst[6] = &d->p99;
	for (i = 0; i < NQ; i++) {
		qrange(a, qs[i].q, &lo[i], &hi[i]);
		est[i] = *dst[i] = mid(lo[i], hi[i], &bnd[i]);
		xjsonio_set(err, qs[i].name, xjsonio_num(bnd[i]));
		/* Relative to the smallest magnitude the exact value may
		 * have. */
		m = lo[i] > 0 ? lo[i] : hi[i] < 0 ? -hi[i] : 0;
		r = bnd[i] == 0 ? 0 : m > 0 ? bnd[i] / m : INFINITY;
		if (r > a->sk->alpha && strlen(bad) + 8 < sizeof bad) {
			strcat(bad, *bad ? ", " : "");
			strcat(bad, qs[i].name);
		}
		rel = fmax(rel, r);
	}
	if (*bad)
		xjsonio_appendf(notes, "%s beyond the sketch's relative error "
		    "%g: %s; each is within its bound in error", bad,
		    a->sk->alpha, a->sk->collapsed ? "the values span more magnitudes than "
		    "its buckets do, so the smallest were merged" :
		    "their ranges reach 0");
	ml = lo[0];
	mh = hi[0];

	/* The mad from the range of the median. */
	sketch_mad_range(a->sk, ml, mh, &dl, &dh);
	if (a->skd) {
		sketch_mad_range(a->skd, ml, mh, &l2, &h2);
		meet(&dl, &dh, l2, h2);
	}
	d->mad = mid(dl, dh, &e);
	xjsonio_set(err, "mad", xjsonio_num(e));

	t = distrib_t_quantile(1 - (1 - conf) / 2, (double)d->n - 1);
	d->mean_lo = d->mean - t * d->sd / sqrt((double)d->n);
	d->mean_hi = d->mean + t * d->sd / sqrt((double)d->n);
	d->median_lo = d->median_hi = NAN;
	if (stats_median_ci_ranks(d->n, conf, &rlo, &rhi) == 0) {
		/* Widened to hold the exact interval, so its coverage stays
		 * at least the level. */
		rrange(a, rlo - 1, &d->median_lo, &h2);
		rrange(a, rhi - 1, &l2, &d->median_hi);
		xjsonio_appendf(notes, "median_ci widened by the sketch's "
		    "error: it holds the exact interval");
	}

	/* Tukey's fences q1 - 1.5 iqr = 2.5 q1 - 1.5 q3 and so on, over the
	 * ranges of the quartiles. */
	sl = slack(fmax(fmax(fabs(lo[2]), fabs(hi[2])),
	    fmax(fabs(lo[3]), fabs(hi[3]))));
	o->lo_mild = 2.5 * est[2] - 1.5 * est[3];
	o->hi_mild = 2.5 * est[3] - 1.5 * est[2];
	o->lo_severe = 4 * est[2] - 3 * est[3];
	o->hi_severe = 4 * est[3] - 3 * est[2];
	ll = 2.5 * lo[2] - 1.5 * hi[3] - sl;
	lh = 2.5 * hi[2] - 1.5 * lo[3] + sl;
	hl = 2.5 * lo[3] - 1.5 * hi[2] - sl;
	hh = 2.5 * hi[3] - 1.5 * lo[2] + sl;
	out = count(a, ll, lh, hl, hh, o->lo_mild, o->hi_mild);
	low = count(a, ll, lh, INFINITY, INFINITY, o->lo_mild, INFINITY);
	high = count(a, -INFINITY, -INFINITY, hl, hh, -INFINITY, o->hi_mild);
	sev = count(a, 4 * lo[2] - 3 * hi[3] - 2 * sl,
	    4 * hi[2] - 3 * lo[3] + 2 * sl, 4 * lo[3] - 3 * hi[2] - 2 * sl,
	    4 * hi[3] - 3 * lo[2] + 2 * sl, o->lo_severe, o->hi_severe);
	o->severe = sev.est;
	o->low = low.est;
	o->high = high.est;
	/* mild = outside the mild fences, less the severe ones. */
	o->mild = out.est > sev.est ? out.est - sev.est : 0;
	out.maybe = out.maybe > sev.sure ? out.maybe - sev.sure : 0;
	out.sure = out.sure > sev.maybe ? out.sure - sev.maybe : 0;
	out.est = o->mild;
	xjsonio_set(eo, "mild", cbound(out));
	xjsonio_set(eo, "severe", cbound(sev));
	xjsonio_set(eo, "low", cbound(low));
	xjsonio_set(eo, "high", cbound(high));

	/* Modified z beyond 3.5: outside m -+ k mad. */
	k = 3.5 / 0.6745;
	o->modz_defined = dl > 0;
	if (o->modz_defined) {
		sl = slack(fmax(fabs(ml), fabs(mh)) + k * dh);
		modz = count(a, ml - k * dh - sl, mh - k * dl + sl,
		    ml + k * dl - sl, mh + k * dh + sl, d->median - k * d->mad,
		    d->median + k * d->mad);
		o->modz = modz.est;
		xjsonio_set(eo, "modz", cbound(modz));
	} else
		xjsonio_set(eo, "modz", json_null());
	if (!o->modz_defined && dh > 0)
		xjsonio_appendf(notes, "modz not known: the sketch cannot "
		    "tell whether mad is 0 (it is at most %g)", dh);
	xjsonio_set(err, "outliers", eo);
	return rel <= 1 ? rel : NAN;
}

static double *room;	/* scratch(): 2 n doubles, kept and grown (still
			 * reachable at exit, as a static) */
static size_t roomcap;

/* Room for n values and n deviations, valid until the next call. */
static double *
scratch(size_t n)
{
	if (2 * n > roomcap) {
		free(room);
		roomcap = 2 * n > 2 * roomcap ? 2 * n : 2 * roomcap;
		room = xmalloc((roomcap ? roomcap : 1) * sizeof *room);
	}
	return room;
}

json_t *
trenddesc_metric(const struct gacc *a, uint64_t rows, double conf)
{
	struct stats_desc d;
	struct stats_outliers o;
	json_t *m = json_object(), *notes = json_array(), *jo;
	json_t *err = json_object();
	double *x, rel = 0;
	size_t need;

	if (gacc_exact(a)) {
		/* A copy (the series keeps its row order for trends), in
		 * room kept from one metric to the next: a fresh array per
		 * metric costs more in page faults than the work on it. */
		x = scratch(a->len);
		if (a->len > 0)		/* a->y is NULL before any value */
			memcpy(x, a->y, a->len * sizeof *x);
		stats_describe_sel(x, a->len, conf, x + a->len, &d);
		memset(&o, 0, sizeof o);
		if (a->len > 0)
			stats_outliers(x, a->len, d.p25, d.p75, d.median, d.mad,
			    NULL, &o);
	} else
		rel = from_sketch(a, conf, &d, &o, err, notes);
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
	xjsonio_set(m, "relative_error", gacc_exact(a) ? json_real(0) :
	    xjsonio_num(rel));
	xjsonio_set(m, "error", err);
	if (d.n == 0)
		xjsonio_appendf(notes, "no values");
	else if (d.n < 2)
		xjsonio_appendf(notes, "too few samples for sd and mean_ci: n=%zu, "
		    "need 2", d.n);
	need = trenddesc_median_ci_min(conf);
	if (d.n > 0 && d.n < need)
		xjsonio_appendf(notes, "too few samples for median_ci: n=%zu, "
		    "need %zu", d.n, need);
	if (d.n > 0 && !o.modz_defined && !(d.mad > 0))
		xjsonio_appendf(notes, "modz not defined: mad is 0");
	if (d.n > 0 && d.mean == 0)
		xjsonio_appendf(notes, "cv not defined: mean is 0");
	xjsonio_set(m, "notes", notes);
	return m;
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
			xjsonio_set(obj, "host", xjsonio_text(gr->key[i] ? gr->key[i] : ""));
		else
			xjsonio_set(k, name, xjsonio_text(gr->key[i] ? gr->key[i] : ""));
	}
	xjsonio_set(obj, "keys", k);
}
