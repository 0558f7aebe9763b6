/* kinds.c - violations by kind: the first lines of each and a count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kinds.h"
#include "util/xalloc.h"

void
kinds_add(struct kinds *ks, const char *what, long line)
{
	size_t i = strtab_add(&ks->whats, what, strlen(what), NULL);

	if (i == ks->n) {
		ks->k = xreallocarray(ks->k, ks->n + 1, sizeof *ks->k);
		memset(&ks->k[i], 0, sizeof ks->k[i]);
		ks->k[i].what = ks->whats.str[i];
		ks->n++;
	}
	if (ks->k[i].count < SHOW)
		ks->k[i].lines[ks->k[i].count] = line;
	ks->k[i].count++;
}

size_t
kinds_total(const struct kinds *ks)
{
	size_t i, t = 0;

	for (i = 0; i < ks->n; i++)
		t += ks->k[i].count;
	return t;
}

/* Writes "what: file:L, file:L, ... (N rows); ..." into c's detail. */
void
kinds_detail(struct check *c, const struct kinds *ks, const char *file)
{
	size_t i, j, len = strlen(c->detail), cap = sizeof c->detail;

	for (i = 0; i < ks->n && len < cap; i++) {
		len += (size_t)snprintf(c->detail + len, cap - len, "%s%s:",
		    len ? "; " : "", ks->k[i].what);
		for (j = 0; j < ks->k[i].count && j < SHOW && len < cap; j++)
			len += (size_t)snprintf(c->detail + len, cap - len,
			    " %s:%ld", file, ks->k[i].lines[j]);
		if (len < cap)
			len += (size_t)snprintf(c->detail + len, cap - len,
			    "%s (%zu in all)", ks->k[i].count > SHOW ? " ..." : "",
			    ks->k[i].count);
	}
}

void
kinds_free(struct kinds *ks)
{
	free(ks->k);
	strtab_free(&ks->whats);
}
