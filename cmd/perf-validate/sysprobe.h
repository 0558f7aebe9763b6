/* sysprobe.h - the configuration of this machine that bears on
 * measurements, read from /proc and /sys under a root directory: clock
 * source, timer slack, cpufreq governor, turbo, SMT, isolation, IRQ
 * affinity, ASLR, perf_event_paranoid, THP, load, pressure, steal, swap
 * activity, virtualization, containers and cgroup CPU limits.  A file
 * that is absent makes its check unknown, never a guess. */
#ifndef SYSPROBE_H
#define SYSPROBE_H

#include <stdint.h>

#include "calib.h"
#include "check.h"

/* Counters read at the start and the end of the measurements. */
struct sysprobe_snap {
	double mono;			/* CLOCK_MONOTONIC when read */
	int have_stat, have_vmstat;
	uint64_t total, steal;		/* /proc/stat cpu line, ticks */
	uint64_t pswpin, pswpout;	/* /proc/vmstat, pages */
};

/* Reads root's /proc/stat and /proc/vmstat counters into s. */
void sysprobe_snap(const char *root, struct sysprobe_snap *s);
/* Adds the configuration checks to l and fills cal's fields that come
 * from files; a and b are the counters before and after. */
void sysprobe_checks(const char *root, const struct sysprobe_snap *a,
    const struct sysprobe_snap *b, struct calib *cal, struct checklist *l);
/* Reads root/rel into buf (at most len - 1 bytes, NUL-terminated, trailing
 * blanks and newlines removed).  Returns 0, or -1 when it cannot be read. */
int sysprobe_read(const char *root, const char *rel, char *buf, size_t len);

#endif
