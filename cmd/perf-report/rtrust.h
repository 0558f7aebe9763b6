/* rtrust.h - the report's sections of trust (perf-validate) and of what
 * is wrong (perf-bottleneck's findings), from its inputs' documents. */
#ifndef RTRUST_H
#define RTRUST_H

#include <jansson.h>

#include "rdoc.h"

/* Adds the validation section and its summary lines; returns the worst
 * verdict of the validation documents, or NULL without any. */
const char *rtrust_validation(json_t *doc, json_t *summary_lines,
    const struct rdoc_in *ri);
/* Adds the findings section, the summary's health figures (summ) and
 * lines; widens [*start, *end] to the findings' time. */
void rtrust_findings(json_t *doc, json_t *summ, json_t *summary_lines,
    const struct rdoc_in *ri, double *start, double *end);

#endif
