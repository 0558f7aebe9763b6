/* report.c - findings JSON, text and CSV. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "blame.h"
#include "fmt/csvwrite.h"
#include "fmt/jsonio.h"
#include "report.h"
#include "score.h"
#include "util/num.h"
#include "util/timeutil.h"
#include "util/xalloc.h"

char *
report_id(const struct eval *ev, const struct finding *f)
{
	const struct group *g = &ev->g[f->group];
	char b[NUM_BUFSZ], *s = xstrdup(g->host), *t, *p;
	size_t i;

	for (i = 0; i < ev->l->nkeys; i++) {
		t = xasprintf("%s/%s", s, g->keyvals[i]);
		free(s);
		s = t;
	}
	t = xasprintf("%s/%s/%s", s, f->metric, num_fmt(b, f->start, 3));
	free(s);
	for (p = t; *p != '\0'; p++)
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		    *p == '\f' || *p == '\v')
			*p = '_';
	return t;
}

static const struct report *sorting;

static int
cmp(const void *a, const void *b)
{
	const struct eval *ev = sorting->ev;
	size_t i = *(const size_t *)a, j = *(const size_t *)b, k;
	const struct finding *x = &ev->f[i], *y = &ev->f[j];
	const struct group *gx = &ev->g[x->group], *gy = &ev->g[y->group];
	int c;

	if ((c = strcmp(gx->host, gy->host)) != 0)
		return c;
	if (x->sev != y->sev)
		return y->sev - x->sev;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	for (k = 0; k < ev->l->nkeys; k++)
		if ((c = strcmp(gx->keyvals[k], gy->keyvals[k])) != 0)
			return c;
	return strcmp(sorting->ids[i], sorting->ids[j]);
}

static void
gap_notes(const struct eval *ev, struct notes *notes)
{
	uint64_t gaps, back;
	size_t i, j;

	for (i = 0; i < ev->ng; i++) {
		for (j = 0; j < i && strcmp(ev->g[j].host, ev->g[i].host); j++)
			;
		if (j < i)
			continue;	/* host counted already */
		gaps = back = 0;
		for (j = i; j < ev->ng; j++)
			if (strcmp(ev->g[j].host, ev->g[i].host) == 0) {
				gaps += ev->g[j].gaps;
				back += ev->g[j].backwards;
			}
		if (gaps + back > 0)
			notes_add(notes, "host '%s': %llu gaps in time (over "
			    "twice the interval) and %llu steps back in time; "
			    "no window spans them", ev->g[i].host,
			    (unsigned long long)gaps, (unsigned long long)back);
	}
}

void
report_init(struct report *rp, struct eval *ev, const struct rules *rs,
    struct notes *notes, json_t *inputs, json_t *options)
{
	size_t i;

	memset(rp, 0, sizeof *rp);
	rp->ev = ev;
	rp->rs = rs;
	rp->notes = notes;
	rp->inputs = inputs;
	rp->options = options;
	rp->ids = xcalloc(ev->nf + 1, sizeof *rp->ids);
	rp->order = xcalloc(ev->nf + 1, sizeof *rp->order);
	for (i = 0; i < ev->nf; i++) {
		rp->ids[i] = report_id(ev, &ev->f[i]);
		rp->order[i] = i;
		advice_fill(ev, &ev->f[i]);
	}
	sorting = rp;
	qsort(rp->order, ev->nf, sizeof *rp->order, cmp);
	gap_notes(ev, notes);
}

void
report_free(struct report *rp)
{
	size_t i;

	for (i = 0; i < rp->ev->nf; i++)
		free(rp->ids[i]);
	free(rp->ids);
	free(rp->order);
}

json_t *
report_finding(const struct eval *ev, const struct finding *f, const char *id)
{
	const struct group *g = &ev->g[f->group];
	json_t *o = json_object(), *k = json_object();
	size_t i;

	xjsonio_set(o, "id", xjsonio_text(id));
	xjsonio_set(o, "host", xjsonio_text(g->host));
	for (i = 0; i < ev->l->nkeys; i++)
		xjsonio_set(k, ev->l->keyname[i], xjsonio_text(g->keyvals[i]));
	xjsonio_set(o, "keys", k);
	xjsonio_set(o, "resource", json_string(f->resource));
	xjsonio_set(o, "kind", json_string(rules_kind_name(f->kind)));
	xjsonio_set(o, "metric", xjsonio_text(f->metric));
	xjsonio_set(o, "severity", json_string(rules_sev_name(f->sev)));
	xjsonio_set(o, "direction", json_string(rules_dir_name(f->dir)));
	xjsonio_set(o, "start", xjsonio_num(f->start));
	xjsonio_set(o, "end", xjsonio_num(f->end));
	xjsonio_set(o, "rows", json_integer((json_int_t)f->rows));
	xjsonio_set(o, "peak", xjsonio_num(f->peak));
	xjsonio_set(o, "mean", xjsonio_num(finding_mean(f)));
	xjsonio_set(o, "threshold", xjsonio_num(f->threshold));
	xjsonio_set(o, "evidence", xjsonio_text(f->evidence));
	xjsonio_set(o, "recommendation", xjsonio_text(f->recommendation));
	return o;
}

static json_t *
totals(const int *n)
{
	json_t *o = json_object();

	xjsonio_set(o, "info", json_integer(n[SEV_INFO]));
	xjsonio_set(o, "warning", json_integer(n[SEV_WARNING]));
	xjsonio_set(o, "critical", json_integer(n[SEV_CRITICAL]));
	return o;
}

static json_t *
rules_json(const struct rules *rs)
{
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; i < rs->n; i++) {
		o = json_object();
		xjsonio_set(o, "metric", xjsonio_text(rs->r[i].metric));
		xjsonio_set(o, "warning", xjsonio_num(rs->r[i].warn));
		xjsonio_set(o, "critical", xjsonio_num(rs->r[i].crit));
		xjsonio_set(o, "for_s", json_real(rs->r[i].for_s));
		xjsonio_set(o, "clear", xjsonio_num(rs->r[i].clear));
		xjsonio_set(o, "direction", json_string(rules_dir_name(
		    rs->r[i].dir)));
		xjsonio_set(o, "source", xjsonio_text(rs->r[i].source));
		json_array_append_new(a, o);
	}
	return a;
}

/* The words of a main cause: "cpu saturation: load1_per_cpu peak 3.9 for
 * 16m40s (critical)". */
static json_t *
cause(const struct finding *f)
{
	char b[NUM_BUFSZ], d[32], text[512];

	/* The metric is a column's name, which may not be UTF-8. */
	snprintf(text, sizeof text, "%s %s: %s peak %s%s for %s (%s)", f->resource,
	    rules_kind_name(f->kind), f->metric, num_fmt_sig(b, f->peak, 3),
	    advice_unit(f->metric), advice_dur(f->end - f->start, d, sizeof d),
	    rules_sev_name(f->sev));
	return xjsonio_text(text);
}

/* One entry of hosts[] for the host of group gi, over findings
 * order[from..to). */
static json_t *
host_json(const struct report *rp, size_t gi, size_t from, size_t to,
    struct score *sc)
{
	const struct eval *ev = rp->ev;
	const char *host = ev->g[gi].host, **res;
	json_t *o = json_object(), *top;
	double start = NAN, end = NAN;
	uint64_t rows = 0;
	int n[4] = { 0, 0, 0, 0 };
	size_t i;

	for (i = 0; i < ev->ng; i++)
		if (strcmp(ev->g[i].host, host) == 0) {
			rows += ev->g[i].rows;
			if (isnan(start) || ev->g[i].first < start)
				start = ev->g[i].first;
			if (isnan(end) || ev->g[i].last > end)
				end = ev->g[i].last;
		}
	res = xcalloc(to - from + 1, sizeof *res);
	for (i = from; i < to; i++) {
		res[i - from] = ev->f[rp->order[i]].resource;
		n[ev->f[rp->order[i]].sev]++;
	}
	score_host(ev->f, rp->order + from, to - from, res, sc);
	free(res);
	xjsonio_set(o, "host", xjsonio_text(host));
	xjsonio_set(o, "start", xjsonio_num(start));
	xjsonio_set(o, "end", xjsonio_num(end));
	xjsonio_set(o, "rows", json_integer((json_int_t)rows));
	xjsonio_set(o, "score", json_integer(sc->score));
	xjsonio_set(o, "grade", jsonio_fmt("%c", sc->grade));
	xjsonio_set(o, "main_cause", sc->main >= 0 ? cause(&ev->f[sc->main]) :
	    json_null());
	xjsonio_set(o, "main_finding", sc->main >= 0 ?
	    xjsonio_text(rp->ids[sc->main]) : json_null());
	xjsonio_set(o, "totals", totals(n));
	if (rp->blame != NULL && (top = blame_top(rp->blame, ev, host)) != NULL)
		xjsonio_set(o, "top", top);
	return o;
}

json_t *
report_json(struct report *rp, int *worst)
{
	const struct eval *ev = rp->ev;
	json_t *doc = json_object(), *hosts = json_array(), *fs = json_array();
	json_t *notes = json_array(), *overall = json_object(), *f, *who;
	struct score sc;
	const char *host, *worsthost = NULL;
	size_t i, j, from, g;
	int n[4] = { 0, 0, 0, 0 }, least = 101;

	*worst = SEV_NONE;
	for (i = 0; i < ev->nf; i++) {
		j = rp->order[i];
		f = report_finding(ev, &ev->f[j], rp->ids[j]);
		if (rp->blame != NULL && (who = blame_rank(rp->blame, ev,
		    &ev->f[j])) != NULL)
			xjsonio_set(f, "responsible", who);
		json_array_append_new(fs, f);
		n[ev->f[j].sev]++;
		if (ev->f[j].sev > *worst)
			*worst = ev->f[j].sev;
	}
	/* Hosts in name order; a host without findings still has an entry. */
	for (;;) {
		host = NULL;
		for (g = 0; g < ev->ng; g++)
			if ((worsthost == NULL || strcmp(ev->g[g].host,
			    worsthost) > 0) && (host == NULL ||
			    strcmp(ev->g[g].host, host) < 0)) {
				host = ev->g[g].host;
				i = g;
			}
		if (host == NULL)
			break;
		for (from = 0; from < ev->nf && strcmp(ev->g[ev->f[
		    rp->order[from]].group].host, host) != 0; from++)
			;
		for (j = from; j < ev->nf && strcmp(ev->g[ev->f[
		    rp->order[j]].group].host, host) == 0; j++)
			;
		json_array_append_new(hosts, host_json(rp, i, from, j, &sc));
		if (sc.score < least) {
			least = sc.score;
			xjsonio_set(overall, "host", xjsonio_text(host));
		}
		worsthost = host;
	}
	for (i = 0; i < rp->notes->n; i++)
		json_array_append_new(notes, xjsonio_text(rp->notes->v[i]));
	xjsonio_set(doc, "format", json_string("perf-bottleneck/1"));
	xjsonio_set(doc, "inputs", json_incref(rp->inputs));
	xjsonio_set(doc, "options", json_incref(rp->options));
	xjsonio_set(doc, "thresholds", rules_json(rp->rs));
	if (least > 100) {
		least = 100;
		xjsonio_set(overall, "host", json_null());
	}
	xjsonio_set(overall, "score", json_integer(least));
	xjsonio_set(overall, "grade", jsonio_fmt("%c", score_grade(least)));
	xjsonio_set(doc, "overall", overall);
	xjsonio_set(doc, "hosts", hosts);
	xjsonio_set(doc, "findings", fs);
	xjsonio_set(doc, "totals", totals(n));
	xjsonio_set(doc, "notes", notes);
	return doc;
}
