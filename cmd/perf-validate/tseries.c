/* tseries.c - rows by group, and the checks of their times. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/jsonio.h"
#include "kinds.h"
#include "stats/stats.h"
#include "tseries.h"
#include "util/xalloc.h"

struct grp *
tseries_get(struct grps *gs, const char *key, size_t len)
{
	size_t i = strtab_add(&gs->keys, key, len, NULL);

	if (i == gs->n) {
		if ((gs->n & (gs->n - 1)) == 0)	/* 0, 1, 2, 4, ...: doubled */
			gs->g = xreallocarray(gs->g, gs->n ? 2 * gs->n : 1,
			    sizeof *gs->g);
		memset(&gs->g[gs->n], 0, sizeof gs->g[0]);
		gs->g[gs->n++].key = gs->keys.str[i];
	}
	return &gs->g[i];
}

void
tseries_push(struct grp *g, double t, double iv, double wall, long line)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 2;
		g->t = xreallocarray(g->t, g->cap, sizeof *g->t);
		g->iv = xreallocarray(g->iv, g->cap, sizeof *g->iv);
		g->line = xreallocarray(g->line, g->cap, sizeof *g->line);
		if (g->wall != NULL)
			g->wall = xreallocarray(g->wall, g->cap,
			    sizeof *g->wall);
	}
	g->t[g->n] = t;
	g->iv[g->n] = iv;
	g->line[g->n++] = line;
	/* Samples have no wall times: 24 bytes a row, not 32. */
	if (!isnan(wall)) {
		if (g->wall == NULL)
			g->wall = xreallocarray(NULL, g->cap, sizeof *g->wall);
		g->wall[g->nwall++] = wall;
	}
}

void
tseries_free(struct grps *gs)
{
	size_t i;

	for (i = 0; i < gs->n; i++) {
		free(gs->g[i].t);
		free(gs->g[i].iv);
		free(gs->g[i].wall);
		free(gs->g[i].line);
	}
	free(gs->g);
	strtab_free(&gs->keys);
}

/* Time series checks of one group set: order, duplicates, gaps, jitter. */
/* A schema check that counts violations of one rule, by kind: status
 * bad when there is any, none the detail when there is none. */
static void
count_check(struct checklist *l, const char *path, const char *name,
    const struct kinds *ks, enum check_status bad, const char *hint,
    const char *none)
{
	struct check c;

	check_begin(&c, name, "schema", path);
	c.unit = "count";
	c.measured = json_integer((json_int_t)kinds_total(ks));
	c.expected = check_range(NAN, 0);
	c.status = ks->n ? bad : CHECK_PASS;
	c.hint = hint;
	if (ks->n == 0)
		check_detail(&c, "%s", none);
	kinds_detail(&c, ks, path);
	check_add(l, &c);
}

void
tseries_check(struct checklist *l, const char *path, struct grps *gs,
    int samples)
{
	struct kinds order = { 0 }, dup = { 0 }, gap = { 0 };
	struct check c;
	double *dt, nominal, worst = NAN, j;
	size_t i, k, m, ndt;
	char what[256];

	for (i = 0; i < gs->n; i++) {
		struct grp *g = &gs->g[i];

		/* The nominal interval: the median of interval_s (else of
		 * the steps).  Once it is known, interval_s's array holds
		 * the steps: no second array, 8 bytes a row less. */
		for (k = 0, m = 0; k < g->n; k++)
			if (!isnan(g->iv[k]))
				g->iv[m++] = g->iv[k];
		nominal = NAN;
		if (samples && m > 0) {
			qsort(g->iv, m, sizeof *g->iv, stats_cmp);
			nominal = stats_median(g->iv, m);
		}
		dt = g->iv;
		for (k = 1, ndt = 0; k < g->n; k++) {
			if (isnan(g->t[k]) || isnan(g->t[k - 1]))
				continue;
			snprintf(what, sizeof what, "time goes back%s%s", *g->key ?
			    " in " : "", g->key);
			if (g->t[k] < g->t[k - 1])
				kinds_add(&order, what, g->line[k]);
			else if (g->t[k] == g->t[k - 1]) {
				snprintf(what, sizeof what, "duplicate time%s%s",
				    *g->key ? " in " : "", g->key);
				kinds_add(&dup, what, g->line[k]);
			} else
				dt[ndt++] = g->t[k] - g->t[k - 1];
		}
		if (!samples || ndt < 2)
			continue;
		if (isnan(nominal)) {
			qsort(dt, ndt, sizeof *dt, stats_cmp);
			nominal = stats_median(dt, ndt);
		}
		snprintf(what, sizeof what, "a gap over 1.5 intervals%s%s", *g->key ?
		    " in " : "", g->key);
		for (k = 1, m = 0; k < g->n; k++)
			if (g->t[k] - g->t[k - 1] > 1.5 * nominal)
				kinds_add(&gap, what, g->line[k]);
		for (k = 0, m = 0; k < ndt; k++)
			if (dt[k] <= 1.5 * nominal)
				dt[m++] = fabs(dt[k] - nominal);
		if (m == 0)
			continue;
		qsort(dt, m, sizeof *dt, stats_cmp);
		j = 100 * stats_quantile(dt, m, 0.99) / nominal;
		if (isnan(worst) || j > worst)
			worst = j;
	}

	count_check(l, path, "time_order", &order, CHECK_FAIL, "rows are out "
	    "of time order: files concatenated in the wrong order, or a clock "
	    "stepped back", "time goes forward in every group");
	count_check(l, path, "duplicate_rows", &dup, CHECK_WARN, "rows repeat "
	    "a time in one group: a file appended twice?", "no two rows of a "
	    "group share a time");
	if (samples) {
		count_check(l, path, "gaps", &gap, CHECK_WARN, "samples are "
		    "missing: the sampler was stopped, starved or late "
		    "(perf-sample --realtime)", "no step between rows over 1.5 "
		    "times the median interval_s");

		check_begin(&c, "interval_jitter", "schema", path);
		c.unit = "pct";
		c.measured = xjsonio_num(worst);
		c.expected = check_range(NAN, 10);
		c.status = check_grade(worst, NAN, 10, NAN, 50);
		c.hint = "samples come at irregular intervals: a loaded machine; "
		    "rates stay right (they use interval_s) but the grid is off";
		check_detail(&c, "p99 of |step - median interval_s| over the median, "
		    "gaps left out, worst group");
		check_add(l, &c);
	}
	kinds_free(&order);
	kinds_free(&dup);
	kinds_free(&gap);
}
