/* junitout.h - perf-bottleneck's verdicts as JUnit test cases, for CI
 * pages (--junit). */
#ifndef JUNITOUT_H
#define JUNITOUT_H

#include "budget.h"
#include "eval.h"
#include "fmt/junit.h"

/*
 * Adds to j, per group (host and keys, the classname): a case per series
 * a rule watches (named by its column), failed when a finding on it
 * reached level (SEV_WARNING or SEV_CRITICAL), its evidence the message;
 * a case per budget that applies (named as given), failed the same way;
 * and, once, a skipped case per rule no column feeds and per budget
 * whose column is absent, and per series with no value in any row.
 * Call after report_init (the findings' words) and before budget_free.
 */
void junitout_cases(struct junit *j, const struct eval *ev,
    const struct budgets *bs, int level);

#endif
