/* outdir.h - a report directory written whole or not at all: built in a
 * temporary directory beside it, then swapped in by rename. */
#ifndef OUTDIR_H
#define OUTDIR_H

#include "util/perr.h"

/* Creates the temporary directory beside dir (in the same file system, so
 * the rename is atomic).  Refuses a dir that exists but is not a directory
 * or holds files and no report.txt (it is not a report to replace).
 * Returns the new directory's path (the caller frees it), or NULL. */
char *outdir_begin(const char *dir, struct perr *e);
/* Puts tmp in place of dir (an atomic exchange when dir exists), then
 * removes the previous report.  Returns 0, or -1 with tmp left alone. */
int outdir_commit(const char *tmp, const char *dir, struct perr *e);
/* Removes a directory tree (the temporary one, on failure). */
void outdir_remove(const char *path);
/* The same from a signal handler: async-signal-safe calls only. */
void outdir_remove_signal(const char *path);

#endif
