/* rhtml.c - the report document as one self-contained HTML page: its
 * tables, and its charts inline as SVG (or, interactive, each in a frame
 * of its own with gnuplot's mouse script). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "rdoc.h"
#include "rhtml.h"
#include "rtext.h"
#include "util/xalloc.h"

static void
html_table(const json_t *t, FILE *fp)
{
	const json_t *cols = json_object_get(t, "columns"), *r, *x;
	size_t i, j, nc = json_array_size(cols);
	char *s;

	s = escape_html(rtext_str(t, "title"));
	fprintf(fp, "<table>\n<caption>%s</caption>\n<tr>", s);
	free(s);
	json_array_foreach(cols, j, x) {
		s = escape_html(rtext_str(x, "name"));
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
rhtml_write(const json_t *doc, const char *chartdir, int interactive,
    FILE *fp, char *why, size_t whylen)
{
	const json_t *s, *v, *c;
	size_t i, j;
	char *t, *path, *title, *prefix, a[32];
	int rv;
	const char *f;

	t = escape_html(rtext_str(doc, "title"));
	fprintf(fp, "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta "
	    "charset=utf-8>\n<title>%s</title>\n<style>\n%s</style>\n", t,
	    css);
	fprintf(fp, "</head>\n<body>\n<h1>%s</h1>\n<p>Made %s UTC from", t,
	    rdoc_time(json_number_value(json_object_get(doc, "generated")), a,
	    sizeof a));
	free(t);
	json_array_foreach(json_object_get(doc, "inputs"), i, v) {
		t = escape_html(rtext_str(v, "path"));
		fprintf(fp, "%s <code>%s</code> (%s)", i ? "," : "", t,
		    rtext_str(v, "format"));
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
		t = escape_html(rtext_str(s, "title"));
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
			c = rtext_chart(doc, f);
			t = escape_html(c ? rtext_str(c, "shows") : "");
			title = escape_html(c ? rtext_str(c, "title") : "");
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
