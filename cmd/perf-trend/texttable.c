/* texttable.c - aligned text tables and the notes under them, or the
 * same as GitHub-flavoured Markdown: the layout of perf-trend's text
 * (trendtext.c says what goes in them). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/markup.h"
#include "spill.h"
#include "texttable.h"
#include "util/xalloc.h"

#define TEXT_WIDTH 100	/* a terminal's: the default limit */

/* Markdown rather than text, and the most columns a table takes: set by
 * table_mode for one document. */
static int markdown;
static size_t limit;

void
table_mode(int md, int wide)
{
	markdown = md;
	limit = wide ? (size_t)-1 / 2 : TEXT_WIDTH;
}

/* Leaves column c out when every row under the header holds same: a
 * column that says nothing (no value missing, every quantile exact)
 * costs width that the 100 columns of a terminal do not have. */
void
table_quiet(struct table *t, size_t c, const char *same)
{
	t->hide[c] = t->nrow > 1 && t->same[c] && strcmp(t->first[c], same) == 0;
}

/* Cell s (taken over) as text shows it: a control character from the
 * data (a tab, an escape sequence, a newline in a key) made visible, so
 * that it neither reaches the terminal nor ends a row.  Markdown makes
 * them spaces itself. */
static char *
visible(char *s)
{
	const unsigned char *p;
	char *v;

	if (markdown)
		return s;
	for (p = (const unsigned char *)s; *p && *p >= 0x20 && *p != 0x7f;
	    p++)
		;
	if (*p == '\0')
		return s;
	v = markup_text(s);
	free(s);
	return v;
}

/* Display width of UTF-8 text: one column per character. */
static size_t
width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

/* Row r's cells, written to the temporary file and freed. */
static void
to_file(struct table *t, char **cells)
{
	struct csvread_row row;
	size_t len[TABLE_MAXCOL], i;

	for (i = 0; i < t->ncol; i++)
		len[i] = strlen(cells[i]);
	row.f = cells;
	row.len = len;
	row.line = 0;
	row.src = 0;
	row.file = NULL;
	if (spill_put(t->sp, &row, NULL) < 0)
		t->err = 1;
	for (i = 0; i < t->ncol; i++)
		free(cells[i]);
}

/* Over TABLE_MEMROWS rows: the rows under the header to a temporary
 * file, and every later one as it comes.  Without one, they stay. */
static void
to_spill(struct table *t)
{
	size_t r;

	if (t->nospill || (t->sp = spill_open(t->ncol, NULL)) == NULL) {
		t->nospill = 1;
		return;
	}
	for (r = 1; r < t->nrow; r++)
		to_file(t, t->cell + r * t->ncol);
	t->cap = t->ncol;
	t->cell = xreallocarray(t->cell, t->cap, sizeof *t->cell);
}

/* Appends a row of n cells (each taken over). */
void
table_row(struct table *t, ...)
{
	char *cells[TABLE_MAXCOL];
	va_list ap;
	size_t i, l;

	va_start(ap, t);
	for (i = 0; i < t->ncol; i++) {
		cells[i] = visible(va_arg(ap, char *));
		if ((l = width(cells[i])) > t->w[i])
			t->w[i] = l;
		if (t->nrow == 1) {
			t->first[i] = xstrdup(cells[i]);
			t->same[i] = 1;
		} else if (t->nrow > 1 && strcmp(cells[i], t->first[i]) != 0)
			t->same[i] = 0;
		if (t->nrow > 0 && strcmp(cells[i], "-") == 0)
			t->dash[i] = 1;
	}
	va_end(ap);
	if (t->sp) {
		to_file(t, cells);
		t->nrow++;
		return;
	}
	if ((t->nrow + 1) * t->ncol > t->cap) {
		t->cap = (t->nrow + 1) * t->ncol * 2;
		t->cell = xreallocarray(t->cell, t->cap, sizeof *t->cell);
	}
	memcpy(t->cell + t->nrow * t->ncol, cells, t->ncol * sizeof *cells);
	t->nrow++;
	if (t->nrow > TABLE_MEMROWS)
		to_spill(t);
}

/* Reading a table's rows, the header first, from memory or its file. */
struct rows {
	struct table *t;
	size_t r;
	struct csvread_row sr;
};

static void
rows_begin(struct rows *it, struct table *t)
{
	it->t = t;
	it->r = 0;
	if (t->sp && spill_rewind(t->sp, NULL) < 0)
		t->err = 1;
}

/* The next row's cells, or NULL after the last (or when the file
 * fails: t->err). */
static char **
rows_next(struct rows *it)
{
	struct table *t = it->t;
	size_t r = it->r;

	if (r >= t->nrow || t->err)
		return NULL;
	it->r++;
	if (r == 0 || t->sp == NULL)
		return t->cell + r * t->ncol;
	if (spill_get(t->sp, &it->sr, NULL) <= 0) {
		t->err = 1;
		return NULL;
	}
	return it->sr.f;
}

/* Frees what the table holds and empties it; returns -1 (errno set) when
 * its file failed, else 0. */
static int
empty(struct table *t)
{
	size_t i, n = t->sp ? t->ncol : t->nrow * t->ncol;
	int err = t->err;

	for (i = 0; i < n; i++)
		free(t->cell[i]);
	for (i = 0; i < TABLE_MAXCOL; i++)
		free(t->first[i]);
	free(t->cell);
	spill_close(t->sp);
	memset(t, 0, sizeof *t);
	if (err)
		errno = EIO;
	return err ? -1 : 0;
}

/* The table in Markdown: the title (without its "# ") as a heading, the
 * cells escaped, the hidden columns left out. */
static int
print_md(struct table *t, const char *title, FILE *fp)
{
	const char *cells[TABLE_MAXCOL];
	char align[TABLE_MAXCOL], **row;
	struct rows it;
	size_t r, c, n;

	fprintf(fp, "### %s\n\n", title + 2);
	rows_begin(&it, t);
	for (r = 0; (row = rows_next(&it)) != NULL; r++) {
		for (c = n = 0; c < t->ncol; c++)
			if (!t->hide[c]) {
				align[n] = c < t->nleft ? 'l' : 'r';
				cells[n++] = row[c];
			}
		markup_md_row(fp, cells, n);
		if (r == 0)
			markup_md_rule(fp, align, n);
	}
	putc('\n', fp);
	return empty(t) < 0 || ferror(fp) ? -1 : 0;
}

/* A line under a table, "# " and the words in text; in Markdown a list
 * item, the words escaped (they hold group labels and metric names).
 * blank: a blank line first. */
void
table_note(FILE *fp, int blank, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	if (blank)
		putc('\n', fp);
	if (markdown) {
		fputs("- ", fp);
		markup_md(s, fp);
		putc('\n', fp);
	} else {
		s = visible(s);
		fprintf(fp, "# %s\n", s);
	}
	free(s);
}

/* Cell c of a row aligned in w columns: text left (unpadded when last),
 * numbers right. */
static void
cell(FILE *fp, const struct table *t, size_t w, char **row, size_t c, int last)
{
	const char *s = row[c];

	if (c < t->nleft && last)
		fputs(s, fp);
	else if (c < t->nleft)
		fprintf(fp, "%s%*s", s, (int)(w - width(s)), "");
	else
		fprintf(fp, "%*s%s", (int)(w - width(s)), "", s);
	if (!last)
		fputs("  ", fp);
}

/* A row: the lead column (none: lead == ncol) and columns [c0, c1), the
 * hidden ones left out, after indent spaces. */
static void
line(FILE *fp, const struct table *t, char **row, size_t lead, size_t c0,
    size_t c1, int indent)
{
	size_t c, lastc = c1;

	while (lastc > c0 && t->hide[lastc - 1])
		lastc--;
	fprintf(fp, "%*s", indent, "");
	if (lead < t->ncol)
		cell(fp, t, t->w[lead], row, lead, lastc == c0);
	for (c = c0; c < lastc; c++)
		if (!t->hide[c])
			cell(fp, t, t->w[c], row, c, c == lastc - 1);
	putc('\n', fp);
}

/* A group's line over its rows, within the limit: broken after a ';'
 * between keys (else a space, else anywhere), the rest indented by four,
 * deeper than a row. */
static void
heading(FILE *fp, const char *s)
{
	size_t room = limit, n, cut, i;

	for (;;) {
		if (width(s) <= room) {
			fprintf(fp, "%s\n", s);
			return;
		}
		/* The bytes of the first room columns. */
		for (i = 0, cut = 0; s[i] && cut < room; i++)
			cut += ((unsigned char)s[i] & 0xC0) != 0x80;
		while (s[i] && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		n = i;
		for (cut = n; cut > n / 2 && s[cut - 1] != ';'; cut--)
			;
		if (cut <= n / 2)
			for (cut = n; cut > n / 2 && s[cut - 1] != ' '; cut--)
				;
		if (cut <= n / 2)
			cut = n;
		fprintf(fp, "%.*s\n    ", (int)cut, s);
		s += cut;
		room = limit > 4 ? limit - 4 : 1;
	}
}

/* Columns c0 .. c1 - 1 of every row, each group's rows under a line of
 * their own when grouped. */
static void
block(FILE *fp, struct table *t, size_t lead, size_t c0, size_t c1,
    int grouped, int indent)
{
	struct rows it;
	char **row, *prev = NULL;

	rows_begin(&it, t);
	if ((row = rows_next(&it)) == NULL)
		return;
	line(fp, t, row, lead, c0, c1, indent);
	while ((row = rows_next(&it)) != NULL) {
		if (grouped && (prev == NULL || strcmp(row[0], prev) != 0)) {
			heading(fp, row[0]);
			free(prev);
			prev = xstrdup(row[0]);
		}
		line(fp, t, row, lead, c0, c1, indent);
	}
	free(prev);
}

/*
 * The table under its title.  Wider than TEXT_WIDTH, a table led by a
 * group column gives each group a line of its own with its rows under it,
 * and the columns that still do not fit continue in further blocks, each
 * led again by the first column left.
 */
int
table_print(struct table *t, const char *title, FILE *fp)
{
	size_t c, l, total = 0, lead, c0, c1, used;
	int grouped, indent;

	if (markdown)
		return print_md(t, title, fp);
	for (c = 0; c < t->ncol; c++)
		total += t->hide[c] ? 0 : t->w[c] + 2;
	fprintf(fp, "%s\n", title);
	if (total <= limit + 2 || t->ncol < 2)
		block(fp, t, t->ncol, 0, t->ncol, 0, 0);
	else {
		grouped = t->nleft >= 2 && strcmp(t->cell[0], "group") == 0;
		lead = grouped ? 1 : 0;
		indent = grouped ? 2 : 0;
		for (c0 = lead + 1; c0 < t->ncol; c0 = c1) {
			/* As many columns as fit, at least one. */
			used = indent + t->w[lead];
			for (c1 = c0; c1 < t->ncol; c1++) {
				l = t->hide[c1] ? 0 : 2 + t->w[c1];
				if (c1 > c0 && used + l > limit)
					break;
				used += l;
			}
			if (c0 > lead + 1)
				putc('\n', fp);
			block(fp, t, lead, c0, c1, grouped, indent);
		}
	}
	return empty(t) < 0 || ferror(fp) ? -1 : 0;
}

void
table_discard(struct table *t)
{
	empty(t);
}

/* Whether column c of t shows "-" in a row under the header: a "-" is
 * explained under the table. */
int
table_dashes(const struct table *t, size_t c)
{
	return t->dash[c];
}
