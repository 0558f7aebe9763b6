/* jsonbin.h - a JSON value in a binary form that needs no parsing to
 * read back: a tag byte, then n null, t/f booleans, i an integer (8
 * bytes), r a real (8 bytes, so exact), s a string (its length, 4 bytes,
 * then its bytes), a an array and o an object (a count, 4 bytes, then the
 * elements; an object's each a key as a string, then its value, in
 * order).  For the checks perf-validate keeps in a scratch file. */
#ifndef JSONBIN_H
#define JSONBIN_H

#include <jansson.h>
#include <stddef.h>

/* A growing buffer; zeroed to start, b freed by the caller. */
struct jsonbin {
	char *b;
	size_t len, cap;
};

/* Appends n bytes. */
void jsonbin_put(struct jsonbin *r, const void *p, size_t n);
/* Appends the value v. */
void jsonbin_enc(struct jsonbin *r, const json_t *v);
/* The value at *p (moved past it; a new reference), or NULL when the
 * bytes up to end do not hold one. */
json_t *jsonbin_dec(const char **p, const char *end);

#endif
