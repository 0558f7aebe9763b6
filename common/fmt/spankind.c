/* spankind.c - which runs rows are lib/perfspan's, from measured_by. */
#include <stddef.h>
#include <string.h>

#include "spankind.h"

enum spankind
spankind_of(const char *m)
{
	if (m == NULL)
		return SPANKIND_NONE;
	if (strcmp(m, "span") == 0 || strcmp(m, "instrument") == 0)
		return SPANKIND_CLOCKS;
	if (strcmp(m, "span-sampled") == 0 ||
	    strcmp(m, "instrument-sampled") == 0)
		return SPANKIND_SAMPLED;
	return SPANKIND_NONE;
}
