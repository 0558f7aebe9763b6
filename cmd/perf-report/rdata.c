/* rdata.c - reading samples and runs CSV for the charts. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/csvread.h"
#include "fmt/spankind.h"
#include "rdata.h"
#include "util/num.h"
#include "util/xalloc.h"

/* Rewrites a csvread message so that its source is named as the user
 * gave it (standard input is read from a copy). */
static int
renamed(struct perr *e, const struct perr *src, char *const *paths,
    const char *const *names, size_t n)
{
	size_t i, len;

	for (i = 0; i < n; i++) {
		len = strlen(paths[i]);
		if (strncmp(src->msg, paths[i], len) == 0 &&
		    src->msg[len] == ':')
			return perr_set(e, "%s%s", names[i], src->msg + len);
	}
	return perr_set(e, "%s", src->msg);
}

/* A numeric field: 0 and the value (NaN when empty), or -1 with the
 * message in e. */
static int
field(const struct csvread_row *row, struct csvread *r, long col,
    const char *const *names, double *v, struct perr *e)
{
	if (col < 0 || row->len[col] == 0) {
		*v = NAN;
		return 0;
	}
	if (num_parse_field(row->f[col], row->len[col], v) != 1)
		return perr_set(e, "%s:%ld: column '%s': '%s' is not a number",
		    names[row->src], row->line, csvread_colname(r, col),
		    row->f[col]);
	return 0;
}

long
rdata_metric(const struct rsamples *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nm; i++)
		if (strcmp(s->metric[i], name) == 0)
			return (long)i;
	return -1;
}

static struct rhost *
host(struct rsamples *s, const char *name, char ***extra, size_t *nextra)
{
	size_t i;

	for (i = 0; i < s->nh; i++)
		if (strcmp(s->h[i].name, name) == 0)
			return &s->h[i];
	if (s->nh == RDATA_MAXHOSTS) {
		for (i = 0; i < *nextra; i++)
			if (strcmp((*extra)[i], name) == 0)
				return NULL;
		*extra = xreallocarray(*extra, *nextra + 1, sizeof **extra);
		(*extra)[(*nextra)++] = xstrdup(name);
		s->more_hosts++;
		return NULL;
	}
	s->h[s->nh].name = xstrdup(name);
	downsample_init(&s->h[s->nh].ds, s->nm, RDATA_BUCKETS);
	s->h[s->nh].last = xcalloc(s->nm ? s->nm : 1, sizeof(double));
	for (i = 0; i < s->nm; i++)
		s->h[s->nh].last[i] = NAN;
	s->h[s->nh].start = INFINITY;
	s->h[s->nh].end = -INFINITY;
	return &s->h[s->nh++];
}

int
rdata_samples(char *const *paths, size_t npaths, const char *const *names,
    const char *const *wanted, size_t nwanted, long *rows,
    struct rsamples *s, struct perr *e)
{
	struct csvread *r;
	struct csvread_row row;
	struct perr ce;
	struct rhost *h;
	long tcol, hcol, icol, *cols = NULL;
	double t, iv, ivsum = 0, *v = NULL;
	char **extra = NULL;
	size_t i, nextra = 0, niv = 0;
	int got, rc = -1;

	memset(s, 0, sizeof *s);
	s->start = INFINITY;
	s->end = -INFINITY;
	if ((r = csvread_open(paths, npaths, &ce)) == NULL)
		return renamed(e, &ce, paths, names, npaths);
	s->metric = xcalloc(nwanted ? nwanted : 1, sizeof *s->metric);
	cols = xcalloc(nwanted ? nwanted : 1, sizeof *cols);
	for (i = 0; i < nwanted; i++)
		if ((cols[s->nm] = csvread_col(r, wanted[i])) >= 0)
			s->metric[s->nm++] = wanted[i];
	v = xcalloc(s->nm ? s->nm : 1, sizeof *v);
	tcol = csvread_col(r, "time");
	hcol = csvread_col(r, "host");
	icol = csvread_col(r, "interval_s");
	while ((got = csvread_next(r, &row, &ce)) == 1) {
		rows[row.src]++;
		if (field(&row, r, tcol, names, &t, e) != 0 ||
		    field(&row, r, icol, names, &iv, e) != 0)
			goto out;
		if (isnan(t)) {
			perr_set(e, "%s:%ld: column 'time' is empty",
			    names[row.src], row.line);
			goto out;
		}
		for (i = 0; i < s->nm; i++)
			if (field(&row, r, cols[i], names, &v[i], e) != 0)
				goto out;
		s->rows++;
		if (t < s->start)
			s->start = t;
		if (t > s->end)
			s->end = t;
		if (!isnan(iv)) {
			ivsum += iv;
			niv++;
		}
		if ((h = host(s, hcol >= 0 ? row.f[hcol] : "", &extra,
		    &nextra)) == NULL)
			continue;
		downsample_add(&h->ds, t, v);
		h->rows++;
		if (t < h->start)
			h->start = t;
		if (t > h->end)
			h->end = t;
		for (i = 0; i < s->nm; i++)
			if (!isnan(v[i]))
				h->last[i] = v[i];
	}
	if (got < 0) {
		renamed(e, &ce, paths, names, npaths);
		goto out;
	}
	s->interval = niv ? ivsum / (double)niv : NAN;
	rc = 0;
out:
	for (i = 0; i < nextra; i++)
		free(extra[i]);
	free(extra);
	free(cols);
	free(v);
	csvread_close(r);
	return rc;
}

void
rdata_samples_free(struct rsamples *s)
{
	size_t i;

	for (i = 0; i < s->nh; i++) {
		free(s->h[i].name);
		free(s->h[i].last);
		downsample_free(&s->h[i].ds);
	}
	free(s->metric);
}

/* The label of a run's command: name (else command), then each param_*
 * column as col=value. */
static char *
run_label(struct csvread *r, const struct csvread_row *row, long ncol,
    long ccol)
{
	const char *base = ncol >= 0 && row->len[ncol] ? row->f[ncol] :
	    ccol >= 0 ? row->f[ccol] : "";
	char *s = xstrdup(base), *t;
	size_t i;

	for (i = 0; i < csvread_ncols(r); i++) {
		if (strncmp(csvread_colname(r, i), "param_", 6) != 0 ||
		    row->len[i] == 0)
			continue;
		t = xasprintf("%s %s=%s", s, csvread_colname(r, i) + 6,
		    row->f[i]);
		free(s);
		s = t;
	}
	return s;
}

static int
failed(const struct csvread_row *row, long xcol, long scol, long tocol)
{
	if (xcol >= 0 && row->len[xcol] && strcmp(row->f[xcol], "0") != 0)
		return 1;
	if (scol >= 0 && row->len[scol] && strcmp(row->f[scol], "0") != 0)
		return 1;
	return tocol >= 0 && row->len[tocol] &&
	    strcmp(row->f[tocol], "0") != 0 &&
	    strcmp(row->f[tocol], "false") != 0;
}

/* Widens the runs' time range to t (NaN: no time). */
static void
widen(struct rruns *rr, double t)
{
	if (!isnan(t) && t < rr->start)
		rr->start = t;
	if (!isnan(t) && t > rr->end)
		rr->end = t;
}

/* Whether a row is one of perfspan's, and how it was measured. */
static enum spankind
spankind(const struct csvread_row *row, long mcol)
{
	return spankind_of(mcol >= 0 ? row->f[mcol] : NULL);
}

/* The columns of perfspan's rows: name, parent, then the three summed. */
struct spancols {
	long name, parent, sum[3];
};

static const char *const spansums[] = { "calls_count", "total_s", "self_s" };

static void
spancols_find(struct csvread *r, struct spancols *sc)
{
	size_t i;

	sc->name = csvread_col(r, "name");
	sc->parent = csvread_col(r, "parent");
	for (i = 0; i < 3; i++)
		sc->sum[i] = csvread_col(r, spansums[i]);
}

/* Adds a perfspan row to its (name, parent). */
static int
add_span(struct rruns *rr, struct csvread *r, const struct spancols *sc,
    const struct csvread_row *row, const char *const *names, struct perr *e)
{
	const char *name = sc->name >= 0 ? row->f[sc->name] : "";
	const char *parent = sc->parent >= 0 ? row->f[sc->parent] : "";
	double v[3];
	struct rspan *sp;
	size_t i;

	for (i = 0; i < 3; i++) {
		if (field(row, r, sc->sum[i], names, &v[i], e) != 0)
			return -1;
		if (isnan(v[i]) || v[i] < 0)
			return perr_set(e, "%s:%ld: column '%s': want a number "
			    "0 or more in perfspan's rows", names[row->src],
			    row->line, spansums[i]);
	}
	for (i = 0; i < rr->nspan; i++)
		if (strcmp(rr->span[i].name, name) == 0 &&
		    strcmp(rr->span[i].parent, parent) == 0)
			break;
	if (i == rr->nspan) {
		rr->span = xreallocarray(rr->span, rr->nspan + 1,
		    sizeof *rr->span);
		sp = &rr->span[rr->nspan++];
		memset(sp, 0, sizeof *sp);
		sp->name = xstrdup(name);
		sp->parent = xstrdup(parent);
	}
	sp = &rr->span[i];
	sp->calls += v[0];
	sp->total += v[1];
	sp->self += v[2];
	rr->spanrows++;
	return 0;
}

/* Most self time first, then by name and parent: the same order for
 * the same input. */
static int
by_self(const void *a, const void *b)
{
	const struct rspan *x = a, *y = b;
	int c;

	if (x->self != y->self)
		return x->self > y->self ? -1 : 1;
	c = strcmp(x->name, y->name);
	return c ? c : strcmp(x->parent, y->parent);
}

int
rdata_runs(char *const *paths, size_t npaths, const char *const *names,
    long *rows, struct rruns *rr, struct perr *e)
{
	struct csvread *r;
	struct csvread_row row;
	struct perr ce;
	struct rgroup *g;
	struct spancols sc;
	long tcol, wcol, ncol, ccol, pcol = -1, xcol, scol, tocol, mcol;
	double t, w, p;
	char *label;
	size_t i;
	enum spankind kind;
	int got, rc = -1;

	memset(rr, 0, sizeof *rr);
	rr->start = INFINITY;
	rr->end = -INFINITY;
	if ((r = csvread_open(paths, npaths, &ce)) == NULL)
		return renamed(e, &ce, paths, names, npaths);
	tcol = csvread_col(r, "time");
	wcol = csvread_col(r, "wall_s");
	ncol = csvread_col(r, "name");
	ccol = csvread_col(r, "command");
	xcol = csvread_col(r, "exit_status");
	scol = csvread_col(r, "signal");
	tocol = csvread_col(r, "timed_out");
	mcol = csvread_col(r, "measured_by");
	spancols_find(r, &sc);
	rr->has_rss = csvread_col(r, "max_rss_kib") >= 0;
	for (i = 0; i < csvread_ncols(r) && pcol < 0; i++)
		if (strncmp(csvread_colname(r, i), "param_", 6) == 0) {
			pcol = (long)i;
			rr->param = xstrdup(csvread_colname(r, i));
		}
	while ((got = csvread_next(r, &row, &ce)) == 1) {
		rows[row.src]++;
		rr->rows++;
		if (field(&row, r, tcol, names, &t, e) != 0)
			goto out;
		if ((kind = spankind(&row, mcol)) != SPANKIND_NONE) {
			rr->sampled |= kind == SPANKIND_SAMPLED;
			if (add_span(rr, r, &sc, &row, names, e) != 0)
				goto out;
			widen(rr, t);
			continue;
		}
		if (field(&row, r, wcol, names, &w, e) != 0)
			goto out;
		if (pcol >= 0 && num_parse_field(row.f[pcol], row.len[pcol], &p) != 1)
			p = NAN;
		if (pcol < 0)
			p = NAN;
		if (failed(&row, xcol, scol, tocol) || isnan(w)) {
			rr->failed++;
			continue;
		}
		widen(rr, t);
		label = run_label(r, &row, ncol, ccol);
		for (i = 0; i < rr->ng; i++)
			if (strcmp(rr->g[i].label, label) == 0)
				break;
		if (i == rr->ng) {
			rr->g = xreallocarray(rr->g, rr->ng + 1, sizeof *rr->g);
			memset(&rr->g[rr->ng], 0, sizeof *rr->g);
			rr->g[rr->ng++].label = label;
		} else
			free(label);
		g = &rr->g[i];
		if (g->n == g->cap) {
			g->cap = g->cap ? 2 * g->cap : 16;
			g->t = xreallocarray(g->t, g->cap, sizeof *g->t);
			g->wall = xreallocarray(g->wall, g->cap, sizeof *g->wall);
			g->param = xreallocarray(g->param, g->cap,
			    sizeof *g->param);
		}
		g->t[g->n] = t;
		g->wall[g->n] = w;
		g->param[g->n++] = p;
	}
	if (got < 0) {
		renamed(e, &ce, paths, names, npaths);
		goto out;
	}
	if (rr->nspan > 1)
		qsort(rr->span, rr->nspan, sizeof *rr->span, by_self);
	rc = 0;
out:
	csvread_close(r);
	return rc;
}

void
rdata_runs_free(struct rruns *rr)
{
	size_t i;

	for (i = 0; i < rr->ng; i++) {
		free(rr->g[i].label);
		free(rr->g[i].t);
		free(rr->g[i].wall);
		free(rr->g[i].param);
	}
	free(rr->g);
	for (i = 0; i < rr->nspan; i++) {
		free(rr->span[i].name);
		free(rr->span[i].parent);
	}
	free(rr->span);
	free(rr->param);
}
