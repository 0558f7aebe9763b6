/* perr.c - filling the error struct. */
#include <stdarg.h>
#include <stdio.h>

#include "perr.h"

/* A message is one line: control characters that came with the data (a
 * quoted CSV field may hold a newline) are written as C escapes. */
int
perr_set(struct perr *e, const char *fmt, ...)
{
	static const char hex[] = "0123456789abcdef";
	char raw[sizeof e->msg];
	unsigned char c;
	size_t i, n = 0;
	va_list ap;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	for (i = 0; raw[i] != '\0' && n + 5 < sizeof e->msg; i++) {
		c = (unsigned char)raw[i];
		if (c >= 0x20 && c != 0x7f) {
			e->msg[n++] = (char)c;
			continue;
		}
		e->msg[n++] = '\\';
		if (c == '\n' || c == '\r' || c == '\t') {
			e->msg[n++] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
			continue;
		}
		e->msg[n++] = 'x';
		e->msg[n++] = hex[c >> 4];
		e->msg[n++] = hex[c & 15];
	}
	e->msg[n] = '\0';
	return -1;
}
