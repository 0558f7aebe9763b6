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

/* Checks held in memory; beyond, they wait in a scratch file (200,000
 * groups of runs made 1.6 million checks, gigabytes as jansson
 * objects). */
#define CHECKLIST_MEM 4096

struct checklist {
	json_t *arr;		/* the checks held, in the order added */
	json_t *last;		/* the last added (its fields can still
				 * change: checklist_last), held apart once
				 * the others go to file */
	FILE *file;		/* the checks before it, once over
				 * CHECKLIST_MEM; NULL: all held */
	int nofile;		/* none could be made: all held */
	int err;		/* the scratch file failed: errno */
	size_t count[CHECK_NSTATUS];
	char *line;		/* a record read back from the file */
	size_t linecap;
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
/* The check added last, whose detail may still be added to (borrowed);
 * NULL when none. */
json_t *checklist_last(struct checklist *l);
/* Makes the last check's status s, its hint hint, with the totals. */
void checklist_restatus(struct checklist *l, enum check_status s,
    const char *hint);
/*
 * Check i into *c (a new reference), for i = 0, 1, ... in order: 1, 0
 * after the last, or -1 when the scratch file fails (errno set).  The
 * form of jsonio_write_stream's elements: the list is read back from
 * its file, never held whole.
 */
int checklist_get(void *l, size_t i, json_t **c);
/* The string that stands in a document's "checks" for its checks: each
 * writer here and jsonio_write_stream put the list in its place. */
#define CHECKLIST_MARK "\x01checks\x01"
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
/* Writes l's checks and doc's verdict as aligned text (md: a Markdown
 * table, data escaped).  Returns 0 or -1 (with errno) on a write error. */
int check_text(const json_t *doc, struct checklist *l, FILE *fp, int md);
/* Adds a JUnit case per check of l (classname "group.subject", name the
 * check's): failed at fail_on or worse, skipped when unknown.  Returns 0,
 * or -1 when the scratch file fails (errno set). */
int check_junit(struct checklist *l, struct junit *j,
    enum check_status fail_on);

#endif
