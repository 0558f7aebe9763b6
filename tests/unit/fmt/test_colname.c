/* test_colname.c - device names inside column names, and users' names. */
#include <stdlib.h>
#include <string.h>

#include "fmt/colname.h"
#include "tap.h"

static void
esc(const char *dev, const char *want)
{
	char *got = colname_escape(dev);

	tap_str(got, want, dev);
	free(got);
}

int
main(void)
{
	char why[128], longname[66] = { 0 };

	esc("sda", "sda");
	esc("dm-0", "dm_2d0");
	esc("eth0.100", "eth0_2e100");
	esc("eth0_100", "eth0_5f100");
	esc("", "");
	esc("A", "_41");
	tap_int(colname_check("queue_count", why, sizeof why), 0, "snake_case");
	tap_int(colname_check("q", why, sizeof why), 0, "one letter");
	tap_int(colname_check("Queue", why, sizeof why), -1, "upper case");
	tap_str(why, "not snake_case: must start with a-z", "why: first");
	tap_int(colname_check("a__b", why, sizeof why), -1, "double _");
	tap_int(colname_check("a_", why, sizeof why), -1, "trailing _");
	tap_int(colname_check("1a", why, sizeof why), -1, "digit first");
	tap_int(colname_check("", why, sizeof why), -1, "empty");
	memset(longname, 'a', 65);
	longname[64] = '\0';
	tap_int(colname_check(longname, why, sizeof why), 0, "64 bytes");
	longname[64] = 'a';
	tap_int(colname_check(longname, why, sizeof why), -1, "65 bytes");
	tap_int(colname_has_unit("queue_count"), 1, "unit _count");
	tap_int(colname_has_unit("x_per_s"), 1, "unit _per_s");
	tap_int(colname_has_unit("depth"), 0, "no unit");
	tap_int(colname_has_unit("_s"), 0, "suffix alone");
	return tap_done();
}
