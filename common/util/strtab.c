/* strtab.c - a table of distinct strings, numbered in order of arrival. */
#include <stdlib.h>
#include <string.h>

#include "strtab.h"
#include "xalloc.h"

void
strtab_init(struct strtab *t)
{
	memset(t, 0, sizeof *t);
}

void
strtab_free(struct strtab *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->str[i]);
	free(t->str);
	free(t->slot);
	memset(t, 0, sizeof *t);
}

uint64_t
strtab_hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;

	while (len-- > 0)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

/* The slot of s[0..len): its own, or the free one where it would go. */
static size_t
where(const struct strtab *t, const char *s, size_t len)
{
	size_t mask = t->cap - 1, j;
	const char *o;

	for (j = strtab_hash(s, len) & mask; t->slot[j] != 0;
	    j = (j + 1) & mask) {
		o = t->str[t->slot[j] - 1];
		if (strncmp(o, s, len) == 0 && o[len] == '\0')
			return j;
	}
	return j;
}

size_t
strtab_find(const struct strtab *t, const char *s, size_t len)
{
	size_t j;

	if (t->n == 0)
		return STRTAB_NONE;
	j = where(t, s, len);
	return t->slot[j] ? t->slot[j] - 1 : STRTAB_NONE;
}

static void
grow(struct strtab *t)
{
	size_t i, j, mask;

	free(t->slot);
	t->cap = t->cap ? 2 * t->cap : 64;
	t->slot = xcalloc(t->cap, sizeof *t->slot);
	mask = t->cap - 1;
	for (i = 0; i < t->n; i++) {
		for (j = strtab_hash(t->str[i], strlen(t->str[i])) & mask;
		    t->slot[j] != 0; j = (j + 1) & mask)
			;
		t->slot[j] = i + 1;
	}
	t->str = xreallocarray(t->str, t->cap / 2, sizeof *t->str);
}

size_t
strtab_add(struct strtab *t, const char *s, size_t len, int *added)
{
	size_t j;

	if (2 * (t->n + 1) > t->cap)
		grow(t);
	j = where(t, s, len);
	if (added)
		*added = t->slot[j] == 0;
	if (t->slot[j] == 0) {
		t->str[t->n] = xstrndup(s, len);
		t->slot[j] = ++t->n;
	}
	return t->slot[j] - 1;
}
