/* import.c - the list of input fields an import left out. */
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "util/xalloc.h"

void
import_skip(struct import_skipped *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->name[i], name) == 0)
			return;
	s->name = xreallocarray(s->name, s->n + 1, sizeof *s->name);
	s->name[s->n++] = xstrdup(name);
}

char *
import_skipped_list(const struct import_skipped *s)
{
	size_t i, len = 1;
	char *out;

	for (i = 0; i < s->n; i++)
		len += strlen(s->name[i]) + 2;
	out = xmalloc(len);
	*out = '\0';
	for (i = 0; i < s->n; i++) {
		if (i > 0)
			strcat(out, ", ");
		strcat(out, s->name[i]);
	}
	return out;
}

void
import_skipped_free(struct import_skipped *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->name[i]);
	free(s->name);
	memset(s, 0, sizeof *s);
}
