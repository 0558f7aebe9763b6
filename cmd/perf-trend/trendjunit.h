/* trendjunit.h - the comparisons of a trend document as JUnit test
 * cases, for CI pages (perf-trend --junit). */
#ifndef TRENDJUNIT_H
#define TRENDJUNIT_H

#include <jansson.h>

#include "fmt/junit.h"

/* Adds to j one case per group and metric compared (classname the
 * group's label, name the metric): a failure when its verdict is
 * "regressed", a pass otherwise with the verdict as its output; a skipped
 * case per group found on one side only; and an error case when nothing
 * at all was compared, so that an empty gate never shows green. */
void trendjunit_cases(const json_t *doc, struct junit *j);

#endif
