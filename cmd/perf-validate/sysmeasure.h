/* sysmeasure.h - measurements of this machine, taken live in this
 * process: the observed resolution and cost of the clocks, sleep
 * overshoot, CPU time through rusage, CLOCK_PROCESS_CPUTIME_ID and
 * /proc/self/stat against wall time, RSS accounting of a known
 * allocation, run-to-run noise of a fixed loop per CPU, and the cost of
 * spawning /bin/true and sh -c true. */
#ifndef SYSMEASURE_H
#define SYSMEASURE_H

#include "calib.h"
#include "check.h"

/* How much to measure: --quick (under 2 s) or the default (under 10 s). */
struct sysmeasure_opts {
	int quick;
};

/* Runs every measurement, adds its checks to l and fills cal's measured
 * fields.  Single-threaded callers only (it pins itself to each CPU in
 * turn and restores its affinity). */
void sysmeasure_run(const struct sysmeasure_opts *o, struct calib *cal,
    struct checklist *l);

#endif
