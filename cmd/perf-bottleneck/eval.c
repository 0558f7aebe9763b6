/* eval.c - windows, durations, hysteresis and gaps. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "util/strtab.h"
#include "util/xalloc.h"

/* The state of one series in one group. */
struct sstate {
	int firing;		/* SEV_* of the open finding, SEV_NONE: idle */
	double wstart;		/* start of the run past the first level */
	double cstart;		/* start of the run past the critical level */
	struct finding w;	/* the window being measured */
};

#define EPS 1e-9

void
eval_init(struct eval *ev, const struct layout *l, const struct rules *rs,
    eval_event *on_event, void *arg)
{
	memset(ev, 0, sizeof *ev);
	ev->l = l;
	ev->rs = rs;
	ev->on_event = on_event;
	ev->arg = arg;
	ev->nslot = 64;
	ev->slot = xcalloc(ev->nslot, sizeof *ev->slot);
	ev->known = xcalloc(l->ns + 1, sizeof *ev->known);
}

/* The key: host and key values joined by a unit separator. */
static size_t
makekey(struct eval *ev, const char *host, char *const *kv)
{
	size_t n = strlen(host) + 1, i, at;

	for (i = 0; i < ev->l->nkeys; i++)
		n += strlen(kv[i]) + 1;
	if (n > ev->keylen) {
		ev->keybuf = xreallocarray(ev->keybuf, n, 1);
		ev->keylen = n;
	}
	at = strlen(host);
	memcpy(ev->keybuf, host, at);
	for (i = 0; i < ev->l->nkeys; i++) {
		ev->keybuf[at++] = '\x1f';
		memcpy(ev->keybuf + at, kv[i], strlen(kv[i]));
		at += strlen(kv[i]);
	}
	ev->keybuf[at] = '\0';
	return at;
}

static int
same(const struct eval *ev, const struct group *g, const char *host,
    char *const *kv)
{
	size_t i;

	if (strcmp(g->host, host) != 0)
		return 0;
	for (i = 0; i < ev->l->nkeys; i++)
		if (strcmp(g->keyvals[i], kv[i]) != 0)
			return 0;
	return 1;
}

static void
rehash(struct eval *ev)
{
	size_t i, j, mask;

	free(ev->slot);
	ev->nslot *= 2;
	ev->slot = xcalloc(ev->nslot, sizeof *ev->slot);
	mask = ev->nslot - 1;
	for (i = 0; i < ev->ng; i++) {
		j = strtab_hash(ev->keybuf, makekey(ev, ev->g[i].host,
		    ev->g[i].keyvals)) & mask;
		while (ev->slot[j] != 0)
			j = (j + 1) & mask;
		ev->slot[j] = i + 1;
	}
}

size_t
eval_group(struct eval *ev, const char *host, char *const *kv)
{
	size_t mask = ev->nslot - 1, j, i;
	struct group *g;

	j = strtab_hash(ev->keybuf, makekey(ev, host, kv)) & mask;
	for (; ev->slot[j] != 0; j = (j + 1) & mask)
		if (same(ev, &ev->g[ev->slot[j] - 1], host, kv))
			return ev->slot[j] - 1;
	ev->g = xreallocarray(ev->g, ev->ng + 1, sizeof *ev->g);
	g = &ev->g[ev->ng];
	memset(g, 0, sizeof *g);
	g->host = xstrdup(host);
	g->keyvals = xcalloc(ev->l->nkeys + 1, sizeof *g->keyvals);
	for (i = 0; i < ev->l->nkeys; i++)
		g->keyvals[i] = xstrdup(kv[i]);
	g->first = g->last = NAN;
	g->st = xcalloc(ev->l->ns + 1, sizeof *g->st);
	for (i = 0; i < ev->l->ns; i++)
		g->st[i].wstart = g->st[i].cstart = NAN;
	ev->slot[j] = ++ev->ng;
	if (2 * ev->ng > ev->nslot)
		rehash(ev);
	return ev->ng - 1;
}

void
eval_add(struct eval *ev, const struct finding *f)
{
	ev->f = xreallocarray(ev->f, ev->nf + 1, sizeof *ev->f);
	ev->f[ev->nf++] = *f;
}

static void
reset(struct sstate *s)
{
	s->firing = SEV_NONE;
	s->wstart = s->cstart = NAN;
}

/* Ends the open finding of s: resolved at t (gap: at a break in time). */
static void
close_finding(struct eval *ev, struct sstate *s, double t, int gap, int open,
    double v)
{
	s->w.gap = gap;
	s->w.open = open;
	s->w.value = v;
	eval_add(ev, &s->w);
	if (!open && ev->on_event)
		ev->on_event(ev->arg, ev, &s->w, "resolved", t);
	reset(s);
}

static void
accumulate(struct eval *ev, struct sstate *s, const struct rule *r, double v,
    double t, const double *vals)
{
	struct finding *w = &s->w;
	double c;
	int i;

	w->rows++;
	w->end = t;
	if (!isnan(v)) {
		w->sum += v;
		w->n++;
		if (isnan(w->peak) || (r->dir == DIR_ABOVE ? v > w->peak :
		    v < w->peak))
			w->peak = v;
	}
	for (i = 0; i < NCTX; i++)
		if (ev->l->ctx[i] >= 0 && !isnan(c = vals[ev->l->ctx[i]])) {
			w->ctx_sum[i] += c;
			w->ctx_n[i]++;
		}
}

static void
fire(struct eval *ev, struct sstate *s, const struct rule *r, int sev,
    double t, double v)
{
	s->firing = sev;
	s->w.sev = sev;
	s->w.threshold = sev == SEV_CRITICAL ? r->crit : rule_level(r);
	s->w.value = v;
	if (ev->on_event)
		ev->on_event(ev->arg, ev, &s->w, "firing", t);
}

/* One value of one series: the state machine. */
/* Whether v is past the critical level; keeps when that run started
 * (cstart), for the critical level's own duration. */
static int
critical_run(struct sstate *s, const struct rule *r, double v, double t0)
{
	int pastc = !isnan(r->crit) && rule_past(r, v, r->crit);

	if (!pastc)
		s->cstart = NAN;
	else if (isnan(s->cstart))
		s->cstart = t0;
	return pastc;
}

static void
step(struct eval *ev, size_t gi, size_t si, double v, double t, double t0,
    const double *vals)
{
	struct sstate *s = &ev->g[gi].st[si];
	const struct rule *r = &ev->rs->r[ev->l->s[si].rule];
	int pastc, sev;

	if (!isnan(v))
		ev->known[si]++;
	if (s->firing == SEV_NONE) {
		if (isnan(v) || !rule_past(r, v, rule_level(r))) {
			/* Unknown or back: the run is broken. */
			reset(s);
			return;
		}
		if (isnan(s->wstart)) {
			memset(&s->w, 0, sizeof s->w);
			s->w.group = gi;
			s->w.series = si;
			s->w.metric = ev->l->s[si].name;
			s->w.resource = r->resource;
			s->w.kind = r->kind;
			s->w.dir = r->dir;
			s->w.peak = NAN;
			s->w.start = s->wstart = t0;
		}
		accumulate(ev, s, r, v, t, vals);
		pastc = critical_run(s, r, v, t0);
		if (t - s->wstart >= r->for_s - EPS) {
			sev = rule_level_sev(r);
			if (pastc && t - s->cstart >= r->for_s - EPS)
				sev = SEV_CRITICAL;
			fire(ev, s, r, sev, t, v);
		}
		return;
	}
	if (isnan(v))
		return;		/* unknown: neither holds nor clears */
	/* Hysteresis: it holds down to the clear level, and resolves only
	 * below it (above it, for direction below). */
	if (!rule_past(r, v, rule_clear(r))) {
		close_finding(ev, s, t, 0, 0, v);
		return;
	}
	accumulate(ev, s, r, v, t, vals);
	pastc = critical_run(s, r, v, t0);
	if (pastc && s->firing < SEV_CRITICAL && t - s->cstart >= r->for_s -
	    EPS)
		fire(ev, s, r, SEV_CRITICAL, t, v);
}

/* A break in time: every window of the group ends at its last row. */
static void
brk(struct eval *ev, struct group *g, double t)
{
	size_t i;

	for (i = 0; i < ev->l->ns; i++) {
		if (g->st[i].firing != SEV_NONE)
			close_finding(ev, &g->st[i], t, 1, 0, NAN);
		reset(&g->st[i]);
	}
}

size_t
eval_row(struct eval *ev, const struct csvread_row *row, const double *vals)
{
	const struct layout *l = ev->l;
	char *kv[64], *const *kp = kv;
	struct group *g;
	double t, dt, iv, want;
	size_t gi, i;

	for (i = 0; i < l->nkeys && i < 64; i++)
		kv[i] = row->f[l->keys[i]];
	gi = eval_group(ev, l->host >= 0 ? row->f[l->host] : "", kp);
	g = &ev->g[gi];
	t = l->time >= 0 ? vals[l->time] : NAN;
	if (isnan(t))
		t = isnan(g->last) ? 0 : g->last + (g->lastdt > 0 ? g->lastdt : 1);
	iv = l->interval >= 0 ? vals[l->interval] : NAN;
	g->rows++;
	if (isnan(g->first))
		g->first = t;
	dt = !isnan(iv) && iv > 0 ? iv : 0;
	if (!isnan(g->last)) {
		want = dt > 0 ? dt : g->lastdt;
		if (t <= g->last) {
			g->backwards++;
			brk(ev, g, t);
		} else if (want > 0 && t - g->last > 2 * want + EPS) {
			g->gaps++;
			brk(ev, g, t);
		} else if (dt == 0)
			dt = t - g->last;
		if (t > g->last)
			g->lastdt = t - g->last;
	}
	g->last = t;
	for (i = 0; i < l->ns; i++)
		step(ev, gi, i, layout_value(l, i, vals), t, t - dt, vals);
	return gi;
}

void
eval_finish(struct eval *ev)
{
	size_t gi, i;

	for (gi = 0; gi < ev->ng; gi++)
		for (i = 0; i < ev->l->ns; i++)
			if (ev->g[gi].st[i].firing != SEV_NONE)
				close_finding(ev, &ev->g[gi].st[i],
				    ev->g[gi].last, 0, 1, NAN);
}

void
eval_free(struct eval *ev)
{
	size_t i, k;

	for (i = 0; i < ev->ng; i++) {
		for (k = 0; k < ev->l->nkeys; k++)
			free(ev->g[i].keyvals[k]);
		free(ev->g[i].keyvals);
		free(ev->g[i].host);
		free(ev->g[i].st);
	}
	for (i = 0; i < ev->nf; i++) {
		free(ev->f[i].evidence);
		free(ev->f[i].recommendation);
	}
	free(ev->g);
	free(ev->f);
	free(ev->slot);
	free(ev->known);
	free(ev->keybuf);
}

double
finding_mean(const struct finding *f)
{
	return f->n > 0 ? f->sum / (double)f->n : NAN;
}

double
finding_ctx(const struct finding *f, int ctx)
{
	return f->ctx_n[ctx] > 0 ? f->ctx_sum[ctx] / (double)f->ctx_n[ctx] :
	    NAN;
}
