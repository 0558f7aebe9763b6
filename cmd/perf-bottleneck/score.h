/* score.h - the health score of a host, 0-100, from its findings.
 *
 *   penalty(f)  = base(severity) x (1 + 0.5 x min(1, duration_s / 3600))
 *                 base: info 0, warning 30, critical 60
 *   resource r  = 100 - max penalty over r's findings (the worst window
 *                 counts, not how many windows there were)
 *   host score  = round(100 x prod_r (1 - w_r x (100 - resource_r) / 100))
 *                 w: cpu, memory, disk, command 1; swap, network, fd 0.8;
 *                 cgroup, process 0.6
 *   grade       = A 90-100, B 80-89, C 70-79, D 60-69, F 0-59
 *   main cause  = the finding with the largest w_r x penalty (on a tie,
 *                 the first in output order: severity, start, keys, id)
 */
#ifndef SCORE_H
#define SCORE_H

#include <stddef.h>

#include "eval.h"

struct score {
	int score;
	char grade;
	long main;	/* index of the main finding in the list, or -1 */
};

double score_penalty(const struct finding *f);
/* The score of the findings idx[0..n) of one host; res[i] is each one's
 * resource name. */
void score_host(const struct finding *f, const size_t *idx, size_t n,
    const char *const *res, struct score *out);
char score_grade(int score);

#endif
