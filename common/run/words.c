/* words.c - sh-like word splitting with quotes, no expansion. */
#include <stdlib.h>
#include <string.h>

#include "run/words.h"
#include "util/xalloc.h"

void
words_free(char **w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; w[i] != NULL; i++)
		free(w[i]);
	free(w);
}

char **
words_split(const char *s, struct perr *e)
{
	const char *p = s;
	char **w = NULL, *buf;
	size_t n = 0, len;
	int inword;

	buf = xmalloc(strlen(s) + 1);
	w = xreallocarray(NULL, 1, sizeof *w);
	w[0] = NULL;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (*p == '\0')
			break;
		len = 0;
		inword = 1;
		while (inword && *p != '\0') {
			switch (*p) {
			case ' ': case '\t': case '\n':
				inword = 0;
				break;
			case '\\':
				if (p[1] == '\0')
					goto trailing;
				buf[len++] = p[1];
				p += 2;
				break;
			case '\'':
				for (p++; *p != '\'' && *p != '\0'; p++)
					buf[len++] = *p;
				if (*p++ == '\0')
					goto unterminated;
				break;
			case '"':
				for (p++; *p != '"' && *p != '\0'; p++) {
					if (*p == '\\' && p[1] != '\0' &&
					    strchr("\\\"$`\n", p[1]) != NULL)
						p++;
					buf[len++] = *p;
				}
				if (*p++ == '\0')
					goto unterminated;
				break;
			default:
				buf[len++] = *p++;
			}
		}
		w = xreallocarray(w, n + 2, sizeof *w);
		w[n++] = xstrndup(buf, len);
		w[n] = NULL;
	}
	free(buf);
	if (n == 0) {
		perr_set(e, "command '%s': no words", s);
		words_free(w);
		return NULL;
	}
	return w;
unterminated:
	perr_set(e, "command '%s': unterminated quote", s);
	goto fail;
trailing:
	perr_set(e, "command '%s': backslash at the end", s);
fail:
	free(buf);
	words_free(w);
	return NULL;
}
