/* rmeasure.h - the report's sections of measurements: resource usage per
 * host, benchmark runs per command, a program's functions and spans. */
#ifndef RMEASURE_H
#define RMEASURE_H

#include <jansson.h>
#include <stddef.h>

#include "rdoc.h"

/* The sample metrics the report describes per host (the rest are in the
 * samples file for whoever needs them). */
const char *const *rmeasure_headline(size_t *n);
/* Each adds its section and its summary lines. */
void rmeasure_samples(json_t *doc, json_t *summary_lines,
    const struct rdoc_in *ri);
void rmeasure_runs(json_t *doc, json_t *summary_lines,
    const struct rdoc_in *ri);
void rmeasure_spans(json_t *doc, json_t *summary_lines,
    const struct rdoc_in *ri);

#endif
