/* trendtext.c - a trend document as aligned text tables (trendtext_write):
 * one table per section, text columns left-aligned, numbers right, four
 * significant digits, "-" for unknown; or the same tables and notes as
 * GitHub-flavoured Markdown for a CI job summary. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/markup.h"
#include "util/num.h"
#include "trendfmt.h"
#include "trendtext.h"
#include "util/xalloc.h"

/* Markdown rather than text, and the most columns a table takes: set by
 * trendtext_write for one document. */
static int markdown;
static size_t limit;

struct table {
	char **cell;	/* row-major, ncol per row */
	size_t ncol, nrow, cap;
	size_t nleft;	/* leading text columns, left-aligned */
	unsigned char hide[16];	/* columns left out (see quiet) */
};

/* Leaves column c out when every row under the header holds same: a
 * column that says nothing (no value missing, every quantile exact)
 * costs width that the 100 columns of a terminal do not have. */
static void
quiet(struct table *t, size_t c, const char *same)
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
static void
row(struct table *t, ...)
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
static void __attribute__((format(printf, 3, 4)))
textnote(FILE *fp, int blank, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		xoom();
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

#define TEXT_WIDTH 100	/* a terminal's: the default limit */

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
static int
print(struct table *t, const char *title, FILE *fp)
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

static const json_t *
get(const json_t *o, const char *path)
{
	char key[64];
	const char *dot;

	while (o && (dot = strchr(path, '.')) != NULL) {
		snprintf(key, sizeof key, "%.*s", (int)(dot - path), path);
		o = json_object_get(o, key);
		path = dot + 1;
	}
	return o ? json_object_get(o, path) : NULL;
}

/* Formats a number into buf: integers whole, others to 4 significant
 * digits, "-" when unknown. */
static const char *
fmt(char *buf, const json_t *v)
{
	if (json_is_integer(v))
		snprintf(buf, NUM_BUFSZ, "%lld", (long long)json_integer_value(v));
	else if (!json_is_number(v))
		strcpy(buf, "-");
	else
		num_fmt_sig(buf, json_number_value(v), 4);
	return buf;
}

static char *
num(const json_t *v)
{
	char buf[NUM_BUFSZ];

	return xstrdup(fmt(buf, v));
}

/* "[lo, hi]" of the interval object at path, or "-". */
static char *
ci(const json_t *o, const char *path)
{
	char a[NUM_BUFSZ], b[NUM_BUFSZ];
	const json_t *i = get(o, path);
	const json_t *lo = json_object_get(i, "lo");
	const json_t *hi = json_object_get(i, "hi");

	if (!json_is_number(lo) && !json_is_number(hi))
		return xstrdup("-");
	return xasprintf("[%s, %s]", fmt(a, lo), fmt(b, hi));
}

/* "MEDIAN n=N" of a sample object. */
static char *
sample(const json_t *o, const char *name)
{
	char a[NUM_BUFSZ], b[NUM_BUFSZ];
	const json_t *s = json_object_get(o, name);

	return xasprintf("%s n=%s", fmt(a, json_object_get(s, "median")),
	    fmt(b, json_object_get(s, "n")));
}

/* A signed percentage to one decimal: "+6.7%", "-0.0%"; "-" unknown. */
static char *
pct(const json_t *v)
{
	if (!json_is_number(v))
		return xstrdup("-");
	return xasprintf("%+.1f%%", json_number_value(v));
}

static void
discard(struct table *t)
{
	size_t i;

	for (i = 0; i < t->nrow * t->ncol; i++)
		free(t->cell[i]);
	free(t->cell);
	memset(t, 0, sizeof *t);
}

static char *
str(const json_t *v)
{
	return xstrdup(json_is_string(v) ? json_string_value(v) : "-");
}

/* "±2.1%": the half-width of an interval relative to its centre. */
static char *
pm(const json_t *m, const char *iv, const char *centre)
{
	const json_t *lo, *hi;
	double c = json_number_value(json_object_get(m, centre)), h;
	char buf[NUM_BUFSZ];

	hi = json_object_get(json_object_get(m, iv), "hi");
	lo = json_object_get(json_object_get(m, iv), "lo");
	if (!json_is_number(lo) || !json_is_number(hi) || c == 0)
		return xstrdup("-");
	h = (json_number_value(hi) - json_number_value(lo)) / 2;
	return xasprintf("±%s%%", num_fmt(buf, 100 * h / (c < 0 ? -c : c),
	    1));
}

/* The header of the mean interval column: "±95%" at the document's
 * confidence. */
static char *
conf(const json_t *doc)
{
	char buf[NUM_BUFSZ];
	const json_t *c = get(doc, "options.confidence");

	return xasprintf("±%s%%", json_is_number(c) ?
	    num_fmt(buf, json_number_value(c), 1) : "95");
}

/* A sketched metric's quantiles cell: "sketch" and the worst bound of
 * its median and p95 relative to the value shown ("sketch ±0.5%"), so
 * that a median the sketch can only place within 100% reads as such. */
static char *
sketched(const json_t *m)
{
	static const char *const q[] = { "median", "p95" };
	double r = 0, v, b;
	size_t i;

	for (i = 0; i < 2; i++) {
		v = fabs(json_number_value(get(m, q[i])));
		b = json_number_value(json_object_get(get(m, "error"), q[i]));
		if (!json_is_number(json_object_get(get(m, "error"), q[i])))
			return xstrdup("sketch ±?");
		r = fmax(r, v > 0 ? b / v : b > 0 ? INFINITY : 0);
	}
	if (r > 1)
		return xstrdup("sketch ±>100%");
	return xasprintf("sketch ±%.2g%%", 100 * r);
}

static void
describe(struct table *t, const char *label, const char *name,
    const json_t *m)
{
	const json_t *o = json_object_get(m, "outliers");
	long long mild = json_integer_value(json_object_get(o, "mild"));
	long long severe = json_integer_value(json_object_get(o, "severe"));

	row(t, xstrdup(label), xstrdup(name), num(get(m, "n")),
	    num(get(m, "missing")), num(get(m, "mean")),
	    pm(m, "mean_ci", "mean"), num(get(m, "sd")), num(get(m, "median")),
	    num(get(m, "p95")), num(get(m, "min")), num(get(m, "max")),
	    json_is_integer(json_object_get(o, "mild")) ?
	    xasprintf("%lld+%lld", mild, severe) : xstrdup("-"),
	    strcmp(json_string_value(get(m, "quantiles")), "exact") ?
	    sketched(m) : xstrdup("exact"));
}

/* The change points of every series that has some. */
/* A change point's p; at the floor of a permutation test (floor not
 * NULL) it is only a bound: "<=0.005"; followed by " n.s." when sig is
 * false (a PELT point its own test does not call significant). */
static char *
pval(const json_t *p, const json_t *floor, const json_t *sig)
{
	double v = json_number_value(get(p, "p"));
	char buf[NUM_BUFSZ], *s, *t;

	if (json_is_number(floor) && json_is_number(get(p, "p")) &&
	    v <= json_number_value(floor) * (1 + 1e-9))
		s = xasprintf("<=%s", fmt(buf, floor));
	else
		s = num(get(p, "p"));
	if (!json_is_false(sig))
		return s;
	t = xasprintf("%s n.s.", s);
	free(s);
	return t;
}

/* Whether column c of t shows "-" in a row under the header: a "-" is
 * explained under the table. */
static int
dashes(const struct table *t, size_t c)
{
	size_t r;

	for (r = 1; r < t->nrow; r++)
		if (strcmp(t->cell[r * t->ncol + c], "-") == 0)
			return 1;
	return 0;
}

/* The key columns of doc, "host, name, commit" (a static buffer). */
static const char *
keylist(const json_t *doc)
{
	static char buf[512];
	const json_t *k;
	size_t i, at = 0;

	buf[0] = '\0';
	json_array_foreach(json_object_get(json_object_get(doc, "columns"),
	    "key"), i, k)
		if (at < sizeof buf)
			at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s",
			    i ? ", " : "", json_string_value(k));
	return buf[0] ? buf : "none";
}

/* "; K more too short to test" (a static buffer). */
static const char *
shortnote(size_t shorts)
{
	static char buf[64];

	snprintf(buf, sizeof buf, "; %zu more too short to test", shorts);
	return buf;
}

/*
 * The labels given so far, a set: a text label leaves out the command a
 * name names, and two groups of one name and two commands would read the
 * same; the second is labelled whole.
 */
struct labels {
	char **slot;
	size_t n, cap;
};

static uint64_t
fnv(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Adds s (copied) to the set; returns 0 when it was there already. */
static int
labels_add(struct labels *ls, const char *s)
{
	size_t i, j, ncap;
	char **old;

	if (2 * (ls->n + 1) > ls->cap) {
		old = ls->slot;
		ncap = ls->cap ? 2 * ls->cap : 64;
		ls->slot = xcalloc(ncap, sizeof *ls->slot);
		for (i = 0; i < ls->cap; i++)
			if (old[i] != NULL) {
				for (j = fnv(old[i]) & (ncap - 1);
				    ls->slot[j] != NULL; j = (j + 1) & (ncap - 1))
					;
				ls->slot[j] = old[i];
			}
		free(old);
		ls->cap = ncap;
	}
	for (j = fnv(s) & (ls->cap - 1); ls->slot[j] != NULL;
	    j = (j + 1) & (ls->cap - 1))
		if (strcmp(ls->slot[j], s) == 0)
			return 0;
	ls->slot[j] = xstrdup(s);
	ls->n++;
	return 1;
}

static void
labels_free(struct labels *ls)
{
	size_t i;

	for (i = 0; i < ls->cap; i++)
		free(ls->slot[i]);
	free(ls->slot);
}

/*
 * What the groups give the text, gathered in one pass over them: each
 * group made, read and freed in turn (the tables keep their cells only;
 * 200,000 groups held as JSON took gigabytes).
 */
struct gathered {
	struct table desc, trend, cp;
	char **notes;		/* runs left out of a group's statistics */
	size_t nnotes;
	size_t flat, untested;	/* trends not shown */
	int anytrend, thinned;
	size_t series, groups, shorts, most;	/* change points tried */
	int anycp;
	struct labels seen;	/* the groups' labels so far */
};

/* A group's change points, and what was tried, into gt. */
static void
gather_changes(struct gathered *gt, const json_t *g, const char *label)
{
	static const char *const methods[] = { "edivisive", "pelt" };
	const json_t *m, *cp, *p;
	const char *name;
	size_t j, k, n;
	int tested = 0;

	json_object_foreach(json_object_get(g, "metrics"), name, m) {
		if ((cp = json_object_get(m, "changepoints")) == NULL)
			continue;
		gt->series++;
		tested = 1;
		/* Too short to split in two of min_size each. */
		n = (size_t)json_number_value(get(cp, "n"));
		gt->most = n > gt->most ? n : gt->most;
		gt->shorts += n < 2 * (size_t)json_number_value(get(cp,
		    "min_size"));
		for (k = 0; k < 2; k++)
			json_array_foreach(json_object_get(cp, methods[k]), j,
			    p) {
				gt->anycp = 1;
				row(&gt->cp, xstrdup(label), xstrdup(name),
				    xstrdup(methods[k]), num(get(p, "index")),
				    num(get(p, "x")), str(get(p, "label")),
				    num(get(p, "mean_before")),
				    num(get(p, "mean_after")),
				    num(get(p, "change_pct")), pval(p, k == 0 ?
				    get(cp, "p_min") : NULL, get(p,
				    "significant")));
			}
	}
	gt->groups += tested;
}

static void
print_changes(struct gathered *gt, const json_t *doc, FILE *fp, int *rv)
{
	if (!gt->anycp) {
		discard(&gt->cp);
		/* Asked for and none found: say so, and what was tested;
		 * when nothing could be, why, and what to do. */
		if (gt->series > 0 && gt->shorts == gt->series)
			textnote(fp, 1, "change points: none tested: each of "
			    "the %zu series has too few values (at most %zu); "
			    "the key columns (%s) may split a history into "
			    "groups of a few rows: --by with fewer keys joins "
			    "them", gt->series, gt->most, keylist(doc));
		else if (gt->series > 0)
			textnote(fp, 1, "change points: none found (E-divisive "
			    "and PELT, %zu series in %zu group%s%s)",
			    gt->series - gt->shorts, gt->groups,
			    gt->groups == 1 ? "" : "s",
			    gt->shorts ? shortnote(gt->shorts) : "");
		return;
	}
	quiet(&gt->cp, 5, "-");		/* label: no label column */
	putc('\n', fp);
	*rv |= print(&gt->cp, "# change points (index: first value after the "
	    "change, in row order; n.s.: not significant, Holm)", fp);
}

static void
complexity(const json_t *doc, FILE *fp, int *rv)
{
	struct table t = { 0 };
	const json_t *c, *note, *ru;
	size_t i;
	char *label, buf[NUM_BUFSZ], buf2[NUM_BUFSZ];

	if ((note = json_object_get(doc, "complexity_skipped")) != NULL) {
		putc('\n', fp);
		if (fprintf(fp, "# complexity: not fitted: %s\n",
		    json_string_value(note)) < 0)
			*rv = -1;
	}
	if (json_array_size(json_object_get(doc, "complexity")) == 0)
		return;
	t.ncol = 8;
	t.nleft = 3;
	row(&t, xstrdup("group"), xstrdup("metric"), xstrdup("best"),
	    xstrdup("param"), xstrdup("n"), xstrdup("coef"), xstrdup("nrms"),
	    xstrdup("r2"));
	json_array_foreach(json_object_get(doc, "complexity"), i, c)
		row(&t, trendfmt_label(c, 1), str(get(c, "metric")),
		    str(get(c, "best")), str(get(c, "param")), num(get(c, "n")),
		    num(get(c, "coef")), num(get(c, "nrms")), num(get(c, "r2")));
	putc('\n', fp);
	*rv |= print(&t, "# complexity (metric = coef * f(param), least "
	    "squares through the origin)", fp);
	/* Every "-" with its reason, every close call said. */
	json_array_foreach(json_object_get(doc, "complexity"), i, c) {
		note = json_object_get(c, "note");
		ru = json_object_get(c, "runner_up");
		if (!json_is_string(note) && !json_is_object(ru))
			continue;
		label = trendfmt_label(c, 1);
		if (json_is_string(note))
			textnote(fp, 0, "%s %s: no fit: %s", label,
			    json_string_value(json_object_get(c, "metric")),
			    json_string_value(note));
		else
			textnote(fp, 0, "%s %s: %s fits almost as well (nrms %s "
			    "against %s): the class is not certain", label,
			    json_string_value(json_object_get(c, "metric")),
			    json_string_value(json_object_get(ru, "class")),
			    fmt(buf, json_object_get(ru, "nrms")),
			    fmt(buf2, json_object_get(c, "nrms")));
		free(label);
	}
}

/* Runs left out of group g's statistics (label), to be said under the
 * table; NULL when none. */
static char *
excluded(const json_t *g, const char *label)
{
	const json_t *x = json_object_get(g, "excluded");
	json_int_t to, fail;

	if (x == NULL)
		return NULL;
	to = json_integer_value(json_object_get(x, "timed_out"));
	fail = json_integer_value(json_object_get(x, "failed"));
	return xasprintf("%s: left out of the statistics: %lld timed-out "
	    "run%s (censored: only a lower bound), %lld failed run%s%s", label,
	    (long long)to, to == 1 ? "" : "s", (long long)fail,
	    fail == 1 ? "" : "s", fail ? " (--include-failed keeps them)" : "");
}

/* The value of key k of an unmatched group u (host is beside keys). */
static const char *
keyval(const json_t *u, const char *k)
{
	const json_t *v = strcmp(k, "host") == 0 ? json_object_get(u, "host") :
	    json_object_get(json_object_get(u, "keys"), k);

	return json_is_string(v) ? json_string_value(v) : "";
}

/* Appends s to the list in buf (of size len), after sep unless first. */
static void
append(char *buf, size_t len, const char *sep, const char *s)
{
	size_t n = strlen(buf);

	snprintf(buf + n, len - n, "%s%s", n ? sep : "", s);
}

/*
 * Nothing compared, groups on both sides: the keys in which the first of
 * each side differ, and the --by that would match them (a key left in the
 * groups, such as name when commands are compared with -c command=A,B,
 * keeps the two sides apart).
 */
static void
match_hint(const json_t *doc, FILE *fp)
{
	const json_t *u, *b = NULL, *k = NULL, *key;
	char differ[512] = "", same[512] = "";
	const char *side, *name, *cmp;
	size_t i;

	json_array_foreach(json_object_get(doc, "unmatched"), i, u) {
		side = json_string_value(json_object_get(u, "only_in"));
		if (side && strcmp(side, "baseline") == 0 && b == NULL)
			b = u;
		else if (side && strcmp(side, "candidate") == 0 && k == NULL)
			k = u;
	}
	if (b == NULL || k == NULL)
		return;
	cmp = json_string_value(get(doc, "options.compare"));
	json_array_foreach(json_object_get(json_object_get(doc, "columns"),
	    "key"), i, key) {
		name = json_string_value(key);
		/* The column compared on is no key of the groups. */
		if (cmp && strncmp(cmp, name, strlen(name)) == 0 &&
		    cmp[strlen(name)] == '=')
			continue;
		if (strcmp(keyval(b, name), keyval(k, name)) != 0)
			append(differ, sizeof differ, ", ", name);
		else
			append(same, sizeof same, ",", name);
	}
	if (differ[0] == '\0')
		return;
	if (same[0] != '\0')
		textnote(fp, 0, "nothing compared: the two sides' groups differ "
		    "in %s; --by %s matches them", differ, same);
	else
		textnote(fp, 0, "nothing compared: the two sides' groups differ "
		    "in %s, every key", differ);
}

/* Group g's rows and notes into gt. */
static void
gather(struct gathered *gt, const json_t *g)
{
	const json_t *m, *x;
	const char *name, *dir;
	char *label = trendfmt_label(g, 1), *note;

	if (!labels_add(&gt->seen, label)) {
		free(label);
		label = trendfmt_label(g, 0);
	}

	json_object_foreach(json_object_get(g, "metrics"), name, m)
		describe(&gt->desc, label, name, m);
	if ((note = excluded(g, label)) != NULL) {
		gt->notes = xreallocarray(gt->notes, gt->nnotes + 1,
		    sizeof *gt->notes);
		gt->notes[gt->nnotes++] = note;
	}
	json_object_foreach(json_object_get(g, "metrics"), name, m) {
		if ((x = json_object_get(m, "trend")) == NULL)
			continue;
		dir = json_string_value(get(x, "direction"));
		if (get(x, "forecast") == NULL && dir == NULL) {
			gt->untested++;
			continue;
		}
		if (get(x, "forecast") == NULL && strcmp(dir, "flat") == 0) {
			gt->flat++;
			continue;
		}
		gt->anytrend = 1;
		gt->thinned |= json_is_false(get(x, "theil_sen.exact"));
		row(&gt->trend, xstrdup(label), xstrdup(name), str(get(x, "x")),
		    num(get(x, "ols.slope")), ci(x, "ols.slope_ci"),
		    num(get(x, "theil_sen.slope")), ci(x, "theil_sen.slope_ci"),
		    str(get(x, "direction")), str(get(x, "forecast.text")));
	}
	gather_changes(gt, g, label);
	free(label);
}

int
trendtext_write(const json_t *doc, const struct trendfmt_groups *gs,
    FILE *fp, int md, int wide)
{
	struct gathered gt;
	struct table t = { 0 };
	const json_t *c, *x;
	json_t *g;
	char *label, *prev;
	size_t i, j, nexact, napprox;
	int rv = 0, any, dash;

	markdown = md;
	limit = wide ? (size_t)-1 / 2 : TEXT_WIDTH;
	if (markdown)
		fputs("## perf-trend\n\n", fp);
	memset(&gt, 0, sizeof gt);
	gt.desc.ncol = 13;
	gt.desc.nleft = 2;
	row(&gt.desc, xstrdup("group"), xstrdup("metric"), xstrdup("n"),
	    xstrdup("missing"), xstrdup("mean"), conf(doc), xstrdup("sd"),
	    xstrdup("median"), xstrdup("p95"), xstrdup("min"), xstrdup("max"),
	    xstrdup("outliers"), xstrdup("quantiles"));
	gt.trend.ncol = 9;
	gt.trend.nleft = 3;
	row(&gt.trend, xstrdup("group"), xstrdup("metric"), xstrdup("x"),
	    xstrdup("ols_slope"), xstrdup("ols_ci"), xstrdup("theil_sen"),
	    xstrdup("ts_ci"), xstrdup("direction"), xstrdup("forecast"));
	gt.cp.ncol = 10;
	gt.cp.nleft = 3;
	row(&gt.cp, xstrdup("group"), xstrdup("metric"), xstrdup("method"),
	    xstrdup("index"), xstrdup("x"), xstrdup("label"), xstrdup("before"),
	    xstrdup("after"), xstrdup("change%"), xstrdup("p"));
	if (gs == NULL)		/* the document holds them */
		json_array_foreach(json_object_get(doc, "groups"), i, c)
			gather(&gt, c);
	for (i = 0; gs != NULL && i < gs->n; i++) {
		g = gs->make(gs->ctx, i);
		gather(&gt, g);
		json_decref(g);
	}

	quiet(&gt.desc, 3, "0");	/* missing */
	quiet(&gt.desc, 12, "exact");	/* quantiles */
	for (i = 4, dash = 0; i < 12; i++)
		dash |= dashes(&gt.desc, i);
	rv |= print(&gt.desc, gt.desc.hide[12] ? "# descriptive (quantiles "
	    "exact, R type 7; outliers Tukey mild+severe; p5, p99 in -f json "
	    "or csv)" : "# descriptive (quantiles R type 7, or sketched within "
	    "the bound shown; p5, p99, bounds in -f json)", fp);
	if (dash)
		textnote(fp, 0, "-: no value (n=0), or not defined (sd and "
		    "±95%% need 2 values, ±95%% a mean other than 0)");
	for (i = 0; i < gt.nnotes; i++) {
		textnote(fp, 0, "%s", gt.notes[i]);
		free(gt.notes[i]);
	}
	free(gt.notes);

	if (gt.anytrend) {
		quiet(&gt.trend, 8, "-");	/* forecast: none asked */
		putc('\n', fp);
		rv |= print(&gt.trend, "# trend (slope per unit of x; direction "
		    "only when significant)", fp);
		if (gt.thinned)
			textnote(fp, 0, "theil_sen: on series over 512 values, "
			    "fitted on every k-th value, an estimate (-f json "
			    "says which)");
	} else
		discard(&gt.trend);
	if (gt.flat)
		textnote(fp, !gt.anytrend, "%zu series with no significant trend",
		    gt.flat);
	if (gt.untested)
		textnote(fp, !(gt.anytrend || gt.flat), "%zu series too short to "
		    "test for a trend (fewer than 3 values with an x)",
		    gt.untested);

	labels_free(&gt.seen);
	print_changes(&gt, doc, fp, &rv);
	complexity(doc, fp, &rv);

	t.ncol = 8;
	t.nleft = 2;
	row(&t, xstrdup("group"), xstrdup("metric"), xstrdup("baseline"),
	    xstrdup("candidate"), xstrdup("change"), xstrdup("ratio_ci"),
	    xstrdup("p"), xstrdup("verdict"));
	any = 0;
	nexact = napprox = 0;
	json_array_foreach(json_object_get(doc, "comparisons"), j, c) {
		label = trendfmt_label(c, 1);
		any = 1;
		if (json_is_number(get(c, "mann_whitney.p")))
			json_is_true(get(c, "mann_whitney.exact")) ? nexact++ :
			    napprox++;
		row(&t, label, str(json_object_get(c, "metric")),
		    sample(c, "baseline"), sample(c, "candidate"),
		    pct(get(c, "change_pct")), ci(c, "ratio.ci"),
		    num(get(c, "mann_whitney.p_holm")),
		    str(get(c, "verdict")));
	}
	json_array_foreach(json_object_get(doc, "unmatched"), j, c) {
		label = trendfmt_label(c, 1);
		textnote(fp, j == 0, "not compared: %s only in the %s", label, json_string_value(json_object_get(c, "only_in")));
		free(label);
	}
	if (json_array_size(json_object_get(doc, "comparisons")) == 0)
		match_hint(doc, fp);
	if (!any)
		discard(&t);
	else {
		putc('\n', fp);
		dash = dashes(&t, 4) || dashes(&t, 5) || dashes(&t, 6);
		rv |= print(&t, "# comparison (medians; change % of baseline "
		    "median; p: Mann-Whitney, Holm-adjusted)", fp);
		if (dash)
			textnote(fp, 0, "change, ratio_ci, p: - where not "
			    "defined: constant samples, or a baseline median of "
			    "0 (the notes of -f json say which)");
		/* Which p-values are exact and which approximate. */
		if (nexact + napprox > 0)
			textnote(fp, 0, "p: %zu exact (no ties, n <= 50 a side), "
			    "%zu from the normal approximation with tie and "
			    "continuity corrections", nexact, napprox);
		/* Runs left out change what a comparison means: said under
		 * the table, once a group (a group's comparisons are one
		 * after the other), and the verdicts they made
		 * inconclusive, each. */
		prev = NULL;
		json_array_foreach(json_object_get(doc, "comparisons"), j, c) {
			label = trendfmt_label(c, 1);
			json_array_foreach(json_object_get(c, "notes"), i, x) {
				if (strncmp(json_string_value(x), "runs left out",
				    13) == 0 && (prev == NULL ||
				    strcmp(prev, label) != 0))
					textnote(fp, 0, "%s: %s", label,
					    json_string_value(x));
				/* Why a verdict is inconclusive, by metric. */
				if (strncmp(json_string_value(x), "inconclusive:",
				    13) == 0)
					textnote(fp, 0, "%s %s: %s", label,
					    json_string_value(json_object_get(c,
					    "metric")), json_string_value(x));
			}
			free(prev);
			prev = label;
		}
		free(prev);
	}
	return rv;
}
