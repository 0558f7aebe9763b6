/* sadfimport.h - sysstat's sadf -d (semicolon CSV) and sadf -j (JSON) as
 * perfpipe samples: one row per host and time, perf-sample's column names
 * and units. */
#ifndef SADFIMPORT_H
#define SADFIMPORT_H

#include <jansson.h>
#include <stdio.h>

#include "import.h"
#include "util/perr.h"
#include "wide.h"

/*
 * Reads sadf -d output (any activities, several in one file, per-device
 * rows) from fp into w.  Fields perf-import knows but has no column for
 * are left out quietly (the man page lists them); fields it does not know
 * go to skipped.  Returns 0, or -1 with "FILE:LINE: why" in e: a line
 * cut short, a field count that differs from its header, a value that is
 * not a number, a time in local time, the same value given twice.
 */
int sadfimport_csv(FILE *fp, const struct import_opts *o, struct wide *w,
    struct import_skipped *skipped, struct perr *e);

/* The same for sadf -j's document; errors name the place in the document
 * ("FILE: hosts[0].statistics[3].memory.memfree: ..."), jansson giving no
 * lines for values. */
int sadfimport_json(const json_t *doc, const struct import_opts *o,
    struct wide *w, struct import_skipped *skipped, struct perr *e);

#endif
