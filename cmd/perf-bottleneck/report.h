/* report.h - the findings document (schemas/findings.schema.json) and its
 * text and CSV forms; one finding as an alert line (schemas/alerts). */
#ifndef REPORT_H
#define REPORT_H

#include <jansson.h>
#include <stdio.h>

#include "eval.h"
#include "series.h"

struct blame;
struct report {
	struct eval *ev;
	const struct rules *rs;
	struct notes *notes;
	json_t *inputs, *options;	/* made by the caller, borrowed */
	const struct blame *blame;	/* who findings are due to, or NULL */
	char **ids;			/* per finding */
	size_t *order;			/* findings in output order */
};

/* Sorts the findings, names them, fills their words, adds the notes on
 * gaps.  Free with report_free. */
void report_init(struct report *rp, struct eval *ev, const struct rules *rs,
    struct notes *notes, json_t *inputs, json_t *options);
void report_free(struct report *rp);
/* The id of a finding: host[/key...]/metric/start, blanks as '_'.  New
 * string. */
char *report_id(const struct eval *ev, const struct finding *f);

/* The whole document.  New reference.  *worst is set to the highest
 * severity found (SEV_NONE when none). */
json_t *report_json(struct report *rp, int *worst);
/* Writes the document's text (md: Markdown) or CSV form.  Returns 0, or
 * -1 when fp has an error. */
int report_text(const json_t *doc, FILE *fp, int md);
int report_csv(const struct report *rp, const json_t *doc, FILE *fp);

/* The CSV header and row of a finding (alert: with time, state, value),
 * the key columns named by keys. */
struct csvwrite;
void reportfmt_csv_header(struct csvwrite *w, const char *const *keys,
    size_t nkeys, int alert);
void reportfmt_csv_row(struct csvwrite *w, const json_t *f,
    const char *const *keys, size_t nkeys, int alert);

/* One finding as a JSON object (the findings' and alerts' common part). */
json_t *report_finding(const struct eval *ev, const struct finding *f,
    const char *id);

#endif
