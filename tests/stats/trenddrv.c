/* trenddrv.c - test driver for the trend statistics (regress, changepoint,
 * complexity); reads requests on stdin, one per line, writes one line of
 * results per request (the format and -t, timing, are in drv.h):
 * "ols 0.05 | 1 2 3 | 2 4 7".
 *
 *   ols ALPHA | x | y          slope intercept slope_se intercept_se
 *                              slope_lo slope_hi intercept_lo intercept_hi
 *                              r2 p dir
 *   theilsen ALPHA | x | y     slope intercept slope_lo slope_hi dir exact
 *   cross ALPHA THR SIDE | x | y   status t t_lo t_hi
 *   cx | n | t                 best, then coef rms nrms r2 of each class
 *   penalty | y                the default PELT penalty
 *   pelt MIN PEN | y           (PEN < 0: the default) count, then index
 *                              mean_before mean_after change_pct p stat
 *                              significant (1 or 0) of each change point
 *   edivisive MIN PERMS SIG SEED | y   the same as pelt
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "changepoint.h"
#include "edivisive.h"
#include "pelt.h"
#include "complexity.h"
#include "drv.h"
#include "stats/regress.h"
#include "util/xalloc.h"

/* Whether r is a well-formed request for function name; two samples must
 * be of one length. */
static int
is(struct drv_req *r, const char *name, size_t narg, size_t nsamp)
{
	if (strcmp(r->name, name) != 0 || !drv_need(r, narg, nsamp))
		return 0;
	if (nsamp == 2 && r->ns[0] != r->ns[1])
		return drv_fail("%s wants samples of one length", r->name);
	return 1;
}

static void
failed(const struct perr *e)
{
	drv_fail("%s", e->msg);
}

static void
cps(const struct changepoint *cp, size_t k)
{
	double *v = xcalloc(7 * k + 1, sizeof(*v));
	size_t i;

	v[0] = k;
	for (i = 0; i < k; i++) {
		v[1 + 7 * i] = cp[i].index;
		v[2 + 7 * i] = cp[i].mean_before;
		v[3 + 7 * i] = cp[i].mean_after;
		v[4 + 7 * i] = cp[i].change_pct;
		v[5 + 7 * i] = cp[i].p;
		v[6 + 7 * i] = cp[i].stat;
		v[7 + 7 * i] = cp[i].significant;
	}
	drv_out(v, 7 * k + 1);
	free(v);
}

static void
dispatch(struct drv_req *r)
{
	struct regress_ols o;
	struct regress_theilsen ts;
	struct regress_forecast f;
	struct complexity_result cx;
	struct changepoint_opts co;
	struct changepoint *cp;
	struct perr e;
	double *a = r->arg, v[1 + 4 * COMPLEXITY_NCLASS];
	size_t k, i;

	if (is(r, "ols", 1, 2)) {
		if (regress_ols(r->s[0], r->s[1], r->ns[0], a[0], &o, &e) < 0) {
			failed(&e);
			return;
		}
		drv_out((double[]){ o.slope, o.intercept, o.slope_se,
		    o.intercept_se, o.slope_lo, o.slope_hi, o.intercept_lo,
		    o.intercept_hi, o.r2, o.p, o.dir }, 11);
	} else if (is(r, "theilsen", 1, 2)) {
		if (regress_theilsen(r->s[0], r->s[1], r->ns[0], a[0], &ts,
		    &e) < 0) {
			failed(&e);
			return;
		}
		drv_out((double[]){ ts.slope, ts.intercept, ts.slope_lo,
		    ts.slope_hi, ts.dir, ts.exact }, 6);
	} else if (is(r, "cross", 3, 2)) {
		if (regress_ols(r->s[0], r->s[1], r->ns[0], a[0], &o, &e) < 0) {
			failed(&e);
			return;
		}
		regress_cross(&o, a[1], (int)a[2], &f);
		drv_out((double[]){ f.status, f.t, f.t_lo, f.t_hi }, 4);
	} else if (is(r, "cx", 0, 2)) {
		if (complexity_fit(r->s[0], r->s[1], r->ns[0], &cx, &e) < 0) {
			failed(&e);
			return;
		}
		v[0] = cx.best;
		for (i = 0; i < COMPLEXITY_NCLASS; i++) {
			v[1 + 4 * i] = cx.fit[i].coef;
			v[2 + 4 * i] = cx.fit[i].rms;
			v[3 + 4 * i] = cx.fit[i].nrms;
			v[4 + 4 * i] = cx.fit[i].r2;
		}
		drv_out(v, 1 + 4 * COMPLEXITY_NCLASS);
	} else if (is(r, "penalty", 0, 1)) {
		v[0] = pelt_penalty(r->s[0], r->ns[0]);
		drv_out(v, 1);
	} else if (is(r, "pelt", 2, 1)) {
		changepoint_defaults(&co);
		co.min_size = (size_t)a[0];
		co.penalty = a[1] < 0 ? NAN : a[1];
		if (pelt_find(r->s[0], r->ns[0], &co, &cp, &k, &e) < 0) {
			failed(&e);
			return;
		}
		cps(cp, k);
		free(cp);
	} else if (is(r, "edivisive", 4, 1)) {
		changepoint_defaults(&co);
		co.min_size = (size_t)a[0];
		co.permutations = (int)a[1];
		co.sig = a[2];
		co.seed = (uint64_t)a[3];
		if (edivisive_find(r->s[0], r->ns[0], &co, &cp, &k,
		    &e) < 0) {
			failed(&e);
			return;
		}
		cps(cp, k);
		free(cp);
	} else if (!r->matched) {
		drv_fail("unknown request '%s'", r->name);
	}
}

int
main(int argc, char **argv)
{
	return drv_run(argc, argv, dispatch);
}
