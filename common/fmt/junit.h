/* junit.h - JUnit XML for CI pages: a gate's checks as test cases (one
 * per comparison, rule, budget or validation check), written as one
 * <testsuites> document in the Ant/Jenkins form that GitLab, Jenkins and
 * GitHub's test reporters read.  Text from data goes through
 * markup_xml, so it never becomes markup or an invalid document. */
#ifndef JUNIT_H
#define JUNIT_H

#include <stddef.h>
#include <stdio.h>

#include "util/perr.h"

enum junit_status { JUNIT_PASS, JUNIT_FAILURE, JUNIT_ERROR, JUNIT_SKIPPED };

struct junit_case {
	char *classname, *name;	/* owned copies */
	enum junit_status status;
	char *type;		/* failure/error type, e.g. "regressed" */
	char *message;		/* one line: why it failed or was skipped */
	char *out;		/* more words, as <system-out>; may be NULL */
};

struct junit {
	char *suite;		/* the testsuite's name: the program */
	struct junit_case *c;
	size_t n, cap;
	size_t count[4];	/* per junit_status */
};

void junit_init(struct junit *j, const char *suite);
/* Adds a case; every string is copied, and type, message and out may be
 * NULL.  Dies only through xmalloc. */
void junit_add(struct junit *j, const char *classname, const char *name,
    enum junit_status status, const char *type, const char *message,
    const char *out);
/* Writes the whole document to fp.  Returns 0, or -1 when the stream has
 * an error (errno set). */
int junit_write(const struct junit *j, FILE *fp);
/* Replaces path whole with the document (util/atomicfile).  Returns 0, or
 * -1 with "path: reason" in e. */
int junit_save(const struct junit *j, const char *path, struct perr *e);
void junit_free(struct junit *j);

#endif
