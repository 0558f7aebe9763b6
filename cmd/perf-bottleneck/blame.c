/* blame.c - who a finding is due to, and memory that only grows. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "blame.h"
#include "fmt/jsonio.h"
#include "stats/regress.h"
#include "stats/stats.h"
#include "util/num.h"
#include "util/xalloc.h"

/* Per resource, the columns summed: perf-sample --per-process's, or -c's. */
static const char *const cols[2][NBLAME][2] = {
	{ { "proc_cpu_pct", NULL }, { "proc_rss_kib", NULL },
	    { "proc_read_bytes_per_s", "proc_write_bytes_per_s" } },
	{ { "cgroup_cpu_pct", NULL }, { "cgroup_mem_current_kib", NULL },
	    { "cgroup_io_read_bytes_per_s", "cgroup_io_write_bytes_per_s" } },
};
static const char *const resname[NBLAME] = { "cpu", "memory", "disk" };
static const char *const units[NBLAME] = { "%", "KiB", "bytes" };

void
blame_init(struct blame *b, const struct csvread *r, struct layout *l)
{
	int set, k, j;

	memset(b, 0, sizeof *b);
	set = csvread_col(r, cols[0][BLAME_CPU][0]) >= 0 ||
	    csvread_col(r, cols[0][BLAME_MEM][0]) >= 0 ? 0 : 1;
	for (k = 0; k < NBLAME; k++) {
		b->metric[k] = cols[set][k][0];
		for (j = 0; j < 2; j++) {
			b->col[k][j] = cols[set][k][j] ?
			    csvread_col(r, cols[set][k][j]) : -1;
			layout_use(l, b->col[k][j]);
			b->any |= b->col[k][j] >= 0;
		}
	}
	b->t0 = NAN;
	b->width = 1;
}

/* The sum of a resource's known columns in a row; NaN when none is known. */
static double
value(const struct blame *b, int k, const double *vals)
{
	double v = NAN;
	int j;

	for (j = 0; j < 2; j++)
		if (b->col[k][j] >= 0 && !isnan(vals[b->col[k][j]]))
			v = (isnan(v) ? 0 : v) + vals[b->col[k][j]];
	return v;
}

/* Maps every group's buckets onto the grid (nt0, f times as wide), nt0
 * being m old buckets before t0: each old bucket lies in one new one. */
static void
regrid(struct blame *b, size_t m, size_t f)
{
	struct blame_group *g;
	size_t i, k, lo, hi, nk;
	int r;

	for (i = 0; i < b->ng; i++) {
		g = &b->g[i];
		if (g->dt == NULL)
			continue;
		lo = (g->k0 + m) / f;
		hi = (g->k0 + m + g->nb - 1) / f;
		for (k = 0; k < g->nb; k++) {
			nk = (g->k0 + m + k) / f - lo;
			if (nk == k)
				continue;	/* in place, nothing to merge */
			for (r = 0; r < NBLAME; r++) {
				g->sum[r][nk] += g->sum[r][k];
				g->sum[r][k] = 0;
			}
			g->dt[nk] += g->dt[k];
			g->dt[k] = 0;
		}
		g->k0 = lo;
		g->nb = hi - lo + 1;
	}
	b->t0 -= (double)m * b->width;
	b->width *= (double)f;
	b->nb = (m + b->nb + f - 1) / f;
}

/* The bucket of time t, widening or extending the grid to hold it. */
static size_t
bucket(struct blame *b, double t)
{
	double k;
	size_t m, f;

	if (isnan(b->t0)) {
		b->t0 = t;
		b->nb = 1;
		return 0;
	}
	k = floor((t - b->t0) / b->width);
	if (k < 0) {
		m = (size_t)-k;
		for (f = 1; (m + b->nb + f - 1) / f > BLAME_NB; f *= 2)
			;
		regrid(b, m, f);
		k = floor((t - b->t0) / b->width);
	} else if (k >= BLAME_NB) {
		for (f = 2; k / (double)f >= BLAME_NB; f *= 2)
			;
		regrid(b, 0, f);
		k = floor((t - b->t0) / b->width);
	}
	/* Rounding at a bucket's edge. */
	k = k < 0 ? 0 : k >= BLAME_NB ? BLAME_NB - 1 : k;
	if ((size_t)k + 1 > b->nb)
		b->nb = (size_t)k + 1;
	return (size_t)k;
}

/* Makes bucket k part of group g's range [k0, k0 + nb). */
static void
cover(struct blame_group *g, size_t k)
{
	size_t lo, hi, n, r;

	if (g->dt == NULL) {
		g->k0 = k;
		lo = hi = k;
	} else {
		lo = k < g->k0 ? k : g->k0;
		hi = k >= g->k0 + g->nb ? k : g->k0 + g->nb - 1;
	}
	n = hi - lo + 1;
	if (g->dt != NULL && lo == g->k0 && n == g->nb)
		return;
	for (r = 0; r <= NBLAME; r++) {
		double **p = r < NBLAME ? &g->sum[r] : &g->dt, *a;

		a = xcalloc(n, sizeof *a);
		if (*p != NULL)
			memcpy(a + (g->k0 - lo), *p, g->nb * sizeof *a);
		free(*p);
		*p = a;
	}
	g->k0 = lo;
	g->nb = n;
}

void
blame_row(struct blame *b, size_t gi, double t, double dt, const double *vals)
{
	struct blame_group *g;
	double v[NBLAME];
	size_t k;
	int r, known = 0;

	if (!b->any || isnan(t))
		return;
	for (r = 0; r < NBLAME; r++)
		known |= !isnan(v[r] = value(b, r, vals));
	if (!known)
		return;		/* a system row */
	if (gi >= b->ng) {
		b->g = xreallocarray(b->g, gi + 1, sizeof *b->g);
		memset(b->g + b->ng, 0, (gi + 1 - b->ng) * sizeof *b->g);
		b->ng = gi + 1;
	}
	g = &b->g[gi];
	if (!(dt > 0))
		dt = 1;		/* the first row, with no interval column */
	k = bucket(b, t);
	cover(g, k);
	k -= g->k0;
	for (r = 0; r < NBLAME; r++)
		if (!isnan(v[r]))
			g->sum[r][k] += v[r] * dt;
	g->dt[k] += dt;
	if (g->rows++ == 0)
		g->first = t;
	g->last = t;
	if (!isnan(v[BLAME_MEM]) && !(v[BLAME_MEM] <= g->peak))
		g->peak = v[BLAME_MEM];
}

struct share {
	size_t g;
	double sum, dt;
};

static int
cmpshare(const void *a, const void *b)
{
	const struct share *x = a, *y = b;

	if (x->sum != y->sum)
		return x->sum > y->sum ? -1 : 1;
	return x->g < y->g ? -1 : x->g > y->g;
}

/* The ranked groups of host for resource r over buckets [klo, khi]. */
static json_t *
rank(const struct blame *b, const struct eval *ev, const char *host, int r,
    double klo, double khi)
{
	struct share *s = xcalloc(b->ng + 1, sizeof *s);
	const struct blame_group *g;
	json_t *a, *o, *keys;
	double total = 0, lo, hi;
	size_t i, n = 0, k, j;

	for (i = 0; i < b->ng; i++) {
		g = &b->g[i];
		if (g->dt == NULL || strcmp(ev->g[i].host, host) != 0)
			continue;
		lo = fmax(klo, (double)g->k0);
		hi = fmin(khi, (double)(g->k0 + g->nb - 1));
		s[n].g = i;
		s[n].sum = s[n].dt = 0;
		for (k = (size_t)lo; lo <= hi && k <= (size_t)hi; k++) {
			s[n].sum += g->sum[r][k - g->k0];
			s[n].dt += g->dt[k - g->k0];
		}
		if (s[n].sum > 0)
			total += s[n++].sum;
	}
	qsort(s, n, sizeof *s, cmpshare);
	a = json_array();
	for (i = 0; i < n && i < 5 && s[i].sum >= 0.01 * total; i++) {
		o = json_object();
		keys = json_object();
		for (j = 0; j < ev->l->nkeys; j++)
			xjsonio_set(keys, ev->l->keyname[j],
			    xjsonio_text(ev->g[s[i].g].keyvals[j]));
		xjsonio_set(o, "keys", keys);
		xjsonio_set(o, "share_pct", xjsonio_num(num_round_sig(100 *
		    s[i].sum / total, 4)));
		/* CPU and memory: the mean while the group was sampled; disk:
		 * the bytes moved. */
		xjsonio_set(o, "value", xjsonio_num(num_round_sig(r ==
		    BLAME_DISK ? s[i].sum : s[i].sum / s[i].dt, 6)));
		xjsonio_set(o, "unit", json_string(units[r]));
		json_array_append_new(a, o);
	}
	free(s);
	if (json_array_size(a) == 0) {
		json_decref(a);
		return NULL;
	}
	return a;
}

static int
resource_of(const char *res)
{
	if (strcmp(res, "cpu") == 0 || strcmp(res, "cgroup") == 0)
		return BLAME_CPU;
	if (strcmp(res, "memory") == 0 || strcmp(res, "swap") == 0)
		return BLAME_MEM;
	if (strcmp(res, "disk") == 0)
		return BLAME_DISK;
	return -1;
}

json_t *
blame_rank(const struct blame *b, const struct eval *ev,
    const struct finding *f)
{
	int r = resource_of(f->resource);

	if (r < 0 || b->col[r][0] < 0 || isnan(b->t0) || f->worded)
		return NULL;
	return rank(b, ev, ev->g[f->group].host, r,
	    floor((f->start - b->t0) / b->width),
	    floor((f->end - b->t0) / b->width));
}

json_t *
blame_top(const struct blame *b, const struct eval *ev, const char *host)
{
	json_t *o = json_object(), *a;
	int r;

	for (r = 0; r < NBLAME && !isnan(b->t0); r++)
		if (b->col[r][0] >= 0 && (a = rank(b, ev, host, r, 0,
		    (double)b->nb)) != NULL)
			xjsonio_set(o, resname[r], a);
	if (json_object_size(o) == 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* "12.3 MiB" from KiB. */
static char *
kib(char *buf, double v)
{
	char n[NUM_BUFSZ];
	const char *u = "KiB";

	if (fabs(v) >= 1024 * 1024) {
		v /= 1024 * 1024;
		u = "GiB";
	} else if (fabs(v) >= 1024) {
		v /= 1024;
		u = "MiB";
	}
	snprintf(buf, NUM_BUFSZ + 8, "%s %s", num_fmt_sig(n, v, 3), u);
	return buf;
}

/* The group's name in words: "comm (pid 42)", or "cgroup /a/b". */
static char *
who(const struct eval *ev, size_t gi)
{
	const struct group *g = &ev->g[gi];
	const char *pid = NULL, *comm = NULL, *cg = NULL;
	size_t i;

	for (i = 0; i < ev->l->nkeys; i++) {
		if (strcmp(ev->l->keyname[i], "pid") == 0)
			pid = g->keyvals[i];
		else if (strcmp(ev->l->keyname[i], "comm") == 0)
			comm = g->keyvals[i];
		else if (strcmp(ev->l->keyname[i], "cgroup") == 0)
			cg = g->keyvals[i];
	}
	if (comm != NULL && pid != NULL)
		return xasprintf("'%s' (pid %s)", comm, pid);
	if (cg != NULL)
		return xasprintf("cgroup '%s'", cg);
	return xstrdup(comm ? comm : pid ? pid : "the process");
}

/* One group's leak test; adds the finding when it grew steadily. */
static void
leak(struct blame *b, struct eval *ev, size_t gi)
{
	const struct blame_group *g = &b->g[gi];
	struct regress_theilsen ts;
	struct finding f;
	struct perr e;
	double *x = xcalloc(g->nb + 1, sizeof *x);
	double *y = xcalloc(g->nb + 1, sizeof *y), *q = NULL;
	double from, to, sum = 0, per_h;
	char a[NUM_BUFSZ + 8], c[NUM_BUFSZ + 8], d[32], s1[NUM_BUFSZ + 8],
	    s2[NUM_BUFSZ + 8], s3[NUM_BUFSZ + 8], *name;
	size_t k, n = 0, m;

	for (k = 0; k < g->nb; k++)
		if (g->dt[k] > 0 && g->sum[BLAME_MEM][k] > 0) {
			x[n] = b->t0 + ((double)(g->k0 + k) + 0.5) * b->width;
			y[n] = g->sum[BLAME_MEM][k] / g->dt[k];
			sum += y[n++];
		}
	if (n < 8)
		goto out;
	/* A cheap screen first: the last quarter's median above the first
	 * quarter's by the growth asked for. */
	m = n / 4;
	q = xcalloc(m, sizeof *q);
	memcpy(q, y, m * sizeof *q);
	qsort(q, m, sizeof *q, stats_cmp);
	from = stats_median(q, m);
	memcpy(q, y + n - m, m * sizeof *q);
	qsort(q, m, sizeof *q, stats_cmp);
	to = stats_median(q, m);
	if (to - from < fmax(0.1 * from, 1024))
		goto out;
	if (regress_theilsen(x, y, n, 0.01, &ts, &e) < 0 || !(ts.slope_lo > 0))
		goto out;
	from = ts.intercept + ts.slope * x[0];
	to = ts.intercept + ts.slope * x[n - 1];
	if (to - from < fmax(0.1 * from, 1024))
		goto out;
	memset(&f, 0, sizeof f);
	f.group = gi;
	f.metric = b->metric[BLAME_MEM];
	f.resource = "memory";
	f.kind = KIND_UTIL;
	f.dir = DIR_ABOVE;
	f.sev = SEV_WARNING;
	f.worded = 1;
	f.start = g->first;
	f.end = g->last;
	f.rows = g->rows;
	f.peak = g->peak;
	f.sum = sum;
	f.n = n;
	f.threshold = NAN;
	f.value = NAN;
	per_h = ts.slope * 3600;
	name = who(ev, gi);
	f.evidence = xasprintf("%s: %s grew steadily from %s to %s over %s: "
	    "%s/h (Theil-Sen over %zu points, 99%% interval %s to %s/h), "
	    "memory that is not given back", name, f.metric, kib(a, from),
	    kib(c, to),
	    advice_dur(g->last - g->first, d, sizeof d), kib(s1, per_h), n,
	    kib(s2, ts.slope_lo * 3600), kib(s3, ts.slope_hi * 3600));
	f.recommendation = xasprintf("it looks like a leak: run it "
	    "under valgrind --leak-check=full or heaptrack, or compare heap "
	    "profiles taken apart in time; until fixed, restart it or cap it "
	    "(a cgroup's memory.max) before the OOM killer chooses");
	free(name);
	eval_add(ev, &f);
out:
	free(q);
	free(x);
	free(y);
}

void
blame_leaks(struct blame *b, struct eval *ev)
{
	size_t i;

	if (b->col[BLAME_MEM][0] < 0)
		return;
	for (i = 0; i < b->ng; i++)
		if (b->g[i].dt != NULL)
			leak(b, ev, i);
}

void
blame_free(struct blame *b)
{
	size_t i;
	int r;

	for (i = 0; i < b->ng; i++) {
		for (r = 0; r < NBLAME; r++)
			free(b->g[i].sum[r]);
		free(b->g[i].dt);
	}
	free(b->g);
	memset(b, 0, sizeof *b);
}
