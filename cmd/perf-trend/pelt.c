/* pelt.c - change points by PELT with a normal mean-change cost, a default
 * penalty on the scale of that cost, and a Welch test of each change found
 * (changepoint.h). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "changepoint.h"
#include "hypotest.h"
#include "pelt.h"
#include "stats/distrib.h"
#include "stats/stats.h"
#include "util/xalloc.h"

/*
 * sigma^2 is half the mean squared first difference: the cost is a sum of
 * squares, so its scale is the second moment, not a robust one (a MAD
 * under heavy tails is far below it, and the penalty then buys a change
 * for every outlier).  Level shifts touch only the few differences across
 * them, so on a series with steps this stays near the noise variance.
 */
double
pelt_penalty(const double *y, size_t n)
{
	double d, ss = 0;
	size_t i;

	if (n < 3)
		return 0;
	for (i = 0; i + 1 < n; i++) {
		d = y[i + 1] - y[i];
		ss += d * d;
	}
	return 2 * (ss / (double)(n - 1) / 2) * log((double)n);
}

/* Welch's t-test of y[a..t) against y[t..b): the statistic and p. */
static void
welch(const double *y, size_t a, size_t t, size_t b, struct changepoint *c)
{
	double n1 = t - a, n2 = b - t, v1, v2, se2, df, d;

	v1 = stats_var(y + a, t - a) / n1;
	v2 = stats_var(y + t, b - t) / n2;
	se2 = v1 + v2;
	d = stats_mean(y + t, b - t) - stats_mean(y + a, t - a);
	if (se2 > 0) {
		c->stat = d / sqrt(se2);
		df = se2 * se2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
		c->p = 2 * distrib_t_sf(fabs(c->stat), df);
	} else {	/* two constant segments */
		c->stat = d != 0 ? copysign(INFINITY, d) : 0;
		c->p = d != 0 ? 0 : 1;
	}
}

/* Marks each of cp[0..k) significant when its Welch p, Holm-adjusted over
 * the k points, is at most sig (as E-divisive's test). */
static void
significance(struct changepoint *cp, size_t k, double sig)
{
	double *p = xreallocarray(NULL, k, sizeof(*p));
	size_t i;

	for (i = 0; i < k; i++)
		p[i] = cp[i].p;
	hypotest_holm(p, k, p);
	for (i = 0; i < k; i++)
		cp[i].significant = p[i] <= sig;
	free(p);
}

int
pelt_find(const double *y, size_t n,
    const struct changepoint_opts *o, struct changepoint **cp, size_t *ncp,
    struct perr *e)
{
	double *s1, *s2, *f, *cost, pen, mid, c, len;
	size_t *last, *cand, *dead, ncand = 0, t, j, k, m = o->min_size;

	*cp = NULL;
	*ncp = 0;
	if (changepoint_check(y, n, o, e) < 0)
		return -1;
	pen = isnan(o->penalty) ? pelt_penalty(y, n) : o->penalty;
	if (!(pen >= 0) || isinf(pen))
		return perr_set(e, "change points: penalty %g is not a finite "
		    "number >= 0", pen);
	if (!(o->sig > 0 && o->sig < 1))
		return perr_set(e, "change points: significance %g is not "
		    "between 0 and 1", o->sig);
	if (n < 2 * m)
		return 0;
	mid = stats_mean(y, n);
	s1 = xcalloc(n + 1, sizeof(double));
	s2 = xcalloc(n + 1, sizeof(double));
	for (t = 0; t < n; t++) {
		s1[t + 1] = s1[t] + (y[t] - mid);
		s2[t + 1] = s2[t] + (y[t] - mid) * (y[t] - mid);
	}
	f = xreallocarray(NULL, n + 1, sizeof(*f));
	last = xcalloc(n + 1, sizeof(*last));
	cand = xreallocarray(NULL, n + 1, sizeof(*cand));
	dead = xreallocarray(NULL, n + 1, sizeof(*dead));
	cost = xreallocarray(NULL, n + 1, sizeof(*cost));
	f[0] = -pen;
	for (t = 1; t < m; t++)
		f[t] = INFINITY;
	for (t = m; t <= n; t++) {
		/* t - m becomes a possible last change (0 is the start). */
		if (isfinite(f[t - m])) {
			cand[ncand] = t - m;
			dead[ncand++] = SIZE_MAX;
		}
		f[t] = INFINITY;
		for (j = 0; j < ncand; j++) {
			len = t - cand[j];
			c = s1[t] - s1[cand[j]];
			cost[j] = f[cand[j]] + (s2[t] - s2[cand[j]]) -
			    c * c / len;
			if (cost[j] + pen < f[t]) {
				f[t] = cost[j] + pen;
				last[t] = cand[j];
			}
		}
		/* Prune (Killick's K = 0); t itself is only a possible last
		 * change for s >= t + m, so the pruned stay until then. */
		for (j = k = 0; j < ncand; j++) {
			if (cost[j] > f[t] && dead[j] == SIZE_MAX)
				dead[j] = t + m;
			if (dead[j] > t + 1) {
				cand[k] = cand[j];
				dead[k++] = dead[j];
			}
		}
		ncand = k;
	}
	k = 0;
	for (t = last[n]; t > 0; t = last[t])
		k++;
	if (k > 0) {
		*cp = xreallocarray(NULL, k, sizeof(**cp));
		j = k;
		for (t = last[n]; t > 0; t = last[t])
			(*cp)[--j].index = t;
		changepoint_finish(y, n, *cp, k);
		for (j = 0; j < k; j++)
			welch(y, j > 0 ? (*cp)[j - 1].index : 0, (*cp)[j].index,
			    j + 1 < k ? (*cp)[j + 1].index : n, &(*cp)[j]);
		significance(*cp, k, o->sig);
	}
	*ncp = k;
	free(s1);
	free(s2);
	free(f);
	free(last);
	free(cand);
	free(dead);
	free(cost);
	return 0;
}
