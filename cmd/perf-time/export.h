/* export.h - the results of a perf-time run in hyperfine's own export
 * formats (--export-json, --export-csv, --export-markdown), so that the
 * scripts written for hyperfine's files (its plotting scripts among them)
 * read perf-time's too. */
#ifndef EXPORT_H
#define EXPORT_H

#include <stddef.h>

#include "bench.h"
#include "params.h"
#include "util/perr.h"

/* Where and how: each path NULL for none; unit "second", "millisecond" or
 * NULL (the Markdown table's unit: seconds from a mean of 1 s up, as
 * hyperfine chooses). */
struct export_opts {
	const char *json, *csv, *markdown;
	const char *unit;
};

/*
 * Writes every file asked for, each whole or not at all (atomicfile):
 * per command its mean, standard deviation, median, mean user and system
 * time, min and max wall time (seconds), and in JSON each run's wall time
 * and exit code; the parameters of a scan as hyperfine writes them.  Only
 * counted runs (not timed out) are in.  Returns 0, or -1 with the reason
 * in e.
 */
int export_write(const struct export_opts *o, const struct bench *b,
    size_t nb, const struct params *ps, struct perr *e);

#endif
