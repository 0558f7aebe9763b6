/* spanauto.c - every function of a program built with
 * -finstrument-functions, without touching its source: GCC and Clang call
 * these hooks on each function's entry and exit; libperfspan-auto.so
 * (this file and the recorder) is preloaded into such a program. */
#include "spanint.h"
#include "perfspan.h"

#define NOINST __attribute__((no_instrument_function, visibility("default")))

NOINST void __cyg_profile_func_enter(void *fn, void *site);
NOINST void __cyg_profile_func_exit(void *fn, void *site);

/* PERFSPAN_SAMPLE's fast paths first: with it on, nearly every call ends
 * there, with no call of the recorder. */
void
__cyg_profile_func_enter(void *fn, void *site)
{
	(void)site;
	if (span_enter_cached(fn, KIND_FUNC))
		return;
	if (__builtin_expect(perfspan_on_, 0))
		span_enter_slow(fn, KIND_FUNC);
}

void
__cyg_profile_func_exit(void *fn, void *site)
{
	(void)site;
	if (span_leave_top(fn, KIND_FUNC))
		return;
	if (__builtin_expect(perfspan_on_, 0))
		span_leave_slow(fn, KIND_FUNC);
}
