/* tableschema.h - a Frictionless Table Schema (schemas/NAME.schema.json
 * for CSV) loaded at run time: columns by name or by perfpipe's
 * x-fieldPatterns, their types (number, integer, boolean, string) and
 * constraints (required, minimum, maximum, enum, pattern). */
#ifndef TABLESCHEMA_H
#define TABLESCHEMA_H

#include <regex.h>
#include <stddef.h>

#include "util/perr.h"

struct tableschema_field {
	char *name;		/* the column, or NULL for a pattern */
	regex_t re;		/* the pattern, anchored (name NULL) */
	char type[16];		/* number, integer, boolean, string */
	enum { TS_STRING, TS_NUMBER, TS_INTEGER, TS_BOOLEAN } kind;
				/* type, decided once: checked per value */
	int required;
	double min, max;	/* NaN: no bound */
	char **enumv;		/* NULL-terminated, or NULL */
	int has_pattern;
	regex_t vpattern;	/* the value pattern */
};

struct tableschema {
	struct tableschema_field *f;
	size_t n;
};

/* Loads path.  Returns 0, or -1 with the reason in e. */
int tableschema_load(struct tableschema *s, const char *path, struct perr *e);
void tableschema_free(struct tableschema *s);
/* The field that describes the column name, or NULL. */
const struct tableschema_field *tableschema_find(const struct tableschema *s,
    const char *name);
/* Checks one value (len bytes; a csvread field, NUM_FIELD_PAD bytes
 * readable from v) of field f.  Returns NULL when it is
 * valid, else the kind of violation as a constant phrase ("not a number",
 * "below the minimum", ...). */
const char *tableschema_check(const struct tableschema_field *f,
    const char *v, size_t len);

#endif
