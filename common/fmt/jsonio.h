/* jsonio.h - JSON documents through jansson: numbers that may be unknown,
 * deterministic output, files read with file:line:column errors.
 *
 * The x-prefixed helpers build documents and die (xoom, exit status 2)
 * when memory runs out, as xmalloc does: a document half built is of no
 * use to any caller. */
#ifndef JSONIO_H
#define JSONIO_H

#include <jansson.h>
#include <stdio.h>

#include "util/perr.h"

/* A number, or null when v is NaN or infinite (unknown).  New reference. */
json_t *xjsonio_num(double v);
/* Sets key in obj to a new value, stealing the reference (shorthand). */
void xjsonio_set(json_t *obj, const char *key, json_t *value);
/* A string of text from data or a file name, which may not be UTF-8:
 * each byte that does not begin or continue a valid UTF-8 sequence
 * becomes U+FFFD, so that the document can still be written (jansson
 * refuses invalid UTF-8).  New reference; dies when memory runs out. */
json_t *xjsonio_text(const char *s);
/* A string formatted as by printf: a new reference, or NULL when the text
 * is not UTF-8 (or memory ran out). */
json_t *jsonio_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Appends a string formatted as by printf to the array arr (a note); text
 * that is not UTF-8 is left out. */
void xjsonio_appendf(json_t *arr, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The interval {"lo": lo, "hi": hi}, each through xjsonio_num.  New reference. */
json_t *xjsonio_interval(double lo, double hi);
/*
 * Writes doc to fp: two-space indent, keys in insertion order, 15
 * significant digits, a final newline.  Returns 0, or -1 with the reason
 * in e (name names the stream in the message).
 */
int jsonio_write(const json_t *doc, FILE *fp, const char *name, struct perr *e);
/* The json_dump flags jsonio_write uses, for writing a document in parts
 * that reads as if written whole. */
#define JSONIO_DUMP_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | \
    JSON_REAL_PRECISION(15))
/*
 * Writes doc as jsonio_write does, but for the array that holds the one
 * string mark: its elements are made by next(ctx, i, &elem) for i = 0, 1,
 * ..., each written and freed before the next is made, so that a long
 * array need not be held.  next returns 1 with a new reference in *elem,
 * 0 after the last, or -1 on its own failure, which ends the writing
 * there, the document left unclosed.  What follows the array is dumped
 * after the last element is made (values next sets on the way appear).
 * Returns 0, or -1 on a write error (errno set) or when next failed.
 */
int jsonio_write_stream(const json_t *doc, const char *mark,
    int (*next)(void *ctx, size_t i, json_t **elem), void *ctx, FILE *fp);
/* Reads a whole JSON document from path ("-" is standard input).  Returns
 * a new reference, or NULL with "file:line:column: message" in e. */
json_t *jsonio_read(const char *path, struct perr *e);

#endif
