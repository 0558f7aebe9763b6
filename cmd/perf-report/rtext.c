/* rtext.c - text, Markdown and HTML renderings of the report document. */
#include <errno.h>
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

static const char *
str(const json_t *o, const char *key)
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
		cell[0][j] = escape_text(str(json_array_get(cols, j), "name"));
		isnum[j] = strcmp(str(json_array_get(cols, j), "type"),
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
	title = escape_text(str(t, "title"));
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

/* The chart entry named file. */
static const json_t *
chart(const json_t *doc, const char *file)
{
	const json_t *c;
	size_t i;

	json_array_foreach(json_object_get(doc, "charts"), i, c)
		if (strcmp(str(c, "file"), file) == 0)
			return c;
	return NULL;
}

void
rtext_text(const json_t *doc, FILE *fp)
{
	const json_t *s, *v, *c;
	size_t i, j;
	char *t, *u, *made, a[32];

	text_heading(fp, str(doc, "title"), '=');
	made = xasprintf("made %s UTC from", rdoc_time(json_number_value(
	    json_object_get(doc, "generated")), a, sizeof a));
	json_array_foreach(json_object_get(doc, "inputs"), i, v) {
		t = escape_text(str(v, "path"));
		u = xasprintf("%s%s %s (%s)", made, i ? "," : "", t,
		    str(v, "format"));
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
		text_heading(fp, str(s, "title"), '-');
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
			c = chart(doc, json_string_value(v));
			t = escape_text(c ? str(c, "shows") : "");
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

	s = escape_md(str(t, "title"));
	fprintf(fp, "\n**%s**\n\n|", s);
	free(s);
	json_array_foreach(cols, j, x) {
		s = escape_md(str(x, "name"));
		fprintf(fp, " %s |", s);
		free(s);
	}
	fputs("\n|", fp);
	json_array_foreach(cols, j, x)
		fputs(strcmp(str(x, "type"), "number") == 0 ? "---:|" :
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

	t = escape_md(str(doc, "title"));
	fprintf(fp, "# %s\n\nMade %s UTC from", t, rdoc_time(
	    json_number_value(json_object_get(doc, "generated")), a,
	    sizeof a));
	free(t);
	json_array_foreach(json_object_get(doc, "inputs"), i, v) {
		t = escape_md(str(v, "path"));
		fprintf(fp, "%s %s (%s)", i ? "," : "", t, str(v, "format"));
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
		t = escape_md(str(s, "title"));
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
			c = chart(doc, json_string_value(v));
			t = escape_md(c ? str(c, "shows") : "");
			/* File names are perf-report's own: [a-z0-9_.-]. */
			u = xstrdup(json_string_value(v));
			fprintf(fp, "\n![%s](%s)\n", t, u);
			free(t);
			free(u);
		}
	}
}

/* ---- HTML ---- */

static void
html_table(const json_t *t, FILE *fp)
{
	const json_t *cols = json_object_get(t, "columns"), *r, *x;
	size_t i, j, nc = json_array_size(cols);
	char *s;

	s = escape_html(str(t, "title"));
	fprintf(fp, "<table>\n<caption>%s</caption>\n<tr>", s);
	free(s);
	json_array_foreach(cols, j, x) {
		s = escape_html(str(x, "name"));
		fprintf(fp, "<th>%s</th>", s);
		free(s);
	}
	fputs("</tr>\n", fp);
	json_array_foreach(json_object_get(t, "rows"), i, r) {
		fputs("<tr>", fp);
		for (j = 0; j < nc; j++) {
			x = json_array_get(r, j);
			if (json_is_string(x))
				s = escape_html(json_string_value(x));
			else
				s = rtext_cell(x);
			fprintf(fp, "<td%s>%s</td>", json_is_string(x) ? "" :
			    " class=n", s);
			free(s);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n", fp);
}

/* Copies the SVG file's <svg> element into fp (its XML prolog and
 * doctype are not allowed inside HTML). */
/*
 * Writes gnuplot's SVG p as one of the page's charts: its ids made the
 * chart's own (gnuplot gives every chart "gnuplot_canvas" and
 * "gnuplot_plot_1", and ids repeated in one page are invalid), its
 * document title ("Gnuplot") the chart's, and the titles gnuplot gives
 * untitled plot elements (their plot command, "data index (i-1) ...",
 * shown as tooltips) left out.
 */
static void
tidy_svg(const char *p, const char *prefix, const char *title, FILE *fp)
{
	const char *e;
	int tag = 0;	/* inside <...>: an id there is an attribute, in
			 * text it is data */

	for (; *p; p++) {
		if (tag && strncmp(p, " id=\"", 5) == 0) {
			fprintf(fp, " id=\"%s-", prefix);
			p += 4;
			continue;
		}
		if (strncmp(p, "<title>Gnuplot</title>", 22) == 0) {
			fprintf(fp, "<title>%s</title>", title);
			p += 21;
			continue;
		}
		if ((strncmp(p, "<title>data ", 12) == 0 ||
		    strncmp(p, "<title>gnuplot_plot_", 20) == 0) &&
		    (e = strstr(p, "</title>")) != NULL) {
			p = e + 7;
			continue;
		}
		tag = *p == '<' ? 1 : *p == '>' ? 0 : tag;
		fputc(*p, fp);
	}
}

static int
inline_svg(const char *path, const char *prefix, const char *title,
    int interactive, FILE *fp)
{
	FILE *in;
	char *buf = NULL, *p;
	size_t cap = 0, n = 0, k;

	if ((in = fopen(path, "r")) == NULL)
		return -1;
	for (;;) {
		if (n + 65536 + 1 > cap) {
			cap = (n + 65536 + 1) * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		if ((k = fread(buf + n, 1, 65536, in)) == 0)
			break;
		n += k;
	}
	if (ferror(in)) {
		fclose(in);
		free(buf);
		return -1;
	}
	fclose(in);
	buf[n] = '\0';
	if ((p = strstr(buf, "<svg")) == NULL) {
		free(buf);
		errno = EINVAL;
		return -1;
	}
	if (interactive) {
		char *q = escape_srcdoc(p), *vb = strstr(p, "viewBox=\"");
		double w, h;

		/* Only the escaping of srcdoc's value: the SVG is gnuplot's,
		 * its text already escaped as XML.  The frame takes the
		 * chart's own shape (a panel per host makes it taller). */
		if (vb == NULL || sscanf(vb, "viewBox=\"%*f %*f %lf %lf", &w,
		    &h) != 2 || !(w > 0 && h > 0))
			w = 900, h = 480;
		fprintf(fp, "<iframe class=chart style=\"aspect-ratio:%.0f/%.0f\" "
		    "srcdoc=\"&lt;style&gt;body{margin:0}svg{display:block;"
		    "width:100%%;height:auto}&lt;/style&gt;%s\"></iframe>\n", w,
		    h, q);
		free(q);
	} else
		tidy_svg(p, prefix, title, fp);
	free(buf);
	return 0;
}

static const char css[] =
"body{font-family:sans-serif;max-width:70em;margin:1em auto;padding:0 1em;"
"color:#111}\n"
"table{border-collapse:collapse;margin:1em 0;font-size:90%;display:block;"
"overflow-x:auto;max-width:100%}\n"
"caption{text-align:left;font-weight:bold;padding:.3em 0}\n"
"th,td{border:1px solid #bbb;padding:.2em .5em;vertical-align:top}\n"
"td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
"figure{margin:1em 0}svg{max-width:100%;height:auto}\n"
"iframe.chart{width:100%;border:0}\n"
".summary{background:#f4f4f4;padding:.5em 1em;border-left:4px solid "
"#888}\n";

int
rtext_html(const json_t *doc, const char *chartdir, int interactive,
    FILE *fp, char *why, size_t whylen)
{
	const json_t *s, *v, *c;
	size_t i, j;
	char *t, *path, *title, *prefix, a[32];
	int rv;
	const char *f;

	t = escape_html(str(doc, "title"));
	fprintf(fp, "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta "
	    "charset=utf-8>\n<title>%s</title>\n<style>\n%s</style>\n", t,
	    css);
	fprintf(fp, "</head>\n<body>\n<h1>%s</h1>\n<p>Made %s UTC from", t,
	    rdoc_time(json_number_value(json_object_get(doc, "generated")), a,
	    sizeof a));
	free(t);
	json_array_foreach(json_object_get(doc, "inputs"), i, v) {
		t = escape_html(str(v, "path"));
		fprintf(fp, "%s <code>%s</code> (%s)", i ? "," : "", t,
		    str(v, "format"));
		free(t);
	}
	fputs(".</p>\n<div class=summary>\n<h2>Summary</h2>\n<ul>\n", fp);
	json_array_foreach(json_object_get(json_object_get(doc, "summary"),
	    "lines"), i, v) {
		t = escape_html(json_string_value(v));
		fprintf(fp, "<li>%s</li>\n", t);
		free(t);
	}
	fputs("</ul>\n</div>\n", fp);
	json_array_foreach(json_object_get(doc, "sections"), i, s) {
		t = escape_html(str(s, "title"));
		fprintf(fp, "<h2>%s</h2>\n", t);
		free(t);
		if (json_array_size(json_object_get(s, "lines")))
			fputs("<ul>\n", fp);
		json_array_foreach(json_object_get(s, "lines"), j, v) {
			t = escape_html(json_string_value(v));
			fprintf(fp, "<li>%s</li>\n", t);
			free(t);
		}
		if (json_array_size(json_object_get(s, "lines")))
			fputs("</ul>\n", fp);
		json_array_foreach(json_object_get(s, "charts"), j, v) {
			f = json_string_value(v);
			if (chartdir == NULL || strlen(f) < 4 ||
			    strcmp(f + strlen(f) - 4, ".svg") != 0)
				continue;
			c = chart(doc, f);
			t = escape_html(c ? str(c, "shows") : "");
			title = escape_html(c ? str(c, "title") : "");
			fprintf(fp, "<figure>\n");
			path = xasprintf("%s/%s", chartdir, f);
			prefix = xstrndup(f, strlen(f) - 4);	/* no .svg */
			rv = inline_svg(path, prefix, title, interactive, fp);
			free(prefix);
			free(title);
			if (rv != 0) {
				snprintf(why, whylen, "%s: %s", f,
				    strerror(errno));
				free(path);
				free(t);
				return -1;
			}
			free(path);
			fprintf(fp, "<figcaption>%s</figcaption>\n</figure>\n",
			    t);
			free(t);
		}
		json_array_foreach(json_object_get(s, "tables"), j, v)
			html_table(v, fp);
	}
	fputs("</body>\n</html>\n", fp);
	return 0;
}
