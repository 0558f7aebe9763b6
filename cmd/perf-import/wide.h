/* wide.h - the wide table an import builds before it writes anything: one
 * row per observation, columns added as the input names them, every cell
 * unknown (NaN, an empty field) until set, so the output is written whole
 * or not at all. */
#ifndef WIDE_H
#define WIDE_H

#include <stddef.h>

#include "fmt/csvwrite.h"

enum { WIDE_NUM, WIDE_KEY, WIDE_HIDDEN };	/* kinds of column */

struct wide_col {
	char *name;
	int kind;	/* WIDE_NUM, WIDE_KEY (text), WIDE_HIDDEN (a number
			 * used to derive others, never written) */
	int dec;	/* decimals written */
	double *v;	/* v[row], NaN: unknown (WIDE_NUM, WIDE_HIDDEN) */
	char **s;	/* s[row], NULL: empty (WIDE_KEY) */
};

struct wide {
	struct wide_col *col;
	size_t ncols, colcap;
	size_t nrows, rowcap;
	/* the open-addressing indexes of column names and row keys */
	size_t *colidx, colhcap;
	char **rowkey;
	size_t *rowidx, rowhcap;
};

void wide_init(struct wide *w);
void wide_free(struct wide *w);
/* The column named name, added (empty in every row) if it is new with
 * kind and dec; an existing column keeps its own.  Returns its index. */
size_t wide_col(struct wide *w, const char *name, int kind, int dec);
/* Returns the index of the named column, or -1. */
long wide_find(const struct wide *w, const char *name);
/* The row whose key is key (a new one, empty, if none has it yet); key
 * NULL always adds a row.  Returns its index. */
size_t wide_row(struct wide *w, const char *key);
/* The cell of a numeric column, to read or set. */
double *wide_cell(struct wide *w, size_t row, size_t col);
/* Sets a text cell (a copy of s). */
void wide_setstr(struct wide *w, size_t row, size_t col, const char *s);
/* Whether any row has a value in the column. */
int wide_used(const struct wide *w, size_t col);
/* Writes the header and the rows: key columns always, numeric ones that
 * have a value in some row (hidden ones never).  Returns 0, or -1 on a write error. */
int wide_write(const struct wide *w, struct csvwrite *out);

#endif
