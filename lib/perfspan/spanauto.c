/* spanauto.c - every function of a program built with
 * -finstrument-functions, without touching its source: GCC and Clang call
 * these hooks on each function's entry and exit; libperfspan-auto.so
 * (this file and the recorder) is preloaded into such a program. */
#include "spanint.h"
#include "perfspan.h"

#define NOINST __attribute__((no_instrument_function, visibility("default")))

NOINST void __cyg_profile_func_enter(void *fn, void *site);
NOINST void __cyg_profile_func_exit(void *fn, void *site);

void
__cyg_profile_func_enter(void *fn, void *site)
{
	(void)site;
	if (__builtin_expect(perfspan_on_, 0))
		span_enter(fn, KIND_FUNC);
}

void
__cyg_profile_func_exit(void *fn, void *site)
{
	(void)site;
	if (__builtin_expect(perfspan_on_, 0))
		span_leave(fn, KIND_FUNC);
}
