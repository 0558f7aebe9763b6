/* promtext.c - the Prometheus text exposition format, grouped by family. */
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
	char num[64];
	size_t i, j, k, l;

	for (i = 0; i < r0->ncols; i++) {
		if (seen(r0, i))
			continue;
		fprintf(fp, "# HELP perfpipe_%s perf-sample column%s %s\n",
		    r0->col[i].metric, r0->col[i].pattern ? "s" : "",
		    r0->col[i].pattern ? r0->col[i].pattern : r0->col[i].name);
		fprintf(fp, "# TYPE perfpipe_%s gauge\n", r0->col[i].metric);
		for (k = 0; k < nrows; k++) {
			for (j = i; j < r0->ncols; j++) {
				if (j != i && strcmp(r0->col[j].metric,
				    r0->col[i].metric) != 0)
					continue;
				if (sampler_fmt(num, rows[k]->v[j],
				    r0->col[j].dec) == 0)
					continue;
				fprintf(fp, "perfpipe_%s{", r0->col[j].metric);
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
