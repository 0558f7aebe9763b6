/* texttable.c - aligned text tables and the notes under them, or the
 * same as GitHub-flavoured Markdown: the layout of perf-trend's text
 * (trendtext.c says what goes in them). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/markup.h"
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
	size_t r;

	for (r = 1; r < t->nrow; r++)
		if (strcmp(t->cell[r * t->ncol + c], same) != 0)
			return;
	t->hide[c] = t->nrow > 1;
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

/* Appends a row of n cells (each taken over). */
void
table_row(struct table *t, ...)
{
	va_list ap;
	size_t i;

	if ((t->nrow + 1) * t->ncol > t->cap) {
		t->cap = (t->nrow + 1) * t->ncol * 2;
		t->cell = xreallocarray(t->cell, t->cap, sizeof *t->cell);
	}
	va_start(ap, t);
	for (i = 0; i < t->ncol; i++)
		t->cell[t->nrow * t->ncol + i] = visible(va_arg(ap, char *));
	va_end(ap);
	t->nrow++;
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

/* The table in Markdown: the title (without its "# ") as a heading, the
 * cells escaped, the hidden columns left out. */
static int
print_md(struct table *t, const char *title, FILE *fp)
{
	const char **cells = xcalloc(t->ncol, sizeof *cells);
	char align[16];
	size_t r, c, n;

	fprintf(fp, "### %s\n\n", title + 2);
	for (r = 0; r < t->nrow; r++) {
		for (c = n = 0; c < t->ncol; c++)
			if (!t->hide[c]) {
				align[n] = c < t->nleft ? 'l' : 'r';
				cells[n++] = t->cell[r * t->ncol + c];
			}
		markup_md_row(fp, cells, n);
		if (r == 0)
			markup_md_rule(fp, align, n);
	}
	putc('\n', fp);
	for (r = 0; r < t->nrow * t->ncol; r++)
		free(t->cell[r]);
	free(t->cell);
	free(cells);
	memset(t, 0, sizeof *t);
	return ferror(fp) ? -1 : 0;
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

/* Cell (r, c) aligned in w columns: text left (unpadded when last), numbers
 * right. */
static void
cell(FILE *fp, const struct table *t, size_t w, size_t r, size_t c, int last)
{
	const char *s = t->cell[r * t->ncol + c];

	if (c < t->nleft && last)
		fputs(s, fp);
	else if (c < t->nleft)
		fprintf(fp, "%s%*s", s, (int)(w - width(s)), "");
	else
		fprintf(fp, "%*s%s", (int)(w - width(s)), "", s);
	if (!last)
		fputs("  ", fp);
}

/* Row r: the lead column (none: lead == ncol) and columns [c0, c1), the
 * hidden ones left out, after indent spaces. */
static void
line(FILE *fp, const struct table *t, const size_t *w, size_t r, size_t lead,
    size_t c0, size_t c1, int indent)
{
	size_t c, lastc = c1;

	while (lastc > c0 && t->hide[lastc - 1])
		lastc--;
	fprintf(fp, "%*s", indent, "");
	if (lead < t->ncol)
		cell(fp, t, w[lead], r, lead, lastc == c0);
	for (c = c0; c < lastc; c++)
		if (!t->hide[c])
			cell(fp, t, w[c], r, c, c == lastc - 1);
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

/*
 * The table under its title.  Wider than TEXT_WIDTH, a table led by a
 * group column gives each group a line of its own with its rows under it,
 * and the columns that still do not fit continue in further blocks, each
 * led again by the first column left.
 */
int
table_print(struct table *t, const char *title, FILE *fp)
{
	size_t *w, r, c, l, total = 0, lead, c0, c1, used;
	int grouped, indent;

	if (markdown)
		return print_md(t, title, fp);
	w = xcalloc(t->ncol, sizeof *w);
	for (r = 0; r < t->nrow; r++)
		for (c = 0; c < t->ncol; c++)
			if ((l = width(t->cell[r * t->ncol + c])) > w[c])
				w[c] = l;
	for (c = 0; c < t->ncol; c++)
		total += t->hide[c] ? 0 : w[c] + 2;
	fprintf(fp, "%s\n", title);
	if (total <= limit + 2 || t->ncol < 2) {
		for (r = 0; r < t->nrow; r++)
			line(fp, t, w, r, t->ncol, 0, t->ncol, 0);
	} else {
		grouped = t->nleft >= 2 && strcmp(t->cell[0], "group") == 0;
		lead = grouped ? 1 : 0;
		indent = grouped ? 2 : 0;
		for (c0 = lead + 1; c0 < t->ncol; c0 = c1) {
			/* As many columns as fit, at least one. */
			used = indent + w[lead];
			for (c1 = c0; c1 < t->ncol; c1++) {
				l = t->hide[c1] ? 0 : 2 + w[c1];
				if (c1 > c0 && used + l > limit)
					break;
				used += l;
			}
			if (c0 > lead + 1)
				putc('\n', fp);
			line(fp, t, w, 0, lead, c0, c1, indent);
			for (r = 1; r < t->nrow; r++) {
				if (grouped && (r == 1 || strcmp(t->cell[r *
				    t->ncol], t->cell[(r - 1) * t->ncol]) != 0))
					heading(fp, t->cell[r * t->ncol]);
				line(fp, t, w, r, lead, c0, c1, indent);
			}
		}
	}
	for (r = 0; r < t->nrow * t->ncol; r++)
		free(t->cell[r]);
	free(t->cell);
	free(w);
	memset(t, 0, sizeof *t);
	return ferror(fp) ? -1 : 0;
}

void
table_discard(struct table *t)
{
	size_t i;

	for (i = 0; i < t->nrow * t->ncol; i++)
		free(t->cell[i]);
	free(t->cell);
	memset(t, 0, sizeof *t);
}

/* Whether column c of t shows "-" in a row under the header: a "-" is
 * explained under the table. */
int
table_dashes(const struct table *t, size_t c)
{
	size_t r;

	for (r = 1; r < t->nrow; r++)
		if (strcmp(t->cell[r * t->ncol + c], "-") == 0)
			return 1;
	return 0;
}
