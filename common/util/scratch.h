/* scratch.h - a scratch file: unlinked as soon as it is made, so that
 * nothing is left behind however the program ends; what does not fit in
 * memory waits there (perf-trend's rows and tables, perf-validate's
 * checks). */
#ifndef SCRATCH_H
#define SCRATCH_H

#include <stdio.h>

#include "perr.h"

/* A new empty file for writing and reading back ("w+"), in $TMPDIR (else
 * /tmp), named after prog.  NULL with "temporary file in DIR: reason" in
 * e. */
FILE *scratch_open(const char *prog, struct perr *e);

#endif
