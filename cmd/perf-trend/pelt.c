/* pelt.c - change points by PELT with a normal mean-change cost and a
 * robust default penalty (changepoint.h). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "changepoint.h"
#include "pelt.h"
#include "stats/distrib.h"
#include "stats/stats.h"
#include "util/xalloc.h"

double
pelt_penalty(const double *y, size_t n)
{
	double *d, mad, var;
	size_t i;

	if (n < 3)
		return 0;
	d = xreallocarray(NULL, n - 1, sizeof(*d));
	for (i = 0; i + 1 < n; i++)
		d[i] = y[i + 1] - y[i];
	qsort(d, n - 1, sizeof(*d), stats_cmp);
	mad = stats_mad(d, n - 1);
	free(d);
	var = mad * 1.482602218505602 / sqrt(2);
	var *= var;
	if (!(var > 0))
		var = stats_var(y, n);
	return 2 * var * log((double)n);
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
