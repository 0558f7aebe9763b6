/* changepoint.c - what the two change-point methods (edivisive.c,
 * pelt.c) share: options, input checks, the means around each change. */
#include <math.h>
#include <stdlib.h>

#include "changepoint.h"
#include "stats/stats.h"

void
changepoint_defaults(struct changepoint_opts *o)
{
	o->min_size = 5;
	o->sig = 0.05;
	o->permutations = 199;
	o->seed = 1;
	o->penalty = NAN;
}

int
changepoint_check(const double *y, size_t n,
    const struct changepoint_opts *o, struct perr *e)
{
	size_t i;

	if (o->min_size < 2)
		return perr_set(e, "change points: minimum segment size %zu "
		    "is below 2", o->min_size);
	for (i = 0; i < n; i++)
		if (!isfinite(y[i]))
			return perr_set(e, "change points: value %zu is not "
			    "finite", i + 1);
	return 0;
}

static int
cmp_index(const void *a, const void *b)
{
	size_t x = ((const struct changepoint *)a)->index;
	size_t y = ((const struct changepoint *)b)->index;

	return (x > y) - (x < y);
}

void
changepoint_finish(const double *y, size_t n, struct changepoint *cp,
    size_t k)
{
	size_t i, a, b;

	qsort(cp, k, sizeof(*cp), cmp_index);
	for (i = 0; i < k; i++) {
		a = i > 0 ? cp[i - 1].index : 0;
		b = i + 1 < k ? cp[i + 1].index : n;
		cp[i].mean_before = stats_mean(y + a, cp[i].index - a);
		cp[i].mean_after = stats_mean(y + cp[i].index, b - cp[i].index);
		cp[i].change_pct = cp[i].mean_before != 0 ?
		    100 * (cp[i].mean_after - cp[i].mean_before) /
		    fabs(cp[i].mean_before) : NAN;
	}
}
