/* strtab.h - a table of distinct strings, each given a number in the order
 * it was first added: the index behind a "seen before?" set or a map from
 * a name to the slot of an array.  Open addressing on FNV-1a, grown at
 * half full, so an add or a lookup is a hash and a compare or two. */
#ifndef STRTAB_H
#define STRTAB_H

#include <stddef.h>
#include <stdint.h>

struct strtab {
	char **str;		/* str[i]: string i (the table's copy) */
	size_t n;		/* strings in the table */
	size_t *slot;		/* 1 + a string's number, 0 for free */
	size_t cap;		/* slots: 0 or a power of two */
};

#define STRTAB_NONE ((size_t)-1)

void strtab_init(struct strtab *t);
void strtab_free(struct strtab *t);
/* The number of s[0..len) (which holds no NUL), added (copied) when it is
 * new; *added says which, when not NULL. */
size_t strtab_add(struct strtab *t, const char *s, size_t len, int *added);
/* The number of s[0..len), or STRTAB_NONE. */
size_t strtab_find(const struct strtab *t, const char *s, size_t len);
/* FNV-1a of s[0..len): short keys, no adversary beyond slowness. */
uint64_t strtab_hash(const char *s, size_t len);

#endif
