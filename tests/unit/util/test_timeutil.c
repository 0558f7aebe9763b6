/* test_timeutil.c - clocks, deadlines and formatting. */
#include <errno.h>
#include <math.h>

#include "tap.h"
#include "util/timeutil.h"

int
main(void)
{
	char buf[32];
	double t0, late;
	struct timespec ts;

	tap_str(timeutil_iso(0, buf, sizeof buf), "1970-01-01T00:00:00.000Z", "epoch");
	tap_str(timeutil_iso(1795499754.1239, buf, sizeof buf),
	    "2026-11-24T05:55:54.123Z", "milliseconds truncated");
	ts = timeutil_ts(1.999999999);
	tap_ok(ts.tv_sec == 1 && ts.tv_nsec >= 999999998, "timespec of 1.999999999");
	ts = timeutil_ts(2.5);
	tap_ok(ts.tv_sec == 2 && ts.tv_nsec == 500000000, "timespec of 2.5");
	tap_num(timeutil_from_tv(3, 250000), 3.25, 0, 1e-12, "timeval");
	tap_ok(timeutil_real() > 1.7e9, "real clock is an epoch time");
	t0 = timeutil_mono();
	tap_int(timeutil_sleep_until(t0 + 0.02), 0, "sleep until a deadline");
	late = timeutil_mono() - (t0 + 0.02);
	tap_ok(late >= 0 && late < 0.05, "woke after the deadline, not long after"
	    " (%.6fs)", late);
	tap_int(timeutil_sleep_until(t0), 0, "a past deadline returns at once");
	return tap_done();
}
