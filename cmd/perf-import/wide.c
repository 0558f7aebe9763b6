/* wide.c - the wide table of an import: columns by name, rows by key,
 * every cell unknown until set. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/strtab.h"
#include "util/xalloc.h"
#include "wide.h"

#define NONE SIZE_MAX

void
wide_init(struct wide *w)
{
	memset(w, 0, sizeof *w);
}

void
wide_free(struct wide *w)
{
	size_t i, r;

	for (i = 0; i < w->ncols; i++) {
		free(w->col[i].name);
		free(w->col[i].v);
		if (w->col[i].s != NULL)
			for (r = 0; r < w->nrows; r++)
				free(w->col[i].s[r]);
		free(w->col[i].s);
	}
	for (r = 0; r < w->nrows; r++)
		free(w->rowkey[r]);
	free(w->rowkey);
	free(w->col);
	free(w->colidx);
	free(w->rowidx);
	memset(w, 0, sizeof *w);
}

/* FNV-1a: short keys, no adversary to speak of beyond slowness. */
static size_t
hash(const char *s)
{
	return (size_t)strtab_hash(s, strlen(s));
}

/* Rebuilds an index of n names (name(i)) with room for twice as many. */
static size_t *
rehash(size_t *cap, size_t n, const char *(*name)(const struct wide *, size_t),
    const struct wide *w)
{
	size_t *idx, i, j;

	*cap = *cap ? 2 * *cap : 64;
	idx = xreallocarray(NULL, *cap, sizeof *idx);
	for (i = 0; i < *cap; i++)
		idx[i] = NONE;
	for (i = 0; i < n; i++) {
		for (j = hash(name(w, i)) & (*cap - 1); idx[j] != NONE;
		    j = (j + 1) & (*cap - 1))
			;
		idx[j] = i;
	}
	return idx;
}

static const char *
colname(const struct wide *w, size_t i)
{
	return w->col[i].name;
}

static const char *
rowname(const struct wide *w, size_t i)
{
	return w->rowkey[i] != NULL ? w->rowkey[i] : "";
}

/* The slot of name in the index: its entry, or the empty slot for it. */
static size_t
slot(const size_t *idx, size_t cap, const char *name,
    const char *(*nm)(const struct wide *, size_t), const struct wide *w)
{
	size_t j;

	for (j = hash(name) & (cap - 1); idx[j] != NONE; j = (j + 1) & (cap - 1))
		if (strcmp(nm(w, idx[j]), name) == 0)
			break;
	return j;
}

long
wide_find(const struct wide *w, const char *name)
{
	size_t j;

	if (w->colhcap == 0)
		return -1;
	j = slot(w->colidx, w->colhcap, name, colname, w);
	return w->colidx[j] == NONE ? -1 : (long)w->colidx[j];
}

size_t
wide_col(struct wide *w, const char *name, int kind, int dec)
{
	struct wide_col *c;
	size_t j, r;

	if (2 * (w->ncols + 1) > w->colhcap) {
		free(w->colidx);
		w->colidx = rehash(&w->colhcap, w->ncols, colname, w);
	}
	j = slot(w->colidx, w->colhcap, name, colname, w);
	if (w->colidx[j] != NONE)
		return w->colidx[j];
	if (w->ncols == w->colcap) {
		w->colcap = w->colcap ? 2 * w->colcap : 64;
		w->col = xreallocarray(w->col, w->colcap, sizeof *w->col);
	}
	c = &w->col[w->ncols];
	memset(c, 0, sizeof *c);
	c->name = xstrdup(name);
	c->kind = kind;
	c->dec = dec;
	if (kind == WIDE_KEY) {
		c->s = xcalloc(w->rowcap ? w->rowcap : 1, sizeof *c->s);
	} else {
		c->v = xreallocarray(NULL, w->rowcap ? w->rowcap : 1,
		    sizeof *c->v);
		for (r = 0; r < w->rowcap; r++)
			c->v[r] = NAN;
	}
	w->colidx[j] = w->ncols;
	return w->ncols++;
}

/* Makes room for one more row in every column. */
static void
grow_rows(struct wide *w)
{
	size_t i, r, old = w->rowcap;
	struct wide_col *c;

	if (w->nrows < w->rowcap)
		return;
	w->rowcap = w->rowcap ? 2 * w->rowcap : 256;
	w->rowkey = xreallocarray(w->rowkey, w->rowcap, sizeof *w->rowkey);
	for (i = 0; i < w->ncols; i++) {
		c = &w->col[i];
		if (c->kind == WIDE_KEY) {
			c->s = xreallocarray(c->s, w->rowcap, sizeof *c->s);
			for (r = old; r < w->rowcap; r++)
				c->s[r] = NULL;
		} else {
			c->v = xreallocarray(c->v, w->rowcap, sizeof *c->v);
			for (r = old; r < w->rowcap; r++)
				c->v[r] = NAN;
		}
	}
}

size_t
wide_row(struct wide *w, const char *key)
{
	size_t j = 0;

	if (key != NULL) {
		if (2 * (w->nrows + 1) > w->rowhcap) {
			free(w->rowidx);
			w->rowidx = rehash(&w->rowhcap, w->nrows, rowname, w);
		}
		j = slot(w->rowidx, w->rowhcap, key, rowname, w);
		if (w->rowidx[j] != NONE)
			return w->rowidx[j];
	}
	grow_rows(w);
	w->rowkey[w->nrows] = key != NULL ? xstrdup(key) : NULL;
	if (key != NULL)
		w->rowidx[j] = w->nrows;
	return w->nrows++;
}

double *
wide_cell(struct wide *w, size_t row, size_t col)
{
	return &w->col[col].v[row];
}

void
wide_setstr(struct wide *w, size_t row, size_t col, const char *s)
{
	free(w->col[col].s[row]);
	w->col[col].s[row] = xstrdup(s);
}

int
wide_used(const struct wide *w, size_t col)
{
	const struct wide_col *c = &w->col[col];
	size_t r;

	for (r = 0; r < w->nrows; r++)
		if (c->kind == WIDE_KEY ? c->s[r] != NULL : !isnan(c->v[r]))
			return 1;
	return 0;
}

int
wide_write(const struct wide *w, struct csvwrite *out)
{
	unsigned char *keep = xcalloc(w->ncols + 1, 1);
	const struct wide_col *c;
	size_t i, r;
	int rv = 0;

	for (i = 0; i < w->ncols; i++)
		keep[i] = w->col[i].kind == WIDE_KEY ||
		    (w->col[i].kind == WIDE_NUM && wide_used(w, i));
	for (i = 0; i < w->ncols; i++)
		if (keep[i])
			csvwrite_str(out, w->col[i].name);
	if (csvwrite_end(out) < 0)
		rv = -1;
	for (r = 0; r < w->nrows && rv == 0; r++) {
		for (i = 0; i < w->ncols; i++) {
			c = &w->col[i];
			if (!keep[i])
				continue;
			if (c->kind == WIDE_KEY)
				csvwrite_str(out, c->s[r] != NULL ? c->s[r] : "");
			else
				csvwrite_num(out, c->v[r], c->dec);
		}
		if (csvwrite_end(out) < 0)
			rv = -1;
	}
	free(keep);
	return rv;
}
