/* kinds.h - a file's violations of its schema or of its time order, by
 * kind ("column 'x' below the minimum"): the first few lines of each and
 * a count, for a check's detail. */
#ifndef KINDS_H
#define KINDS_H

#include <stddef.h>

#include "check.h"
#include "util/strtab.h"

enum { SHOW = 3 };	/* violations shown by file:line per kind */

/* Violations of one kind: the first SHOW lines and a count. */
struct kind {
	const char *what;	/* "column 'x' below the minimum" */
	long lines[SHOW];
	size_t count;
};

struct kinds {
	struct kind *k;
	struct strtab whats;	/* k[i].what is string i */
	size_t n;
};

/* Counts a violation of kind what (copied once) at line. */
void kinds_add(struct kinds *ks, const char *what, long line);
size_t kinds_total(const struct kinds *ks);
/* Appends "what: file:L, file:L, ... (N in all); ..." to c's detail. */
void kinds_detail(struct check *c, const struct kinds *ks, const char *file);
void kinds_free(struct kinds *ks);

#endif
