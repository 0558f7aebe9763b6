/* test_spankind.c - perfspan's measured_by values, and nothing else. */
#include "fmt/spankind.h"
#include "tap.h"

int
main(void)
{
	tap_int(spankind_of("span"), SPANKIND_CLOCKS, "span: clocks");
	tap_int(spankind_of("instrument"), SPANKIND_CLOCKS, "instrument: clocks");
	tap_int(spankind_of("span-sampled"), SPANKIND_SAMPLED, "span-sampled");
	tap_int(spankind_of("instrument-sampled"), SPANKIND_SAMPLED,
	    "instrument-sampled");
	tap_int(spankind_of("wall"), SPANKIND_NONE, "perf-time's: not a span");
	tap_int(spankind_of(""), SPANKIND_NONE, "empty: not a span");
	tap_int(spankind_of("spanner"), SPANKIND_NONE, "a longer word: not a span");
	tap_int(spankind_of("span-"), SPANKIND_NONE, "span-: not a span");
	tap_int(spankind_of(NULL), SPANKIND_NONE, "no column: not a span");
	return tap_done();
}
