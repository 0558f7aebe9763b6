/* groups.c - rows gathered per group: a hash table of groups by encoded
 * key (the previous row's group tried first), each metric of a group an
 * accumulator (gacc.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "groups.h"
#include "util/num.h"
#include "util/strtab.h"
#include "util/xalloc.h"

struct groups {
	size_t ncols;
	long drop, ignore, xcol, labcol;
	const char *only;
	size_t onlylen;
	struct gacc_budget *b;
	struct group **all;	/* in order of first appearance */
	size_t n, cap;
	size_t *tab;		/* open addressing: index + 1, 0 empty */
	size_t tabcap;
	size_t *keys, nkeys;	/* key columns (less drop) */
	size_t *mets, nmets;	/* metric columns */
	long *slot;		/* slot[col]: its accumulator's place in each
				 * group's m[], -1 for a column not a metric */
	size_t nslots;
	size_t last_und;	/* c->nundecided when the lists were made */
	struct group *prev;	/* the previous row's group */
	size_t bytes;		/* the groups' own memory (groups_bytes) */
	int closed;		/* no new group (groups_close) */
	int check;		/* and the rows set aside are checked */
	char *buf;		/* the encoded key of the current row */
	size_t buflen, bufcap;
	uint64_t rows, nox;
	int keep_failed, outcome_known;
	long to_col, exit_col, sig_col;	/* the runs' outcome columns, or -1 */
};

struct groups *
groups_new(size_t ncols, long drop, const char *only, long xcol,
    struct gacc_budget *b)
{
	struct groups *g = xcalloc(1, sizeof *g);

	g->ncols = ncols;
	g->drop = drop;
	g->only = only;
	g->onlylen = only ? strlen(only) : 0;
	g->xcol = xcol;
	g->labcol = -1;
	g->ignore = -1;
	g->b = b;
	g->tabcap = 64;
	g->tab = xcalloc(g->tabcap, sizeof *g->tab);
	g->keys = xcalloc(ncols + 1, sizeof *g->keys);
	g->mets = xcalloc(ncols + 1, sizeof *g->mets);
	g->slot = xcalloc(ncols + 1, sizeof *g->slot);
	for (size_t i = 0; i < ncols; i++)
		g->slot[i] = -1;
	g->last_und = (size_t)-1;
	return g;
}

void
groups_label(struct groups *g, long col)
{
	g->labcol = col;
}

void
groups_ignore(struct groups *g, long col)
{
	g->ignore = col;
}

void
groups_free(struct groups *g)
{
	size_t i, j;

	if (g == NULL)
		return;
	for (i = 0; i < g->n; i++) {
		struct group *gr = g->all[i];

		for (j = 0; j < g->ncols; j++)
			free(gr->key[j]);
		for (j = 0; j < gr->nm; j++)
			gacc_free(&gr->m[j], g->b);
		gaxis_free(&gr->axis, g->b);
		free(gr->key);
		free(gr->m);
		free(gr->id);
		free(gr);
	}
	free(g->all);
	free(g->tab);
	free(g->slot);
	free(g->keys);
	free(g->mets);
	free(g->buf);
	free(g);
}

static void
lists(struct groups *g, const struct columns *c)
{
	size_t i;

	g->nkeys = g->nmets = 0;
	for (i = 0; i < c->n; i++)
		if (c->role[i] == COL_KEY && (long)i != g->drop &&
		    (long)i != g->ignore)
			g->keys[g->nkeys++] = i;
		else if (c->role[i] == COL_METRIC) {
			g->mets[g->nmets++] = i;
			/* A metric stays one: its slot is for good. */
			if (g->slot[i] < 0)
				g->slot[i] = (long)g->nslots++;
		}
	g->last_und = c->nundecided;
	g->prev = NULL;
}

static void
put(struct groups *g, const char *s, size_t n)
{
	if (g->buflen + n + 1 > g->bufcap) {
		g->bufcap = (g->buflen + n + 1) * 2;
		g->buf = xreallocarray(g->buf, g->bufcap, 1);
	}
	memcpy(g->buf + g->buflen, s, n);
	g->buflen += n;
	g->buf[g->buflen] = '\0';
}

static void
rehash(struct groups *g)
{
	size_t i, j, mask;

	free(g->tab);
	g->tabcap *= 2;
	g->tab = xcalloc(g->tabcap, sizeof *g->tab);
	mask = g->tabcap - 1;
	for (i = 0; i < g->n; i++) {
		const char *id = g->all[i]->id;

		for (j = strtab_hash(id, strlen(id)) & mask; g->tab[j]; j = (j + 1) & mask)
			;
		g->tab[j] = i + 1;
	}
}

struct group *
groups_find(const struct groups *g, const char *id)
{
	size_t j, mask = g->tabcap - 1, n = strlen(id);

	for (j = strtab_hash(id, n) & mask; g->tab[j]; j = (j + 1) & mask)
		if (strcmp(g->all[g->tab[j] - 1]->id, id) == 0)
			return g->all[g->tab[j] - 1];
	return NULL;
}

/* Whether the row has the same key as group gr. */
static int
same(const struct groups *g, const struct group *gr,
    const struct csvread_row *row)
{
	size_t i, k;

	for (i = 0; i < g->nkeys; i++) {
		k = g->keys[i];
		if (gr->key[k] == NULL) {
			if (row->len[k] != 0)
				return 0;
		} else if (row->len[k] == 0 || strcmp(gr->key[k], row->f[k]) != 0)
			return 0;
	}
	return 1;
}

static struct group *
lookup(struct groups *g, const struct csvread *r, const struct csvread_row *row)
{
	struct group *gr;
	size_t i, k, j, mask;

	if (g->prev && same(g, g->prev, row))
		return g->prev;
	g->buflen = 0;
	put(g, "", 0);
	for (i = 0; i < g->nkeys; i++) {
		k = g->keys[i];
		if (row->len[k] == 0)
			continue;
		put(g, csvread_colname(r, k), strlen(csvread_colname(r, k)));
		put(g, "\x1f", 1);
		put(g, row->f[k], row->len[k]);
		put(g, "\x1e", 1);
	}
	mask = g->tabcap - 1;
	for (j = strtab_hash(g->buf, g->buflen) & mask; g->tab[j];
	    j = (j + 1) & mask) {
		gr = g->all[g->tab[j] - 1];
		if (strcmp(gr->id, g->buf) == 0)
			return g->prev = gr;
	}
	if (g->closed)
		return NULL;
	gr = xcalloc(1, sizeof *gr);
	gr->id = xstrdup(g->buf);
	gr->key = xcalloc(g->ncols, sizeof *gr->key);
	gaxis_init(&gr->axis);
	for (i = 0; i < g->nkeys; i++) {
		k = g->keys[i];
		if (row->len[k])
			gr->key[k] = xstrndup(row->f[k], row->len[k]);
	}
	gr->first_line = row->line;
	gr->first_src = row->src;
	/* Each block as malloc takes it (16 bytes more), and the group's
	 * places in all[] and in tab[] (at most half full). */
	g->bytes += sizeof *gr + g->ncols * sizeof *gr->key + g->buflen + 1 +
	    3 * 16 + 3 * sizeof(size_t);
	for (i = 0; i < g->nkeys; i++)
		if (gr->key[g->keys[i]])
			g->bytes += row->len[g->keys[i]] + 1 + 16;
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 16;
		g->all = xreallocarray(g->all, g->cap, sizeof *g->all);
	}
	g->all[g->n++] = gr;
	g->tab[j] = g->n;
	if (g->n * 2 > g->tabcap)
		rehash(g);
	return g->prev = gr;
}

void
groups_keep_failed(struct groups *g)
{
	g->keep_failed = 1;
}

/* Whether field k of row holds a value other than 0 or false (k -1: no
 * column): perf-time writes timed_out as true or false. */
static int
set(const struct csvread_row *row, long k)
{
	return k >= 0 && row->len[k] > 0 &&
	    !(row->len[k] == 1 && row->f[k][0] == '0') &&
	    !(row->len[k] == 5 && memcmp(row->f[k], "false", 5) == 0);
}

/* How a run ended, from the runs table's columns: 2 timed out, 1 failed,
 * 0 ran to a zero exit (or the table has no such columns). */
static int
outcome(struct groups *g, const struct csvread *r,
    const struct csvread_row *row)
{
	if (!g->outcome_known) {
		g->to_col = csvread_col(r, "timed_out");
		g->exit_col = csvread_col(r, "exit_status");
		g->sig_col = csvread_col(r, "signal");
		g->outcome_known = 1;
	}
	if (set(row, g->to_col))
		return 2;
	return set(row, g->exit_col) || set(row, g->sig_col);
}

/* The accumulator of metric column k in gr, made when first needed: a
 * group has one for each metric only (an accumulator for every column,
 * keys and the axis included, was two thirds of a small group). */
static struct gacc *
slot(struct groups *g, struct group *gr, size_t k)
{
	size_t s = (size_t)g->slot[k], i;

	if (s >= gr->nm) {
		g->bytes += (g->nslots - gr->nm) * sizeof *gr->m +
		    (gr->nm == 0 ? 16 : 0);
		gr->m = xreallocarray(gr->m, g->nslots, sizeof *gr->m);
		for (i = gr->nm; i < g->nslots; i++)
			gacc_init(&gr->m[i], g->xcol >= 0, &gr->axis);
		gr->nm = g->nslots;
	}
	return &gr->m[s];
}

const struct gacc *
groups_metric(const struct groups *g, const struct group *gr, size_t col)
{
	static struct gacc none;	/* no value: what gacc_init makes */
	static int made;
	long s = col < g->ncols ? g->slot[col] : -1;

	if (s >= 0 && (size_t)s < gr->nm)
		return &gr->m[s];
	if (!made) {
		gacc_init(&none, 0, NULL);
		made = 1;
	}
	return &none;
}

/* A row of a group not held by a closed store: its numbers are checked
 * now, so that a bad one is told before any output, as it would be had
 * the group been held; the caller keeps the row for later (1). */
static int
set_aside(struct groups *g, const struct columns *c,
    const struct csvread *r, const struct csvread_row *row, struct perr *e)
{
	size_t i;
	double v;
	int out = outcome(g, r, row);

	/* Checked before, or values a held group would not read (see
	 * below). */
	if (!g->check || out == 2 || (out == 1 && !g->keep_failed))
		return 1;
	for (i = 0; i < g->nmets; i++)
		if (num_parse_field(row->f[g->mets[i]], row->len[g->mets[i]],
		    &v) < 0)
			return columns_notnum(c, r, row, g->mets[i], e);
	return 1;
}

int
groups_add_row(struct groups *g, const struct columns *c,
    const struct csvread *r, const struct csvread_row *row, struct perr *e)
{
	struct group *gr;
	size_t i, k;
	double v, x = NAN;
	int got;

	if (g->only && (row->len[g->drop] != g->onlylen ||
	    memcmp(row->f[g->drop], g->only, g->onlylen) != 0))
		return 0;
	if (c->nundecided != g->last_und)
		lists(g, c);
	if (g->xcol >= 0) {
		got = num_parse_field(row->f[g->xcol], row->len[g->xcol], &x);
		if (got < 0)
			return columns_notnum(c, r, row, (size_t)g->xcol, e);
		if (got == 0) {
			x = NAN;
			g->nox++;
		}
	}
	if ((gr = lookup(g, r, row)) == NULL)
		return set_aside(g, c, r, row, e);
	switch (outcome(g, r, row)) {
	case 2:
		gr->timed_out++;
		return 0;
	case 1:
		if (!g->keep_failed) {
			gr->failed++;
			return 0;
		}
		break;
	}
	gr->rows++;
	g->rows++;
	if (g->xcol >= 0)
		gaxis_add(&gr->axis, g->b, x);
	for (i = 0; i < g->nmets; i++) {
		k = g->mets[i];
		got = num_parse_field(row->f[k], row->len[k], &v);
		if (got > 0)
			gacc_add(slot(g, gr, k), g->b, v, x, g->labcol >= 0 ?
			    row->f[g->labcol] : NULL, g->labcol >= 0 ?
			    row->len[g->labcol] : 0);
		else if (got < 0)
			return columns_notnum(c, r, row, k, e);
	}
	return 0;
}

size_t
groups_count(const struct groups *g)
{
	return g->n;
}

struct group *
groups_at(const struct groups *g, size_t i)
{
	return g->all[i];
}

uint64_t
groups_rows(const struct groups *g)
{
	return g->rows;
}

uint64_t
groups_nox(const struct groups *g)
{
	return g->nox;
}

size_t
groups_bytes(const struct groups *g)
{
	return g->bytes;
}

void
groups_close(struct groups *g, int check)
{
	g->closed = 1;
	g->check = check;
}

int
groups_is_key(const struct groups *g, size_t col)
{
	size_t i;

	for (i = 0; i < g->nkeys; i++)
		if (g->keys[i] == col)
			return 1;
	return 0;
}
