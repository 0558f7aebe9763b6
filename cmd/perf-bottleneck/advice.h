/* advice.h - a finding in words: the evidence (the numbers, their units,
 * the window, what else was seen at the time) and a recommendation that
 * depends on that context (iowait with a saturated disk is not iowait
 * alone). */
#ifndef ADVICE_H
#define ADVICE_H

#include <stddef.h>

#include "eval.h"

/* Sets f->evidence and f->recommendation (new strings, freed by the
 * previous values' owner: any old ones are freed here). */
void advice_fill(const struct eval *ev, struct finding *f);
/* A duration in words: "45s", "4m12s", "2h05m", "3d04h". Returns buf. */
char *advice_dur(double s, char *buf, size_t len);
/* The unit of a metric from its suffix, as written after a number: "%",
 * "/s", " ms", " KiB", " s" or "". */
const char *advice_unit(const char *metric);

#endif
