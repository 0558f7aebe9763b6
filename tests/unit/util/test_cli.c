/* test_cli.c - strict integers, floats, durations and percentages. */
#include <stdio.h>

#include "util/cli.h"
#include "tap.h"

static char why[128];

static void
int_ok(const char *s, long long min, long long max, long long want)
{
	long long v = -12345;

	tap_ok(cli_int(s, min, max, &v, why, sizeof why) == 0 && v == want,
	    "int '%s' is %lld", s, want);
}

static void
int_bad(const char *s, long long min, long long max, const char *want)
{
	long long v;

	tap_ok(cli_int(s, min, max, &v, why, sizeof why) < 0, "int '%s' refused",
	    s);
	tap_str(why, want, "  with the reason");
}

static void
dur_ok(const char *s, double want)
{
	double v = -1;

	tap_ok(cli_duration(s, 0, 1e9, &v, why, sizeof why) == 0 &&
	    v > want * (1 - 1e-12) && v < want * (1 + 1e-12) + 1e-15,
	    "duration '%s' is %gs", s, want);
}

static void
dur_bad(const char *s, double min, double max, const char *want)
{
	double v;

	tap_ok(cli_duration(s, min, max, &v, why, sizeof why) < 0,
	    "duration '%s' refused", s);
	tap_str(why, want, "  with the reason");
}

int
main(void)
{
	double d;
	char buf[32];

	int_ok("0", 0, 10, 0);
	int_ok("10", 0, 10, 10);
	int_ok("-5", -10, 10, -5);
	int_ok("9223372036854775807", 0, 9223372036854775807LL,
	    9223372036854775807LL);
	int_bad("", 0, 10, "not an integer");
	int_bad(" 1", 0, 10, "not an integer");
	int_bad("1 ", 0, 10, "not an integer");
	int_bad("1x", 0, 10, "not an integer");
	int_bad("+1", 0, 10, "not an integer");
	int_bad("1.5", 0, 10, "not an integer");
	int_bad("11", 0, 10, "too large (allowed 0-10)");
	int_bad("-1", 0, 10, "too small (allowed 0-10)");
	int_bad("99999999999999999999", 0, 10, "too large (allowed 0-10)");
	int_bad("-99999999999999999999", 0, 10, "too small (allowed 0-10)");

	tap_ok(cli_double("1.5e3", 0, 1e4, &d, why, sizeof why) == 0 &&
	    d == 1500, "double '1.5e3'");
	tap_ok(cli_double("nan", 0, 1, &d, why, sizeof why) < 0, "double 'nan' refused");
	tap_ok(cli_double("inf", 0, 1, &d, why, sizeof why) < 0, "double 'inf' refused");
	tap_ok(cli_double("0x10", 0, 100, &d, why, sizeof why) < 0,
	    "double '0x10' refused");
	tap_ok(cli_double("1e999", 0, 1, &d, why, sizeof why) < 0,
	    "double '1e999' refused");
	tap_str(why, "out of range", "  as out of range");
	tap_ok(cli_double("2", 0, 1, &d, why, sizeof why) < 0, "double above max");
	tap_str(why, "too large (allowed 0-1)", "  with the range");

	dur_ok("250ms", 0.25);
	dur_ok("1.5s", 1.5);
	dur_ok("2m", 120);
	dur_ok("1h", 3600);
	dur_ok("1d", 86400);
	dur_ok("10us", 1e-5);
	dur_ok("3", 3);
	dur_bad("0", 0.01, 86400, "too small (allowed 10ms-1d)");
	dur_bad("-1s", 0.01, 86400, "too small (allowed 10ms-1d)");
	dur_bad("2d", 0.01, 86400, "too large (allowed 10ms-1d)");
	dur_bad("1x", 0, 10, "unknown unit 'x' (use ns, us, ms, s, m, h, d)");
	dur_bad("ms", 0, 10, "not a duration (e.g. 250ms, 1.5s, 2m)");
	dur_bad("", 0, 10, "not a duration (e.g. 250ms, 1.5s, 2m)");
	dur_bad("1 s", 0, 10, "unknown unit ' s' (use ns, us, ms, s, m, h, d)");

	tap_ok(cli_percent("2%", 0, 1, &d, why, sizeof why) == 0 && d == 0.02,
	    "percent '2%%'");
	tap_ok(cli_percent("0.5", 0, 1, &d, why, sizeof why) == 0 && d == 0.5,
	    "percent as a fraction");
	tap_ok(cli_percent("2%%", 0, 1, &d, why, sizeof why) < 0,
	    "percent '2%%%%' refused");
	tap_ok(cli_percent("99.9%", 0.5, 0.999, &d, why, sizeof why) == 0 &&
	    d == 0.999, "99.9%% at the top of its range, not refused by rounding");
	tap_ok(cli_percent("1", 0, 1, &d, why, sizeof why) < 0, "bare 1 refused");
	tap_str(why, "ambiguous: write a percentage with % (1%) or a fraction "
	    "below 1 (0.01)", "  as ambiguous, with both spellings");
	tap_ok(cli_percent("90", 0.5, 0.999, &d, why, sizeof why) < 0,
	    "bare 90 refused");
	tap_str(why, "ambiguous: write a percentage with % (90%) or a fraction "
	    "below 1 (0.9)", "  saying how to write it");
	tap_ok(cli_percent("0", 0, 1, &d, why, sizeof why) == 0 && d == 0,
	    "bare 0 is 0 either way");
	tap_ok(cli_percent("200%", 0, 1, &d, why, sizeof why) < 0,
	    "percent above max");
	tap_str(why, "too large (allowed 0%-100%)", "  with the range");

	tap_str(cli_fmt_duration(0.01, buf, sizeof buf), "10ms", "fmt 10ms");
	tap_str(cli_fmt_duration(1.5, buf, sizeof buf), "1.5s", "fmt 1.5s");
	tap_str(cli_fmt_duration(86400, buf, sizeof buf), "1d", "fmt 1d");
	tap_str(cli_fmt_duration(0, buf, sizeof buf), "0s", "fmt 0s");
	tap_str(cli_fmt_duration(90, buf, sizeof buf), "1.5m", "fmt 1.5m");
	return tap_done();
}
