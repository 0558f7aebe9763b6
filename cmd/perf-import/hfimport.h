/* hfimport.h - hyperfine's --export-json as perfpipe runs (one row per
 * run), and why its --export-csv cannot be. */
#ifndef HFIMPORT_H
#define HFIMPORT_H

#include <jansson.h>

#include "import.h"
#include "util/perr.h"
#include "wide.h"

/*
 * Fills w with a runs row per element of each result's "times": name and
 * command from "command", param_NAME from "parameters", exit_status from
 * "exit_codes", max_rss_kib from "memory_usage_byte" (newer hyperfine),
 * measured_by "hyperfine", timed_out false, time o->time.  Keys it does
 * not know go to skipped.  Returns 0, or -1 with "FILE: results[I].KEY:
 * why" in e for anything that is not what hyperfine writes (arrays of
 * different lengths, a mean that is not the mean of the times, ...).
 */
int hfimport_json(const json_t *doc, const struct import_opts *o,
    struct wide *w, struct import_skipped *skipped, struct perr *e);

#endif
