/* statsdrv.c - test driver for the statistics core; reads requests on
 * stdin, one per line, writes one line of results per request (the format
 * is in drv.h):  "describe 0.95 | 3 1 2",  "tcdf 1.5 10". */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/bootstrap.h"
#include "stats/distrib.h"
#include "drv.h"
#include "hypotest.h"
#include "stats/specfun.h"
#include "stats/stats.h"
#include "util/xalloc.h"

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
describe(struct drv_req *r)
{
	struct stats_desc d;

	if (!drv_need(r, 1, 1))
		return;
	stats_describe(r->s[0], r->ns[0], r->arg[0], &d);
	drv_out((double[]){ d.n, d.mean, d.sd, d.cv, d.min, d.max, d.median,
	    d.mad, d.p5, d.p25, d.p75, d.p90, d.p95, d.p99, d.mean_lo,
	    d.mean_hi, d.median_lo, d.median_hi }, 18);
}

/* outliers | xs: mild severe low high modz, then the flags in input order */
static void
outliers(struct drv_req *r)
{
	struct stats_outliers o;
	unsigned char *fl;
	double *sorted, *v, q1, q3;
	size_t n, i;

	if (!drv_need(r, 0, 1))
		return;
	n = r->ns[0];
	sorted = xcalloc(n + 1, sizeof *sorted);
	memcpy(sorted, r->s[0], n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, cmp);
	q1 = stats_quantile(sorted, n, 0.25);
	q3 = stats_quantile(sorted, n, 0.75);
	fl = xmalloc(n + 1);
	stats_outliers(r->s[0], n, q1, q3, stats_median(sorted, n),
	    stats_mad(sorted, n), fl, &o);
	v = xcalloc(n + 5, sizeof *v);
	v[0] = o.mild;
	v[1] = o.severe;
	v[2] = o.low;
	v[3] = o.high;
	v[4] = o.modz;
	for (i = 0; i < n; i++)
		v[5 + i] = fl[i];
	drv_out(v, n + 5);
	free(v);
	free(fl);
	free(sorted);
}

/* acc k | xs: Welford over x[0..k) and x[k..n) merged: n mean sd min max */
static void
acc(struct drv_req *r)
{
	struct stats_acc a, b;
	size_t i, k;

	if (!drv_need(r, 1, 1))
		return;
	k = (size_t)r->arg[0];
	stats_acc_init(&a);
	stats_acc_init(&b);
	for (i = 0; i < r->ns[0]; i++)
		stats_acc_add(i < k ? &a : &b, r->s[0][i]);
	stats_acc_merge(&a, &b);
	drv_out((double[]){ a.n, stats_acc_mean(&a), stats_acc_sd(&a), a.min,
	    a.max }, 5);
}

/* mwu method | x | y: u p z cles exact ties (method 0 auto, 1 exact,
 * 2 asymptotic) */
static void
mwu(struct drv_req *r)
{
	struct hypotest_mwu m;

	if (!drv_need(r, 1, 2))
		return;
	hypotest_mwu(r->s[0], r->ns[0], r->s[1], r->ns[1],
	    (enum hypotest_method)r->arg[0], &m);
	drv_out((double[]){ m.u, m.p, m.z, m.cles, m.exact, m.ties }, 6);
}

/* welch conf | x | y: diff t df p se lo hi status */
static void
welch(struct drv_req *r)
{
	struct hypotest_welch w;
	int rc;

	if (!drv_need(r, 1, 2))
		return;
	rc = hypotest_welch(r->s[0], r->ns[0], r->s[1], r->ns[1], r->arg[0], &w);
	drv_out((double[]){ w.diff, w.t, w.df, w.p, w.se, w.lo, w.hi, rc }, 8);
}

/* hl conf | x | y: shift lo hi exact status */
static void
hl(struct drv_req *r)
{
	struct hypotest_hl h;
	int rc;

	if (!drv_need(r, 1, 2))
		return;
	rc = hypotest_hl(r->s[0], r->ns[0], r->s[1], r->ns[1], r->arg[0], &h);
	drv_out((double[]){ h.shift, h.lo, h.hi, h.exact, rc }, 5);
}

/* tost rel | x | y: margin diff p_lower p_upper p status */
static void
tost(struct drv_req *r)
{
	struct hypotest_tost t;
	int rc;

	if (!drv_need(r, 1, 2))
		return;
	rc = hypotest_tost(r->s[0], r->ns[0], r->s[1], r->ns[1], r->arg[0], &t);
	drv_out((double[]){ t.margin, t.diff, t.p_lower, t.p_upper, t.p, rc }, 6);
}

/* holm | p...: the adjusted p-values */
static void
holm(struct drv_req *r)
{
	double *adj;

	if (!drv_need(r, 0, 1))
		return;
	adj = xcalloc(r->ns[0] + 1, sizeof *adj);
	hypotest_holm(r->s[0], r->ns[0], adj);
	drv_out(adj, r->ns[0]);
	free(adj);
}

/* boot conf resamples seed | base | cand: ratio lo hi status */
static void
boot(struct drv_req *r)
{
	struct bootstrap_ratio b;
	int rc;

	if (!drv_need(r, 3, 2))
		return;
	rc = bootstrap_median_ratio(r->s[0], r->ns[0], r->s[1], r->ns[1],
	    r->arg[0], (size_t)r->arg[1], (uint64_t)r->arg[2], &b);
	drv_out((double[]){ b.ratio, b.lo, b.hi, rc }, 4);
}

/* rng seed count bound: count draws of bootstrap_below(bound) (bound 0: the
 * raw 64-bit outputs, printed in decimal) */
static void
rng(struct drv_req *r)
{
	struct bootstrap_rng g;
	size_t i, n;

	if (!drv_need(r, 3, 0))
		return;
	bootstrap_seed(&g, (uint64_t)r->arg[0]);
	n = (size_t)r->arg[1];
	for (i = 0; i < n; i++)
		printf("%s%llu", i ? " " : "", (unsigned long long)(r->arg[2] ?
		    bootstrap_below(&g, (uint64_t)r->arg[2]) : bootstrap_next(&g)));
	putchar('\n');
}

static void
dispatch(struct drv_req *r)
{
	const char *f = r->name;
	double *a = r->arg, v;

	if (strcmp(f, "describe") == 0) {
		describe(r);
		return;
	}
	if (strcmp(f, "outliers") == 0) {
		outliers(r);
		return;
	}
	if (strcmp(f, "acc") == 0) {
		acc(r);
		return;
	}
	if (strcmp(f, "mwu") == 0) {
		mwu(r);
		return;
	}
	if (strcmp(f, "welch") == 0) {
		welch(r);
		return;
	}
	if (strcmp(f, "hl") == 0) {
		hl(r);
		return;
	}
	if (strcmp(f, "tost") == 0) {
		tost(r);
		return;
	}
	if (strcmp(f, "holm") == 0) {
		holm(r);
		return;
	}
	if (strcmp(f, "boot") == 0) {
		boot(r);
		return;
	}
	if (strcmp(f, "rng") == 0) {
		rng(r);
		return;
	}
	if (strcmp(f, "quantile") == 0) {
		if (!drv_need(r, 1, 1))
			return;
		qsort(r->s[0], r->ns[0], sizeof(double), cmp);
		v = stats_quantile(r->s[0], r->ns[0], a[0]);
	} else if (strcmp(f, "geomean") == 0) {
		if (!drv_need(r, 0, 1))
			return;
		v = stats_geomean(r->s[0], r->ns[0]);
	} else if (strcmp(f, "var") == 0) {
		if (!drv_need(r, 0, 1))
			return;
		v = stats_var(r->s[0], r->ns[0]);
	} else if (strcmp(f, "normcdf") == 0 && drv_need(r, 1, 0)) {
		v = distrib_norm_cdf(a[0]);
	} else if (strcmp(f, "normsf") == 0 && drv_need(r, 1, 0)) {
		v = distrib_norm_sf(a[0]);
	} else if (strcmp(f, "normpdf") == 0 && drv_need(r, 1, 0)) {
		v = distrib_norm_pdf(a[0]);
	} else if (strcmp(f, "normppf") == 0 && drv_need(r, 1, 0)) {
		v = distrib_norm_quantile(a[0]);
	} else if (strcmp(f, "tcdf") == 0 && drv_need(r, 2, 0)) {
		v = distrib_t_cdf(a[0], a[1]);
	} else if (strcmp(f, "tsf") == 0 && drv_need(r, 2, 0)) {
		v = distrib_t_sf(a[0], a[1]);
	} else if (strcmp(f, "tpdf") == 0 && drv_need(r, 2, 0)) {
		v = distrib_t_pdf(a[0], a[1]);
	} else if (strcmp(f, "tppf") == 0 && drv_need(r, 2, 0)) {
		v = distrib_t_quantile(a[0], a[1]);
	} else if (strcmp(f, "ibeta") == 0 && drv_need(r, 3, 0)) {
		v = specfun_ibeta(a[0], a[1], a[2]);
	} else if (strcmp(f, "igp") == 0 && drv_need(r, 2, 0)) {
		v = specfun_igamma_p(a[0], a[1]);
	} else if (strcmp(f, "igq") == 0 && drv_need(r, 2, 0)) {
		v = specfun_igamma_q(a[0], a[1]);
	} else if (strcmp(f, "chi2cdf") == 0 && drv_need(r, 2, 0)) {
		v = distrib_chi2_cdf(a[0], a[1]);
	} else if (strcmp(f, "chi2sf") == 0 && drv_need(r, 2, 0)) {
		v = distrib_chi2_sf(a[0], a[1]);
	} else if (strcmp(f, "fcdf") == 0 && drv_need(r, 3, 0)) {
		v = distrib_f_cdf(a[0], a[1], a[2]);
	} else if (strcmp(f, "fsf") == 0 && drv_need(r, 3, 0)) {
		v = distrib_f_sf(a[0], a[1], a[2]);
	} else if (strcmp(f, "binomcdf") == 0 && drv_need(r, 3, 0)) {
		v = distrib_binom_cdf(a[0], a[1], a[2]);
	} else if (strcmp(f, "binomppf") == 0 && drv_need(r, 3, 0)) {
		v = distrib_binom_quantile(a[0], (long)a[1], a[2]);
	} else if (strcmp(f, "mwucdf") == 0 && drv_need(r, 3, 0)) {
		v = hypotest_mwu_cdf(a[0], (size_t)a[1], (size_t)a[2]);
	} else if (strcmp(f, "runs") == 0 && drv_need(r, 5, 0)) {
		v = hypotest_runs_needed(a[0], a[1], a[2], a[3], a[4]);
	} else {
		if (!r->matched)
			drv_fail("unknown request '%s'", f);
		return;
	}
	drv_out(&v, 1);
}

int
main(int argc, char **argv)
{
	return drv_run(argc, argv, dispatch);
}
