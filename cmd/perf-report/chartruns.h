/* chartruns.h - the report's charts of runs: distributions, history,
 * complexity, self time of functions, comparisons. */
#ifndef CHARTRUNS_H
#define CHARTRUNS_H

#include "chartctx.h"

/* Prepares every chart of runs the data allows (their data files, and
 * their gnuplot runs in c).  Returns 0, or -1 with e set. */
int chartruns_draw(struct chartctx *c, struct perr *e);

#endif
