/* filecheck.h - checks of one perfpipe file: its format, its schema
 * (schemas/), its time series (order, duplicates, gaps, jitter) and, for
 * runs, the statistical adequacy of each group. */
#ifndef FILECHECK_H
#define FILECHECK_H

#include <jansson.h>

#include "check.h"

/*
 * Checks the file at path ("-" is standard input) with the schemas in
 * dir (NULL: found beside the program, argv0 its name) and adds the checks
 * to l.  Returns the input's description (path, format, rows), a new
 * reference.  A file that cannot be read ends the program with status 2;
 * a file that is not what it should be gives failing checks.
 */
json_t *filecheck_file(const char *path, const char *dir, const char *argv0,
    struct checklist *l);

#endif
