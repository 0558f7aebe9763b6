/* import.h - what the importers share: the options from the command line,
 * and the names of input fields they left out, for one warning. */
#ifndef IMPORT_H
#define IMPORT_H

#include <stddef.h>

struct import_opts {
	const char *file;	/* the input's name in messages */
	const char *host;	/* --host, NULL: from the input (or empty) */
	double time;		/* --time, or the input's modification time;
				 * NaN: neither is known */
};

/* Names of input fields not imported, each once, in order of first
 * appearance. */
struct import_skipped {
	char **name;
	size_t n;
};

/* Adds name unless it is there already. */
void import_skip(struct import_skipped *s, const char *name);
/* Writes the names joined by ", " into a new string ("" for none). */
char *import_skipped_list(const struct import_skipped *s);
void import_skipped_free(struct import_skipped *s);

#endif
