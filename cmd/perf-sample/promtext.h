/* promtext.h - sample rows in the Prometheus text exposition format
 * (version 0.0.4), for node_exporter's textfile collector. */
#ifndef PROMTEXT_H
#define PROMTEXT_H

#include <stdio.h>

#include "sampler.h"

/* A label that every series of a row carries (host, cgroup, pid, comm). */
struct promtext_label {
	const char *key;
	const char *val;
};

/*
 * The Prometheus name of a column family (the CSV name, devices left
 * out): perfpipe_ and the name in base units, _pct as _ratio, _kib as
 * _bytes, _ms as _seconds, no _count; a rate (_per_s) a counter, _total
 * (_seconds_total for time per second).  Stores the factor from the
 * column's unit to the metric's, and whether it is a counter.
 */
void promtext_name(const char *col, char *buf, size_t len, double *scale,
    int *counter);

/*
 * Writes the rows as metric families (promtext_name), each with a HELP
 * and a TYPE line and one series per row (and per device, with a cpu or
 * device label), the labels of labels[row][0..nlabels) first; a counter's
 * value is the row's integral of the rate (sampler_integrate).
 * All rows must share one column list (rows[0]'s).  Unknown values (NaN)
 * are left out.  Returns 0, or -1 if the stream has an error.
 */
int promtext_write(FILE *fp, const struct sampler_row *const *rows, size_t nrows,
    const struct promtext_label *const *labels, size_t nlabels);

/* Writes s as a label value, escaping backslash, quote and newline. */
void promtext_escape(FILE *fp, const char *s);

#endif
