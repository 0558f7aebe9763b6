/* timeutil.c - clocks, absolute-deadline sleeps and time formatting. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "timeutil.h"

static double
now(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return timeutil_from_ts(ts);
}

double
timeutil_real(void)
{
	return now(CLOCK_REALTIME);
}

double
timeutil_mono(void)
{
	return now(CLOCK_MONOTONIC);
}

struct timespec
timeutil_ts(double secs)
{
	struct timespec ts;
	double whole = floor(secs);

	ts.tv_sec = (time_t)whole;
	ts.tv_nsec = (long)((secs - whole) * 1e9);
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return ts;
}

double
timeutil_from_ts(struct timespec ts)
{
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double
timeutil_from_tv(long sec, long usec)
{
	return (double)sec + (double)usec / 1e6;
}

int
timeutil_sleep_until(double deadline)
{
	struct timespec ts = timeutil_ts(deadline);
	int r;

	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
	if (r == 0)
		return 0;
	errno = r;
	return -1;
}

char *
timeutil_iso(double epoch, char *buf, size_t len)
{
	time_t t = (time_t)floor(epoch);
	int ms = (int)floor((epoch - floor(epoch)) * 1000);
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, ms);
	return buf;
}
