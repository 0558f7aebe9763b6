/* jsonio.c - jansson helpers: unknown numbers as null, checked writes. */
#include <errno.h>
#include <stdio.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/jsonio.h"
#include "util/xalloc.h"

json_t *
xjsonio_num(double v)
{
	json_t *j;

	if (!isfinite(v))
		return json_null();
	/* -0 reads oddly and compares unequal as text; zero is zero. */
	if (v == 0)
		v = 0;
	if ((j = json_real(v)) == NULL)
		xoom();
	return j;
}


/* The length of the valid UTF-8 sequence at p (1-4), or 0 (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF). */
static size_t
utf8_len(const unsigned char *p)
{
	unsigned char c = p[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F))
			return 0;
		return (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 ? 3 : 0;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
			return 0;
		return (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
		    (p[3] & 0xC0) == 0x80 ? 4 : 0;
	}
	return 0;
}

/* A copy of s (the caller frees it) with each byte that is not part of
 * a valid UTF-8 sequence replaced by U+FFFD: at most 3 bytes out per byte
 * in.  utf8_len stops at the NUL, whose top bits never continue a
 * sequence, so it reads nothing past the string. */
static char *
utf8_fix(const char *s)
{
	const unsigned char *p;
	char *fixed, *q;
	size_t n;

	q = fixed = xreallocarray(NULL, strlen(s) * 3 + 1, 1);
	for (p = (const unsigned char *)s; *p; p += n)
		if ((n = utf8_len(p)) != 0) {
			memcpy(q, p, n);
			q += n;
		} else {
			memcpy(q, "\xEF\xBF\xBD", 3);
			q += 3;
			n = 1;
		}
	*q = '\0';
	return fixed;
}

json_t *
xjsonio_text(const char *s)
{
	json_t *j;
	char *fixed;

	if ((j = json_string(s)) != NULL)
		return j;
	fixed = utf8_fix(s);
	j = json_string(fixed);
	free(fixed);
	if (j == NULL)
		xoom();
	return j;
}

void
xjsonio_set(json_t *obj, const char *key, json_t *value)
{
	const unsigned char *p;
	char *fixed = NULL;
	size_t n;
	int rc;

	if (value == NULL)
		xoom();
	/* A key from data (a column's name) may not be UTF-8. */
	for (p = (const unsigned char *)key; *p; p += n)
		if ((n = utf8_len(p)) == 0) {
			key = fixed = utf8_fix(key);
			break;
		}
	rc = json_object_set_new(obj, key, value);
	free(fixed);
	if (rc != 0)
		xoom();
}

json_t *
jsonio_fmt(const char *fmt, ...)
{
	va_list ap;
	json_t *j;

	va_start(ap, fmt);
	j = json_vsprintf(fmt, ap);
	va_end(ap);
	return j;
}

void
xjsonio_appendf(json_t *arr, const char *fmt, ...)
{
	va_list ap;
	json_t *j;

	va_start(ap, fmt);
	j = json_vsprintf(fmt, ap);
	va_end(ap);
	if (j != NULL)
		json_array_append_new(arr, j);
}

json_t *
xjsonio_interval(double lo, double hi)
{
	json_t *o = json_object();

	if (o == NULL)
		xoom();
	xjsonio_set(o, "lo", xjsonio_num(lo));
	xjsonio_set(o, "hi", xjsonio_num(hi));
	return o;
}

int
jsonio_write(const json_t *doc, FILE *fp, const char *name, struct perr *e)
{
	size_t flags = JSONIO_DUMP_FLAGS;

	if (json_dumpf(doc, fp, flags) != 0 || putc('\n', fp) == EOF ||
	    ferror(fp))
		return perr_set(e, "%s: write error: %s", name, strerror(errno));
	return 0;
}

json_t *
jsonio_read(const char *path, struct perr *e)
{
	json_error_t je;
	json_t *j;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;

	if (strcmp(path, "-") == 0)
		j = json_loadf(stdin, 0, &je);
	else
		j = json_load_file(path, 0, &je);
	if (j == NULL) {
		if (je.line < 0)
			perr_set(e, "%s: %s", name, je.text);
		else
			perr_set(e, "%s:%d:%d: %s", name, je.line, je.column,
			    je.text);
	}
	return j;
}

/* Writes s, each of its line ends followed by the indent ind. */
static int
indented(const char *s, const char *ind, FILE *fp)
{
	const char *nl;

	for (; (nl = strchr(s, '\n')) != NULL; s = nl + 1)
		if (fwrite(s, 1, (size_t)(nl + 1 - s), fp) != (size_t)(nl + 1 - s) ||
		    fputs(ind, fp) == EOF)
			return -1;
	return fputs(s, fp) == EOF ? -1 : 0;
}

/* The document dumped, cut at the string mark: *at is where the mark
 * was (now a NUL), *after what follows it.  NULL when out of memory. */
static char *
dump_at(const json_t *doc, const char *mark, char **at, char **after)
{
	json_t *m = json_string(mark);
	char *all = json_dumps(doc, JSONIO_DUMP_FLAGS), *em;

	em = json_dumps(m, JSON_ENCODE_ANY);
	json_decref(m);
	if (all == NULL || em == NULL || (*at = strstr(all, em)) == NULL) {
		free(all);
		free(em);
		errno = ENOMEM;
		return NULL;
	}
	*after = *at + strlen(em);
	**at = '\0';
	free(em);
	return all;
}

int
jsonio_write_stream(const json_t *doc, const char *mark,
    int (*next)(void *ctx, size_t i, json_t **elem), void *ctx, FILE *fp)
{
	json_t *g = NULL;
	char *all, *em, *at, *s, *open;
	size_t i;
	int rv = 0, got;

	/* The document before the mark, whose indent (the line's start to
	 * the mark) each element's lines take. */
	if ((all = dump_at(doc, mark, &at, &s)) == NULL)
		return -1;
	for (open = at; open > all && open[-1] != '['; open--)
		;
	if ((got = next(ctx, 0, &g)) < 0) {
		free(all);
		return -1;
	}
	if (got == 0)	/* "[]", as jansson writes an empty array */
		*open = '\0';
	rv |= fputs(all, fp) == EOF ? -1 : 0;
	/* An element that fails leaves the document unclosed: no reader
	 * takes what was written for the whole. */
	for (i = 0; got > 0 && rv == 0; got = next(ctx, ++i, &g)) {
		em = json_dumps(g, JSONIO_DUMP_FLAGS);
		json_decref(g);
		g = NULL;
		if (em == NULL) {
			errno = ENOMEM;
			rv = -1;
			break;
		}
		if (i > 0 && (fputs(",", fp) == EOF ||
		    indented("\n", open + 1, fp) < 0))
			rv = -1;
		if (rv == 0)
			rv = indented(em, open + 1, fp);
		free(em);
	}
	if (got > 0)
		json_decref(g);		/* one left by a write error */
	free(all);
	if (got < 0)
		rv = -1;
	/* The rest, as it is now that every element was made. */
	if (rv == 0 && (all = dump_at(doc, mark, &at, &s)) == NULL)
		return -1;
	if (rv == 0) {
		if (i == 0)
			while (*s == '\n' || *s == ' ')
				s++;
		if (fputs(s, fp) == EOF || putc('\n', fp) == EOF)
			rv = -1;
		free(all);
	}
	return rv < 0 || ferror(fp) ? -1 : 0;
}
