/* rtext.c - text and Markdown renderings of the report document. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "rdoc.h"
#include "rtext.h"
#include "util/num.h"
#include "util/xalloc.h"

/* Columns of the first n bytes of s. */
static size_t
escape_width_n(const char *s, size_t n)
{
	size_t w = 0, i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

/* Bytes of the first cols columns of s. */
static size_t
escape_bytes(const char *s, size_t cols)
{
	size_t i = 0, c = 0;

	while (s[i] && c < cols) {
		i++;
		while (((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		c++;
	}
	return i;
}

const char *
rtext_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

char *
rtext_cell(const json_t *cell)
{
	char buf[NUM_BUFSZ];
	double v;

	if (json_is_string(cell))
		return escape_text(json_string_value(cell));
	if (!json_is_number(cell))
		return xstrdup("-");
	v = json_number_value(cell);
	if (v == floor(v) && fabs(v) < 1e12)
		return xasprintf("%.0f", v);
	return xstrdup(num_fmt_sig(buf, v, 4));
}

/* Writes s wrapped at RTEXT_WIDTH, the first line after first, the others
 * after indent (both already counted in the widths). */
static void
wrap(FILE *fp, const char *first, const char *indent, const char *s)
{
	size_t col, w, lim = RTEXT_WIDTH, iw = escape_width(indent);
	const char *p, *sp;
	int fresh = 1;		/* nothing written on this line yet */

	fputs(first, fp);
	col = escape_width(first);
	while (*s) {
		/* The next word. */
		for (p = s; *p == ' '; p++)
			;
		if (*p == '\0')
			break;
		for (sp = p; *sp && *sp != ' '; sp++)
			;
		w = escape_width_n(p, (size_t)(sp - p));
		if (!fresh && col + 1 + w > lim) {
			fprintf(fp, "\n%s", indent);
			col = iw;
			fresh = 1;
		} else if (!fresh) {
			fputc(' ', fp);
			col++;
		}
		/* A word longer than the line is cut. */
		while (col + w > lim && lim > col + 1) {
			size_t take = lim - col, bytes = escape_bytes(p, take);

			fwrite(p, 1, bytes, fp);
			p += bytes;
			w -= take;
			fprintf(fp, "\n%s", indent);
			col = iw;
		}
		fwrite(p, 1, (size_t)(sp - p), fp);
		col += w;
		fresh = 0;
		s = sp;
	}
	fputc('\n', fp);
}

/* The bytes of s's next line in a column w wide: all of it when it fits,
 * else up to its last space within w (when that keeps half the line),
 * else w columns of it. */
static size_t
piece(const char *s, size_t w)
{
	size_t n = escape_bytes(s, w > 0 ? w : 1), i;

	if (s[n] == '\0')
		return n;
	for (i = n; i > n / 2; i--)
		if (s[i] == ' ')
			return i;
	return n;
}

/* The narrowest a string column is wrapped to: the first column names
 * the row, so it keeps more; the rest go to further blocks. */
static size_t
minw(size_t j)
{
	return j == 0 ? 40 : 24;
}

/* Writes columns [0, lead) and [from, to) of a row, each cell wrapped in
 * its column's width, on as many lines as its tallest cell needs (the
 * text of a cell is never cut: two commands alike in their first 60
 * characters still read apart). */
static void
text_row(FILE *fp, char **cell, const size_t *w, const int *isnum,
    int header, size_t lead, size_t from, size_t to)
{
	const char **at = xcalloc(to + 1, sizeof *at);
	size_t j, n, cw, pad;
	int more;

	for (j = 0; j < to; j++)
		at[j] = cell[j];
	do {
		more = 0;
		/* Spaces are owed, and written only before text: no line
		 * ends in blanks. */
		pad = 0;
		for (j = 0; j < to; j = j + 1 == lead && from > lead ? from :
		    j + 1) {
			n = piece(at[j], w[j]);
			cw = escape_width_n(at[j], n);
			pad += 2 + (isnum[j] && !header ? w[j] - cw : 0);
			if (n > 0) {
				fprintf(fp, "%*s%.*s", (int)pad, "", (int)n, at[j]);
				pad = 0;
			}
			pad += isnum[j] && !header ? 0 : w[j] - cw;
			at[j] += n;
			if (*at[j] == ' ')
				at[j]++;	/* the space broken at */
			more |= *at[j] != '\0';
			if (j + 1 == lead && from >= to)
				break;
		}
		fputc('\n', fp);
	} while (more);
	free(at);
}

static void
text_table(const json_t *t, FILE *fp)
{
	const json_t *cols = json_object_get(t, "columns"), *rows =
	    json_object_get(t, "rows"), *r;
	size_t nc = json_array_size(cols), nr = json_array_size(rows), i, j,
	    total, *w, wide, first, last, lead;
	char ***cell, *title;
	int *isnum;

	w = xcalloc(nc, sizeof *w);
	isnum = xcalloc(nc, sizeof *isnum);
	cell = xcalloc(nr + 1, sizeof *cell);
	cell[0] = xcalloc(nc, sizeof **cell);
	for (j = 0; j < nc; j++) {
		cell[0][j] = escape_text(rtext_str(json_array_get(cols, j), "name"));
		isnum[j] = strcmp(rtext_str(json_array_get(cols, j), "type"),
		    "number") == 0;
	}
	for (i = 0; i < nr; i++) {
		r = json_array_get(rows, i);
		cell[i + 1] = xcalloc(nc, sizeof **cell);
		for (j = 0; j < nc; j++)
			cell[i + 1][j] = rtext_cell(json_array_get(r, j));
	}
	for (i = 0; i <= nr; i++)
		for (j = 0; j < nc; j++)
			if (escape_width(cell[i][j]) > w[j])
				w[j] = escape_width(cell[i][j]);
	/* Narrow the widest string column until the table fits in the
	 * width (two spaces of indent, two between columns). */
	for (;;) {
		total = 2;
		for (j = 0; j < nc; j++)
			total += w[j] + (j ? 2 : 0);
		if (total <= RTEXT_WIDTH)
			break;
		wide = nc;
		for (j = 0; j < nc; j++)
			if (!isnum[j] && w[j] > minw(j) && (wide == nc ||
			    w[j] - minw(j) > w[wide] - minw(wide)))
				wide = j;
		if (wide == nc)
			break;
		w[wide] -= total - RTEXT_WIDTH < w[wide] - minw(wide) ?
		    total - RTEXT_WIDTH : w[wide] - minw(wide);
	}
	title = escape_text(rtext_str(t, "title"));
	wrap(fp, "  ", "  ", title);
	free(title);
	/* Columns that still do not fit go into further blocks, each led
	 * again by the text columns that name a row (the first, and the
	 * second too when it is text: group and metric). */
	lead = nc > 2 && !isnum[1] ? 2 : 1;
	for (first = lead; first < nc || first == lead; first = last) {
		for (total = 0, j = 0; j < lead && j < nc; j++)
			total += 2 + w[j];
		for (last = first; last < nc && total + 2 + w[last] <=
		    RTEXT_WIDTH; last++)
			total += 2 + w[last];
		if (last == first && last < nc)
			last++;
		if (first > lead)
			fputc('\n', fp);
		for (i = 0; i <= nr; i++)
			text_row(fp, cell[i], w, isnum, i == 0, lead, first,
			    last);
		if (last >= nc)
			break;
	}
	for (i = 0; i <= nr; i++) {
		for (j = 0; j < nc; j++)
			free(cell[i][j]);
		free(cell[i]);
	}
	free(cell);
	free(w);
	free(isnum);
}

static void
text_heading(FILE *fp, const char *title, char under)
{
	char *t = escape_text(title);
	size_t i, n = escape_width(t);

	fprintf(fp, "%s\n", t);
	for (i = 0; i < n && i < RTEXT_WIDTH; i++)
		fputc(under, fp);
	fputc('\n', fp);
	free(t);
}

const json_t *
rtext_chart(const json_t *doc, const char *file)
{
	const json_t *c;
	size_t i;

	json_array_foreach(json_object_get(doc, "charts"), i, c)
		if (strcmp(rtext_str(c, "file"), file) == 0)
			return c;
	return NULL;
}

void
rtext_text(const json_t *doc, FILE *fp)
{
	const json_t *s, *v, *c;
	size_t i, j;
	char *t, *u, *made, a[32];

	text_heading(fp, rtext_str(doc, "title"), '=');
	made = xasprintf("made %s UTC from", rdoc_time(json_number_value(
	    json_object_get(doc, "generated")), a, sizeof a));
	json_array_foreach(json_object_get(doc, "inputs"), i, v) {
		t = escape_text(rtext_str(v, "path"));
		u = xasprintf("%s%s %s (%s)", made, i ? "," : "", t,
		    rtext_str(v, "format"));
		free(made);
		free(t);
		made = u;
	}
	wrap(fp, "", "  ", made);	/* many inputs: over 100 columns */
	free(made);
	fputc('\n', fp);
	text_heading(fp, "Summary", '-');
	json_array_foreach(json_object_get(json_object_get(doc, "summary"),
	    "lines"), i, v) {
		t = escape_text(json_string_value(v));
		wrap(fp, "  * ", "    ", t);
		free(t);
	}
	json_array_foreach(json_object_get(doc, "sections"), i, s) {
		fputc('\n', fp);
		text_heading(fp, rtext_str(s, "title"), '-');
		json_array_foreach(json_object_get(s, "lines"), j, v) {
			t = escape_text(json_string_value(v));
			wrap(fp, "  ", "      ", t);
			free(t);
		}
		json_array_foreach(json_object_get(s, "tables"), j, v) {
			fputc('\n', fp);
			text_table(v, fp);
		}
		if (json_array_size(json_object_get(s, "charts")))
			fputc('\n', fp);
		json_array_foreach(json_object_get(s, "charts"), j, v) {
			c = rtext_chart(doc, json_string_value(v));
			t = escape_text(c ? rtext_str(c, "shows") : "");
			a[0] = '\0';
			{
				char *first = xasprintf("  chart %s: ",
				    json_string_value(v));

				wrap(fp, first, "      ", t);
				free(first);
			}
			free(t);
		}
	}
}

/* ---- Markdown ---- */

static void
md_table(const json_t *t, FILE *fp)
{
	const json_t *cols = json_object_get(t, "columns"), *r, *x;
	size_t i, j, nc = json_array_size(cols);
	char *s;

	s = escape_md(rtext_str(t, "title"));
	fprintf(fp, "\n**%s**\n\n|", s);
	free(s);
	json_array_foreach(cols, j, x) {
		s = escape_md(rtext_str(x, "name"));
		fprintf(fp, " %s |", s);
		free(s);
	}
	fputs("\n|", fp);
	json_array_foreach(cols, j, x)
		fputs(strcmp(rtext_str(x, "type"), "number") == 0 ? "---:|" :
		    "---|", fp);
	fputc('\n', fp);
	json_array_foreach(json_object_get(t, "rows"), i, r) {
		fputc('|', fp);
		for (j = 0; j < nc; j++) {
			x = json_array_get(r, j);
			if (json_is_string(x))
				s = escape_md(json_string_value(x));
			else
				s = rtext_cell(x);
			fprintf(fp, " %s |", s);
			free(s);
		}
		fputc('\n', fp);
	}
}

void
rtext_md(const json_t *doc, FILE *fp)
{
	const json_t *s, *v, *c;
	size_t i, j;
	char *t, *u, a[32];

	t = escape_md(rtext_str(doc, "title"));
	fprintf(fp, "# %s\n\nMade %s UTC from", t, rdoc_time(
	    json_number_value(json_object_get(doc, "generated")), a,
	    sizeof a));
	free(t);
	json_array_foreach(json_object_get(doc, "inputs"), i, v) {
		t = escape_md(rtext_str(v, "path"));
		fprintf(fp, "%s %s (%s)", i ? "," : "", t, rtext_str(v, "format"));
		free(t);
	}
	fputs(".\n\n## Summary\n\n", fp);
	json_array_foreach(json_object_get(json_object_get(doc, "summary"),
	    "lines"), i, v) {
		t = escape_md(json_string_value(v));
		fprintf(fp, "- %s\n", t);
		free(t);
	}
	json_array_foreach(json_object_get(doc, "sections"), i, s) {
		t = escape_md(rtext_str(s, "title"));
		fprintf(fp, "\n## %s\n\n", t);
		free(t);
		json_array_foreach(json_object_get(s, "lines"), j, v) {
			t = escape_md(json_string_value(v));
			fprintf(fp, "- %s\n", t);
			free(t);
		}
		json_array_foreach(json_object_get(s, "tables"), j, v)
			md_table(v, fp);
		json_array_foreach(json_object_get(s, "charts"), j, v) {
			c = rtext_chart(doc, json_string_value(v));
			t = escape_md(c ? rtext_str(c, "shows") : "");
			/* File names are perf-report's own: [a-z0-9_.-]. */
			u = xstrdup(json_string_value(v));
			fprintf(fp, "\n![%s](%s)\n", t, u);
			free(t);
			free(u);
		}
	}
}
