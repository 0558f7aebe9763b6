/* timeutil.h - clocks, absolute-deadline sleeps and time formatting. */
#ifndef TIMEUTIL_H
#define TIMEUTIL_H

#include <stddef.h>
#include <time.h>

/* Seconds since the Unix epoch (CLOCK_REALTIME), with fractions. */
double timeutil_real(void);
/* Seconds on CLOCK_MONOTONIC: for intervals and deadlines. */
double timeutil_mono(void);
struct timespec timeutil_ts(double secs);
double timeutil_from_ts(struct timespec ts);
double timeutil_from_tv(long sec, long usec);
/*
 * Sleeps until the CLOCK_MONOTONIC time `deadline` (absolute, so a late
 * wake-up never shifts the next deadline).  Returns 0 when the deadline
 * has passed, or -1 with errno EINTR when a signal arrived first.
 */
int timeutil_sleep_until(double deadline);
/* Formats an epoch time as ISO 8601 UTC with milliseconds
 * ("2026-11-24T05:55:54.123Z") into buf (at least 32 bytes); returns buf. */
char *timeutil_iso(double epoch, char *buf, size_t len);

#endif
