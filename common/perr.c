/* perr.c - filling the error struct. */
#include <stdarg.h>
#include <stdio.h>

#include "perr.h"

int
perr_set(struct perr *e, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}
