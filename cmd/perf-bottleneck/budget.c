/* budget.c - budgets judged on the median and its 95% interval. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "budget.h"
#include "stats/stats.h"
#include "util/cli.h"
#include "util/num.h"
#include "util/xalloc.h"

int
budget_parse(struct budgets *bs, const char *spec, struct perr *e)
{
	char *s = xstrdup(spec), *m = s, *eq, why[128];
	char *name = NULL;
	double v;

	if (strncmp(s, "name=", 5) == 0) {
		if ((m = strchr(s, ':')) == NULL || m == s + 5) {
			free(s);
			return perr_set(e, "budget '%s': not [name=NAME:]"
			    "METRIC=LIMIT", spec);
		}
		*m++ = '\0';
		name = xstrdup(s + 5);
	}
	if ((eq = strchr(m, '=')) == NULL || eq == m ||
	    strspn(m, "abcdefghijklmnopqrstuvwxyz0123456789_") !=
	    (size_t)(eq - m)) {
		free(name);
		free(s);
		return perr_set(e, "budget '%s': not [name=NAME:]METRIC=LIMIT",
		    spec);
	}
	*eq = '\0';
	if (cli_double(eq + 1, 0, 1e300, &v, why, sizeof why) < 0) {
		perr_set(e, "budget '%s': limit '%s': %s", spec, eq + 1, why);
		free(name);
		free(s);
		return -1;
	}
	bs->b = xreallocarray(bs->b, bs->n + 1, sizeof *bs->b);
	bs->b[bs->n].text = xstrdup(spec);
	bs->b[bs->n].name = name;
	bs->b[bs->n].metric = xstrdup(m);
	bs->b[bs->n].limit = v;
	bs->b[bs->n++].col = -1;
	free(s);
	return 0;
}

void
budget_bind(struct budgets *bs, const struct csvread *r, struct notes *notes)
{
	size_t k;

	for (k = 0; k < bs->n; k++)
		if ((bs->b[k].col = csvread_col(r, bs->b[k].metric)) < 0)
			notes_add(notes, "budget %s skipped: no column '%s'",
			    bs->b[k].text, bs->b[k].metric);
}

static void
grow(struct budgets *bs, size_t gi)
{
	size_t old = bs->ngroups, i;

	if (gi < old)
		return;
	bs->ngroups = gi + 1;
	bs->vals = xreallocarray(bs->vals, bs->ngroups * bs->n + 1,
	    sizeof *bs->vals);
	bs->nvals = xreallocarray(bs->nvals, bs->ngroups * bs->n + 1,
	    sizeof *bs->nvals);
	bs->cap = xreallocarray(bs->cap, bs->ngroups * bs->n + 1,
	    sizeof *bs->cap);
	bs->tmin = xreallocarray(bs->tmin, bs->ngroups, sizeof *bs->tmin);
	bs->tmax = xreallocarray(bs->tmax, bs->ngroups, sizeof *bs->tmax);
	for (i = old * bs->n; i < bs->ngroups * bs->n; i++) {
		bs->vals[i] = NULL;
		bs->nvals[i] = bs->cap[i] = 0;
	}
	for (i = old; i < bs->ngroups; i++)
		bs->tmin[i] = bs->tmax[i] = NAN;
}

void
budget_row(struct budgets *bs, size_t gi, const char *name,
    const struct csvread_row *row, double t, struct perr *e, int *bad)
{
	size_t k, i;
	double v;
	int got;

	grow(bs, gi);
	if (!isnan(t)) {
		if (isnan(bs->tmin[gi]) || t < bs->tmin[gi])
			bs->tmin[gi] = t;
		if (isnan(bs->tmax[gi]) || t > bs->tmax[gi])
			bs->tmax[gi] = t;
	}
	for (k = 0; k < bs->n; k++) {
		if (bs->b[k].col < 0 || (bs->b[k].name &&
		    strcmp(bs->b[k].name, name) != 0))
			continue;
		got = num_parse_field(row->f[bs->b[k].col], row->len[bs->b[k].col],
		    &v);
		if (got < 0) {
			perr_set(e, "%s:%ld: column '%s': '%s' is not a number",
			    row->file, row->line, bs->b[k].metric,
			    row->f[bs->b[k].col]);
			*bad = 1;
			return;
		}
		if (got == 0)
			continue;
		i = gi * bs->n + k;
		if (bs->nvals[i] == bs->cap[i]) {
			bs->cap[i] = bs->cap[i] ? 2 * bs->cap[i] : 16;
			bs->vals[i] = xreallocarray(bs->vals[i], bs->cap[i],
			    sizeof **bs->vals);
		}
		bs->vals[i][bs->nvals[i]++] = v;
	}
}

static int
cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* One budget of one command: a finding, or none when within it. */
static void
judge(struct budgets *bs, struct eval *ev, size_t gi, size_t k)
{
	size_t i = gi * bs->n + k, n = bs->nvals[i], lo, hi, j;
	const struct budget *b = &bs->b[k];
	double *x = bs->vals[i], med, u = b->limit;
	char m[NUM_BUFSZ], l[NUM_BUFSZ], h[NUM_BUFSZ], lim[NUM_BUFSZ];
	struct finding f;
	const char *un = advice_unit(b->metric);

	if (n == 0)
		return;
	qsort(x, n, sizeof *x, cmpd);
	med = stats_median(x, n);
	if (med <= u)
		return;
	memset(&f, 0, sizeof f);
	f.group = gi;
	f.metric = b->metric;
	f.resource = "command";
	f.kind = KIND_BUDGET;
	f.dir = DIR_ABOVE;
	f.worded = 1;
	f.start = isnan(bs->tmin[gi]) ? 0 : bs->tmin[gi];
	f.end = isnan(bs->tmax[gi]) ? 0 : bs->tmax[gi];
	f.rows = n;
	f.peak = x[n - 1];
	for (j = 0; j < n; j++)
		f.sum += x[j];
	f.n = n;
	f.threshold = u;
	f.value = NAN;
	num_fmt_sig(m, med, 4);
	num_fmt_sig(lim, u, 4);
	if (stats_median_ci_ranks(n, 0.95, &lo, &hi) < 0) {
		f.sev = SEV_INFO;
		f.evidence = xasprintf("median %s%s over %zu runs is above the "
		    "budget %s%s (%s), but %zu runs are too few for a 95%% "
		    "interval of the median (6 needed): not judged", m, un, n,
		    lim, un, b->text, n);
	} else {
		num_fmt_sig(l, x[lo - 1], 4);
		num_fmt_sig(h, x[hi - 1], 4);
		f.sev = x[lo - 1] > u ? SEV_CRITICAL : SEV_INFO;
		f.evidence = xasprintf("median %s%s, 95%% interval [%s, %s]%s "
		    "over %zu runs, %s the budget %s%s (%s)", m, un, l, h, un, n,
		    f.sev == SEV_CRITICAL ? "wholly above" :
		    "above in the median only, the interval reaching below",
		    lim, un, b->text);
	}
	f.recommendation = xstrdup(f.sev == SEV_CRITICAL ? "over budget "
	    "beyond noise: compare with the last good runs (perf-trend -b "
	    "good.csv) and profile the command" : "not failed: run more "
	    "times (perf-time -r, --precision) to tell noise from a change");
	eval_add(ev, &f);
}

void
budget_finish(struct budgets *bs, struct eval *ev)
{
	size_t g, k;

	for (g = 0; g < bs->ngroups; g++)
		for (k = 0; k < bs->n; k++)
			judge(bs, ev, g, k);
}

void
budget_free(struct budgets *bs)
{
	size_t i;

	for (i = 0; i < bs->ngroups * bs->n; i++)
		free(bs->vals[i]);
	for (i = 0; i < bs->n; i++) {
		free(bs->b[i].text);
		free(bs->b[i].name);
		free(bs->b[i].metric);
	}
	free(bs->vals);
	free(bs->nvals);
	free(bs->cap);
	free(bs->tmin);
	free(bs->tmax);
	free(bs->b);
}
