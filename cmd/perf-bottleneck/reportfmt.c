/* reportfmt.c - the findings document as text for a person, as Markdown
 * for a CI job summary, and as CSV rows for awk (one row per finding, the
 * columns of schemas/alerts.table without time, state and value). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt/csvwrite.h"
#include "fmt/markup.h"
#include "report.h"
#include "util/num.h"
#include "util/timeutil.h"

static const char *
str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static double
num(const json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_number(v) ? json_number_value(v) : NAN;
}

static void
upper(char *d, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n && s[i] != '\0'; i++)
		d[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
	d[i] = '\0';
}

/* One ranked group: "'comm' (pid 42) 61% (mean 99.1%)", or a cgroup's
 * path; the keys it has, in the order given. */
static void
ranked(FILE *fp, const json_t *o)
{
	const json_t *k = json_object_get(o, "keys"), *v;
	const char *name, *unit = str(o, "unit"), *sep = "";
	char b1[NUM_BUFSZ], b2[NUM_BUFSZ];

	if (json_is_string(json_object_get(k, "comm")) &&
	    json_is_string(json_object_get(k, "pid")))
		fprintf(fp, "'%s' (pid %s)", str(k, "comm"), str(k, "pid"));
	else
		json_object_foreach((json_t *)k, name, v) {
			fprintf(fp, "%s%s '%s'", sep, name, json_string_value(v));
			sep = " ";
		}
	fprintf(fp, " %s%%", num_fmt_sig(b1, num(o, "share_pct"), 3));
	if (strcmp(unit, "bytes") == 0)
		fprintf(fp, " (%s bytes)", num_fmt_sig(b2, num(o, "value"), 3));
	else if (strcmp(unit, "KiB") == 0)
		fprintf(fp, " (mean %s MiB)", num_fmt_sig(b2, num(o, "value") /
		    1024, 3));
	else
		fprintf(fp, " (mean %s%s)", num_fmt_sig(b2, num(o, "value"), 3),
		    unit);
}

/* "    LABEL: a 61% (...), b 20% (...)" for a ranked array. */
static void
ranking(FILE *fp, const char *label, const json_t *a)
{
	const json_t *o;
	size_t i;

	if (json_array_size(a) == 0)
		return;
	fprintf(fp, "    %s: ", label);
	json_array_foreach(a, i, o) {
		if (i > 0)
			fputs(", ", fp);
		ranked(fp, o);
	}
	fputc('\n', fp);
}

/* The document as GitHub Markdown: the totals, a table of findings per
 * host, the notes as a list; every word from the data escaped. */
static int
report_md(const json_t *doc, FILE *fp)
{
	const json_t *t = json_object_get(doc, "totals"), *h, *f, *ov;
	char b[4][NUM_BUFSZ], i1[32], i2[32];
	const char *cells[8];
	static const char *const head[8] = { "severity", "resource", "kind",
	    "metric", "from", "to", "evidence", "recommendation" };
	size_t i, j, n;

	ov = json_object_get(doc, "overall");
	fprintf(fp, "## perf-bottleneck\n\n%zu findings (%s critical, %s "
	    "warning, %s info); overall score %s (", json_array_size(
	    json_object_get(doc, "findings")), num_fmt(b[0], num(t,
	    "critical"), 0), num_fmt(b[1], num(t, "warning"), 0),
	    num_fmt(b[2], num(t, "info"), 0), num_fmt(b[3], num(ov, "score"),
	    0));
	markup_md(str(ov, "grade"), fp);
	fputs(")\n", fp);
	json_array_foreach(json_object_get(doc, "hosts"), i, h) {
		fputs("\n### host ", fp);
		markup_md(str(h, "host"), fp);
		fprintf(fp, ": score %s (", num_fmt(b[0], num(h, "score"), 0));
		markup_md(str(h, "grade"), fp);
		fprintf(fp, "), %s rows, %s to %s\n\n", num_fmt(b[1], num(h,
		    "rows"), 0), timeutil_iso(num(h, "start"), i1, sizeof i1),
		    timeutil_iso(num(h, "end"), i2, sizeof i2));
		if (json_is_string(json_object_get(h, "main_cause"))) {
			fputs("Main cause: ", fp);
			markup_md(str(h, "main_cause"), fp);
			fputs("\n\n", fp);
		}
		n = 0;
		json_array_foreach(json_object_get(doc, "findings"), j, f) {
			if (strcmp(str(f, "host"), str(h, "host")) != 0)
				continue;
			if (n++ == 0) {
				markup_md_row(fp, head, 8);
				markup_md_rule(fp, "llllllll", 8);
			}
			cells[0] = str(f, "severity");
			cells[1] = str(f, "resource");
			cells[2] = str(f, "kind");
			cells[3] = str(f, "metric");
			cells[4] = timeutil_iso(num(f, "start"), i1, sizeof i1);
			cells[5] = timeutil_iso(num(f, "end"), i2, sizeof i2);
			cells[6] = str(f, "evidence");
			cells[7] = str(f, "recommendation");
			markup_md_row(fp, cells, 8);
		}
		if (n == 0)
			fputs("No findings.\n", fp);
	}
	if (json_array_size(json_object_get(doc, "notes")) > 0)
		fputs("\nNotes:\n\n", fp);
	json_array_foreach(json_object_get(doc, "notes"), i, h) {
		fputs("- ", fp);
		markup_md(json_string_value(h), fp);
		putc('\n', fp);
	}
	return ferror(fp) ? -1 : 0;
}

int
report_text(const json_t *doc, FILE *fp, int md)
{
	const json_t *t = json_object_get(doc, "totals"), *h, *f, *ov;
	char b1[NUM_BUFSZ], b2[NUM_BUFSZ], b3[NUM_BUFSZ], i1[32], i2[32];
	char sev[16];
	size_t i, j;

	if (md)
		return report_md(doc, fp);
	ov = json_object_get(doc, "overall");
	fprintf(fp, "perf-bottleneck: %zu findings (%s critical, %s warning, "
	    "%s info); overall score %s (%s)\n",
	    json_array_size(json_object_get(doc, "findings")),
	    num_fmt(b1, num(t, "critical"), 0), num_fmt(b2, num(t, "warning"),
	    0), num_fmt(b3, num(t, "info"), 0), num_fmt(i1, num(ov, "score"), 0),
	    str(ov, "grade"));
	json_array_foreach(json_object_get(doc, "hosts"), i, h) {
		fprintf(fp, "\nhost '%s': score %s (%s), %s rows, %s to %s\n",
		    str(h, "host"), num_fmt(b1, num(h, "score"), 0),
		    str(h, "grade"), num_fmt(b2, num(h, "rows"), 0),
		    timeutil_iso(num(h, "start"), i1, sizeof i1),
		    timeutil_iso(num(h, "end"), i2, sizeof i2));
		if (json_is_string(json_object_get(h, "main_cause")))
			fprintf(fp, "  main cause: %s\n", str(h, "main_cause"));
		if (json_object_get(h, "top") != NULL)
			fputs("  top consumers over the whole input:\n", fp);
		ranking(fp, "cpu", json_object_get(json_object_get(h, "top"),
		    "cpu"));
		ranking(fp, "memory", json_object_get(json_object_get(h,
		    "top"), "memory"));
		ranking(fp, "disk", json_object_get(json_object_get(h, "top"),
		    "disk"));
		json_array_foreach(json_object_get(doc, "findings"), j, f) {
			if (strcmp(str(f, "host"), str(h, "host")) != 0)
				continue;
			upper(sev, str(f, "severity"), sizeof sev);
			fprintf(fp, "  %-8s %s %s  %s  %s to %s\n"
			    "    evidence: %s\n    recommendation: %s\n", sev,
			    str(f, "resource"), str(f, "kind"), str(f, "metric"),
			    timeutil_iso(num(f, "start"), i1, sizeof i1),
			    timeutil_iso(num(f, "end"), i2, sizeof i2),
			    str(f, "evidence"), str(f, "recommendation"));
			ranking(fp, "responsible", json_object_get(f,
			    "responsible"));
		}
	}
	if (json_array_size(json_object_get(doc, "notes")) > 0)
		fputs("\nnotes:\n", fp);
	json_array_foreach(json_object_get(doc, "notes"), i, h)
		fprintf(fp, "  %s\n", json_string_value(h));
	return ferror(fp) ? -1 : 0;
}

/* The CSV columns of a finding, as far as they are shared with alerts. */
void
reportfmt_csv_row(struct csvwrite *w, const json_t *f, const char *const *keys,
    size_t nkeys, int alert)
{
	const json_t *k = json_object_get(f, "keys");
	size_t i;

	if (alert) {
		csvwrite_num(w, num(f, "time"), 6);
		csvwrite_str(w, str(f, "state"));
	}
	csvwrite_str(w, str(f, "id"));
	csvwrite_str(w, str(f, "host"));
	for (i = 0; i < nkeys; i++)
		csvwrite_str(w, str(k, keys[i]));
	csvwrite_str(w, str(f, "resource"));
	csvwrite_str(w, str(f, "kind"));
	csvwrite_str(w, str(f, "metric"));
	csvwrite_str(w, str(f, "severity"));
	csvwrite_str(w, str(f, "direction"));
	csvwrite_num(w, num(f, "start"), 6);
	csvwrite_num(w, num(f, "end"), 6);
	csvwrite_num(w, num(f, "rows"), 0);
	csvwrite_num_sig(w, num(f, "peak"), 12);
	csvwrite_num_sig(w, num(f, "mean"), 12);
	csvwrite_num_sig(w, num(f, "threshold"), 12);
	if (alert)
		csvwrite_num_sig(w, num(f, "value"), 12);
	csvwrite_str(w, str(f, "evidence"));
	csvwrite_str(w, str(f, "recommendation"));
}

void
reportfmt_csv_header(struct csvwrite *w, const char *const *keys,
    size_t nkeys, int alert)
{
	static const char *const mid[] = { "resource", "kind", "metric",
	    "severity", "direction", "start", "end", "rows",
	    "peak", "mean", "threshold" };
	size_t i;

	if (alert) {
		csvwrite_str(w, "time");
		csvwrite_str(w, "state");
	}
	csvwrite_str(w, "id");
	csvwrite_str(w, "host");
	for (i = 0; i < nkeys; i++)
		csvwrite_str(w, keys[i]);
	for (i = 0; i < sizeof mid / sizeof mid[0]; i++)
		csvwrite_str(w, mid[i]);
	if (alert)
		csvwrite_str(w, "value");
	csvwrite_str(w, "evidence");
	csvwrite_str(w, "recommendation");
}

int
report_csv(const struct report *rp, const json_t *doc, FILE *fp)
{
	const char *const *keys = (const char *const *)rp->ev->l->keyname;
	size_t nkeys = rp->ev->l->nkeys, i;
	struct csvwrite w;
	json_t *f;

	csvwrite_init(&w, fp);
	reportfmt_csv_header(&w, keys, nkeys, 0);
	if (csvwrite_end(&w) < 0)
		return -1;
	json_array_foreach(json_object_get(doc, "findings"), i, f) {
		reportfmt_csv_row(&w, f, keys, nkeys, 0);
		if (csvwrite_end(&w) < 0)
			return -1;
	}
	return 0;
}
