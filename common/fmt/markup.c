/* markup.c - escaping data for XML and Markdown, with UTF-8 checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/markup.h"
#include "util/xalloc.h"

static const char replacement[] = "\xEF\xBF\xBD";	/* U+FFFD */

size_t
markup_utf8len(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned long cp;
	size_t n, i;

	if (s[0] == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)	/* also stops at the NUL */
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

/* XML 1.0 allows no C0 control but tab, newline and carriage return,
 * and neither U+FFFE nor U+FFFF. */
static int
xml_allowed(const char *s, size_t n)
{
	if (n == 1)
		return (unsigned char)s[0] >= 0x20 || s[0] == '\t' ||
		    s[0] == '\n' || s[0] == '\r';
	return !(n == 3 && memcmp(s, "\xEF\xBF\xBE", 3) == 0) &&
	    !(n == 3 && memcmp(s, "\xEF\xBF\xBF", 3) == 0);
}

int
markup_xml(const char *s, FILE *fp)
{
	const char *ent;
	size_t n;

	while (*s) {
		switch (*s) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&apos;"; break;
		case '\t': ent = "&#9;"; break;
		case '\n': ent = "&#10;"; break;
		case '\r': ent = "&#13;"; break;
		default: ent = NULL;
		}
		n = markup_utf8len(s);
		if (ent)
			fputs(ent, fp);
		else if (n == 0 || !xml_allowed(s, n))
			fputs(replacement, fp);
		else
			fwrite(s, 1, n, fp);
		s += n ? n : 1;
	}
	return ferror(fp) ? EOF : 0;
}

int
markup_md(const char *s, FILE *fp)
{
	size_t n;

	while (*s) {
		n = markup_utf8len(s);
		if (n == 0)
			fputs(replacement, fp);
		else if (n > 1)
			fwrite(s, 1, n, fp);
		else if (*s == '&')
			fputs("&amp;", fp);
		else if (*s == '<')
			fputs("&lt;", fp);
		else if (*s == '>')
			fputs("&gt;", fp);
		else if ((unsigned char)*s < 0x20 || *s == 0x7F)
			putc(' ', fp);
		else {
			if (strchr("\\`*_[]|~#!", *s))
				putc('\\', fp);
			putc(*s, fp);
		}
		s += n ? n : 1;
	}
	return ferror(fp) ? EOF : 0;
}

int
markup_md_row(FILE *fp, const char *const *cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		fputs("| ", fp);
		markup_md(cells[i], fp);
		putc(' ', fp);
	}
	fputs("|\n", fp);
	return ferror(fp) ? EOF : 0;
}

int
markup_md_rule(FILE *fp, const char *align, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fputs(align[i] == 'r' ? "|---:" : "|:---", fp);
	fputs("|\n", fp);
	return ferror(fp) ? EOF : 0;
}

const char *
markup_ctl(unsigned char c, char *buf)
{
	if (c >= 0x20 && c != 0x7f)
		return NULL;
	if (c == '\n' || c == '\t' || c == '\r') {
		buf[0] = '\\';
		buf[1] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
		buf[2] = '\0';
	} else
		snprintf(buf, 5, "\\x%02x", c);
	return buf;
}

char *
markup_text(const char *s)
{
	char esc[5], *out, *o;
	const char *p, *e;
	size_t n = 0;

	for (p = s; *p; p++)
		n += (e = markup_ctl((unsigned char)*p, esc)) ? strlen(e) : 1;
	out = o = xmalloc(n + 1);
	for (p = s; *p; p++)
		if ((e = markup_ctl((unsigned char)*p, esc)) != NULL)
			o = stpcpy(o, e);
		else
			*o++ = *p;
	*o = '\0';
	return out;
}
