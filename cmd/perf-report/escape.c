/* escape.c - text from data made safe for a terminal, Markdown, HTML and
 * gnuplot. */
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "fmt/markup.h"
#include "util/xalloc.h"

/* A growing string. */
struct buf {
	char *s;
	size_t n, cap;
};

static void
put(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

/* Writes a control character as a visible escape; returns 0 when c is not
 * one. */
static int
put_ctl(struct buf *b, unsigned char c)
{
	char esc[5];

	if (markup_ctl(c, esc) == NULL)
		return 0;
	put(b, esc, strlen(esc));
	return 1;
}

static char *
done(struct buf *b)
{
	if (b->s == NULL)
		return xstrdup("");
	return b->s;
}

char *
escape_text(const char *s)
{
	return markup_text(s);
}

char *
escape_md(const char *s)
{
	static const char special[] = "\\`*_{}[]<>()#+-!|~&";
	struct buf b = { NULL, 0, 0 };

	for (; *s; s++) {
		if (put_ctl(&b, (unsigned char)*s))
			continue;
		if (strchr(special, *s))
			put(&b, "\\", 1);
		put(&b, s, 1);
	}
	return done(&b);
}

/* HTML's five specials as entities; with doc, line ends and tabs as
 * character references (a document's own, kept as they are), else as
 * visible escapes like every control character. */
static char *
html(const char *s, int doc)
{
	struct buf b = { NULL, 0, 0 };
	char ref[8];

	for (; *s; s++) {
		switch (*s) {
		case '&': put(&b, "&amp;", 5); break;
		case '<': put(&b, "&lt;", 4); break;
		case '>': put(&b, "&gt;", 4); break;
		case '"': put(&b, "&quot;", 6); break;
		case '\'': put(&b, "&#39;", 5); break;
		case '\n': case '\t': case '\r':
			if (doc) {
				snprintf(ref, sizeof ref, "&#%d;", *s);
				put(&b, ref, strlen(ref));
				break;
			}
			/* FALLTHROUGH */
		default:
			if (!put_ctl(&b, (unsigned char)*s))
				put(&b, s, 1);
		}
	}
	return done(&b);
}

char *
escape_html(const char *s)
{
	return html(s, 0);
}

char *
escape_srcdoc(const char *s)
{
	return html(s, 1);
}

char *
escape_gp(const char *s)
{
	struct buf b = { NULL, 0, 0 };

	put(&b, "'", 1);
	for (; *s; s++) {
		if (*s == '\'')
			put(&b, "''", 2);
		else if (!put_ctl(&b, (unsigned char)*s))
			put(&b, s, 1);
	}
	put(&b, "'", 1);
	return done(&b);
}

size_t
escape_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

/* The length of the valid UTF-8 sequence at s, or 0. */
static size_t
utf8_len(const unsigned char *s)
{
	size_t n, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0)
		n = 2, cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3, cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and beyond U+10FFFF are invalid. */
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
	    (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

char *
escape_utf8(const char *s)
{
	struct buf b = { NULL, 0, 0 };
	size_t n;

	while (*s) {
		if ((n = utf8_len((const unsigned char *)s)) == 0) {
			put(&b, "\xef\xbf\xbd", 3);
			s++;
		} else {
			put(&b, s, n);
			s += n;
		}
	}
	return done(&b);
}
