/* promtext.c - the Prometheus text exposition format, grouped by family. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "promtext.h"

void
promtext_escape(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\\\", fp);
		else if (*s == '"')
			fputs("\\\"", fp);
		else if (*s == '\n')
			fputs("\\n", fp);
		else
			putc(*s, fp);
	}
}

/* A column's family as Prometheus names it: base units (seconds, bytes,
 * ratios), no abbreviations, counters ending in _total (so that PromQL's
 * rate() works on them), no _count on a gauge.  The rows' rates become
 * counters through their integrals (sampler_integrate). */
struct promname {
	char name[160];
	double scale;		/* multiplies the value */
	int counter;		/* from the row's tot, TYPE counter */
};

static const struct {
	const char *suffix;	/* of the CSV name */
	const char *becomes;
	double scale;
	int counter;
} units[] = {
	{ "_ms_per_s", "_seconds_total", 1e-3, 1 },
	{ "_s_per_s", "_seconds_total", 1, 1 },
	{ "_per_s", "_total", 1, 1 },
	{ "_pct", "_ratio", 1e-2, 0 },
	{ "_kib", "_bytes", 1024, 0 },
	{ "_ms", "_seconds", 1e-3, 0 },
	{ "_s", "_seconds", 1, 0 },
	{ "_count", "", 1, 0 },
};

void
promtext_name(const char *col, char *buf, size_t len, double *scale,
    int *counter)
{
	size_t n = strlen(col), m, i;

	*scale = 1, *counter = 0;
	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		m = strlen(units[i].suffix);
		if (n > m && strcmp(col + n - m, units[i].suffix) == 0)
			break;
	}
	if (i == sizeof units / sizeof units[0]) {
		snprintf(buf, len, "perfpipe_%s", col);
		return;
	}
	*scale = units[i].scale, *counter = units[i].counter;
	/* proc_count alone would be "perfpipe_proc", and a gauge may not
	 * end in _total, which says counter: procs_total_count. */
	if (strcmp(col, "proc_count") == 0)
		snprintf(buf, len, "perfpipe_proc_processes");
	else if (strcmp(col, "procs_total_count") == 0)
		snprintf(buf, len, "perfpipe_procs");
	else
		snprintf(buf, len, "perfpipe_%.*s%s", (int)(n - m), col,
		    units[i].becomes);
}

/* Whether column i's family already appeared in an earlier column. */
static int
seen(const struct sampler_row *r, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (strcmp(r->col[j].metric, r->col[i].metric) == 0)
			return 1;
	return 0;
}

int
promtext_write(FILE *fp, const struct sampler_row *const *rows, size_t nrows,
    const struct promtext_label *const *labels, size_t nlabels)
{
	const struct sampler_row *r0 = rows[0];
	char num[64], name[160];
	size_t i, j, k, l;
	double scale, v;
	int counter;

	for (i = 0; i < r0->ncols; i++) {
		if (seen(r0, i))
			continue;
		promtext_name(r0->col[i].metric, name, sizeof name, &scale,
		    &counter);
		fprintf(fp, "# HELP %s perf-sample column%s %s%s\n", name,
		    r0->col[i].pattern ? "s" : "",
		    r0->col[i].pattern ? r0->col[i].pattern : r0->col[i].name,
		    counter ? ", summed over the samples since perf-sample "
		    "started" : "");
		fprintf(fp, "# TYPE %s %s\n", name, counter ? "counter" :
		    "gauge");
		for (k = 0; k < nrows; k++) {
			for (j = i; j < r0->ncols; j++) {
				if (j != i && strcmp(r0->col[j].metric,
				    r0->col[i].metric) != 0)
					continue;
				v = counter ? (rows[k]->tot != NULL ?
				    rows[k]->tot[j] : NAN) : rows[k]->v[j];
				if (sampler_fmt(num, v * scale, counter ? 9 :
				    r0->col[j].dec + (scale < 1 ? 3 : 0)) == 0)
					continue;
				fputs(name, fp);
				putc('{', fp);
				for (l = 0; l < nlabels; l++) {
					fprintf(fp, "%s%s=\"", l ? "," : "",
					    labels[k][l].key);
					promtext_escape(fp, labels[k][l].val);
					putc('"', fp);
				}
				if (r0->col[j].lkey != NULL) {
					fprintf(fp, ",%s=\"", r0->col[j].lkey);
					promtext_escape(fp, r0->col[j].lval);
					putc('"', fp);
				}
				fprintf(fp, "} %s\n", num);
			}
		}
	}
	return ferror(fp) ? -1 : 0;
}
