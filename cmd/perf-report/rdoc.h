/* rdoc.h - the report as one JSON document (schemas/report.schema.json):
 * the summary, then the sections in the order a reader needs them (trust
 * first, then what is wrong, then the numbers).  The text, Markdown and
 * HTML reports are renderings of it. */
#ifndef RDOC_H
#define RDOC_H

#include <jansson.h>

#include "rdata.h"
#include "rinput.h"

/* What the report is made from.  The JSON documents are borrowed. */
struct rdoc_in {
	const struct rinput *in;	/* the inputs, in order */
	size_t nin;
	json_t *trends;		/* arrays of {"label": "perf-trend on a.csv",
				 * "sources": [input names], "doc": doc} */
	json_t *findings;
	json_t *validations;
	const struct rsamples *samples;	/* NULL without samples */
	const struct rruns *runs;	/* NULL without runs */
	const char *title;	/* NULL: derived from the inputs */
	double generated;	/* epoch s */
	json_t *options;	/* stolen */
};

/* Fills ri with what every report has (title, time and options left
 * unset: NULL, 0 and NULL). */
void rdoc_in_init(struct rdoc_in *ri, const struct rinput *in, size_t nin,
    json_t *trends, json_t *findings, json_t *validations,
    const struct rsamples *samples, const struct rruns *runs);
/* Builds the document, charts left empty (charts_draw fills them in).
 * Dies when memory runs out. */
json_t *rdoc_build(const struct rdoc_in *ri);
/* Formats an epoch time "2026-01-01 00:00:00" (UTC) into buf (32 bytes). */
char *rdoc_time(double t, char *buf, size_t len);

#endif
