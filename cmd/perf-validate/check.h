/* check.h - the list of checks perf-validate builds: each check's JSON
 * object (schemas/validation.schema.json#/$defs/check), the totals, the
 * success rate and the verdict, and the text form for a person. */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>
#include <jansson.h>

#include "fmt/junit.h"

enum check_status { CHECK_PASS, CHECK_WARN, CHECK_FAIL, CHECK_UNKNOWN,
	CHECK_NSTATUS };

struct checklist {
	json_t *arr;			/* the checks, in the order added */
	size_t count[CHECK_NSTATUS];
};

/* A check being filled: set the fields, then check_add. */
struct check {
	const char *name;	/* snake_case, unique per subject */
	const char *group;	/* timing, cpu, memory, noise, schema, statistics */
	enum check_status status;
	const char *subject;	/* "host", or the file (path:column) */
	json_t *measured;	/* stolen; NULL is null */
	json_t *expected;	/* stolen; from check_range or check_values */
	const char *unit;
	const char *hint;	/* NULL on pass; left out (null) on pass anyway */
	char detail[1024];
};

void checklist_init(struct checklist *l);
void checklist_free(struct checklist *l);
/* Starts a check: zeroes c and sets its name, group and subject. */
void check_begin(struct check *c, const char *name, const char *group,
    const char *subject);
/* Writes the detail as printf does (truncated to fit). */
void check_detail(struct check *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends the check to the list (taking its JSON values). */
void check_add(struct checklist *l, struct check *c);
/* {"min": lo, "max": hi}, NaN bounds null.  New reference. */
json_t *check_range(double lo, double hi);
/* {"values": [v]} for one accepted word.  New reference. */
json_t *check_word(const char *v);
/* The status of value against [lo, hi] for pass and [wlo, whi] for warn
 * (NaN: no bound); unknown when value is NaN. */
enum check_status check_grade(double v, double lo, double hi, double wlo,
    double whi);
const char *check_status_name(enum check_status s);
/* Adds totals, success_rate_pct and verdict to doc; returns the worst
 * decided status (CHECK_PASS when none warned or failed). */
enum check_status checklist_finish(const struct checklist *l, json_t *doc);
/* Writes doc's checks and verdict as aligned text (md: a Markdown table,
 * data escaped).  Returns 0 or -1 (with errno) on a write error. */
int check_text(const json_t *doc, FILE *fp, int md);
/* Adds a JUnit case per check of doc (classname "group.subject", name the
 * check's): failed at fail_on or worse, skipped when unknown. */
void check_junit(const json_t *doc, struct junit *j,
    enum check_status fail_on);

#endif
