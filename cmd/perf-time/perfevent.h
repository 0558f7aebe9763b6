/* perfevent.h - hardware counters (instructions, cycles, branch and cache
 * misses) of a command and all its descendants, through perf_event_open. */
#ifndef PERFEVENT_H
#define PERFEVENT_H

#include <stdint.h>

#include "util/perr.h"

#define PERFEVENT_MAX 8

/* One counter to open: a perf_event_attr type and config (e.g.
 * PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS). */
struct perfevent_spec {
	const char *name;
	uint32_t type;
	uint64_t config;
};

/* A counter as read (PERF_FORMAT_TOTAL_TIME_ENABLED and _RUNNING). */
struct perfevent_reading {
	uint64_t value, enabled, running;
};

struct perfevent {
	int fd[PERFEVENT_MAX];	/* -1 where the counter could not be opened */
	int n;
	struct perfevent_reading base[PERFEVENT_MAX];	/* at start */
};

/* The four counters perf-time records, in column order: instructions,
 * cycles, branch_misses, cache_misses. */
extern const struct perfevent_spec perfevent_default[4];

/*
 * Opens the counters on the calling process, disabled, inherited by every
 * child it starts from now on, user space only (so they open where
 * perf_event_paranoid is 2).  Returns how many opened; when none did,
 * returns 0 with the reason of the first failure in e (no PMU in a virtual
 * machine: ENOENT).  A counter that did not open reads as unknown.
 */
int perfevent_open(struct perfevent *pe, const struct perfevent_spec *spec,
    int n, struct perr *e);

/* Starts counting (all the caller's counters, one prctl). */
void perfevent_start(struct perfevent *pe);
/*
 * Stops counting and stores in v[i] the count of counter i since
 * perfevent_start: the children that ended and were reaped since, plus
 * the caller's own user-space work between start and stop (spawning and
 * waiting: some thousands of instructions).  NaN where a counter is not
 * open or was multiplexed out entirely; scaled when it ran part time.
 */
void perfevent_stop(struct perfevent *pe, double *v);
void perfevent_close(struct perfevent *pe);

#endif
