/* atomicfile.h - files written whole or not at all: a temporary file in
 * the same directory, renamed over the target once complete. */
#ifndef ATOMICFILE_H
#define ATOMICFILE_H

#include <stdio.h>

#include "perr.h"

struct atomicfile {
	FILE *fp;	/* write the contents here */
	char *path;	/* the target */
	char *tmp;	/* the temporary file beside it */
};

/* Creates the temporary file.  Returns 0, or -1 with the reason in e.  A
 * path that exists and is not a regular file (a device, a FIFO) is opened
 * and written directly (tmp NULL), never replaced; a symbolic link to a
 * file has the file replaced, the link kept. */
int atomicfile_open(struct atomicfile *a, const char *path, struct perr *e);
/* Flushes, closes and renames the temporary file over the target; on any
 * error removes it and leaves the target as it was.  Returns 0 or -1. */
int atomicfile_commit(struct atomicfile *a, struct perr *e);
/* Removes the temporary file; the target is left as it was. */
void atomicfile_abort(struct atomicfile *a);

#endif
