/* colname.c - column names of the data contract. */
#include <stdio.h>
#include <string.h>

#include "fmt/colname.h"
#include "util/xalloc.h"

char *
colname_escape(const char *dev)
{
	static const char hex[] = "0123456789abcdef";
	char *out = xmalloc(3 * strlen(dev) + 1), *o = out;
	unsigned char c;

	for (; *dev != '\0'; dev++) {
		c = (unsigned char)*dev;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			*o++ = (char)c;
		} else {
			*o++ = '_';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

int
colname_check(const char *name, char *why, size_t whylen)
{
	const char *p;

	if (*name == '\0' || strlen(name) > 64) {
		snprintf(why, whylen, "empty or longer than 64 bytes");
		return -1;
	}
	if (!(*name >= 'a' && *name <= 'z')) {
		snprintf(why, whylen, "not snake_case: must start with a-z");
		return -1;
	}
	for (p = name; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			continue;
		if (*p == '_' && p[1] != '_' && p[1] != '\0')
			continue;
		snprintf(why, whylen, "not snake_case: '%c' at %zu (a-z, 0-9, "
		    "and single _ between words)", *p, (size_t)(p - name) + 1);
		return -1;
	}
	return 0;
}

int
colname_has_unit(const char *name)
{
	static const char *const units[] = { "_pct", "_s", "_ms", "_us",
	    "_ns", "_bytes", "_per_s", "_kib", "_mib", "_count", "_ratio",
	    "_hz" };
	size_t i, n = strlen(name), m;

	for (i = 0; i < sizeof units / sizeof *units; i++) {
		m = strlen(units[i]);
		if (n > m && strcmp(name + n - m, units[i]) == 0)
			return 1;
	}
	return 0;
}
