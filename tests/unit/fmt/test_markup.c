/* test_markup.c - data escaped for XML and Markdown: markup characters,
 * control characters, every kind of invalid UTF-8. */
#include <stdio.h>
#include <stdlib.h>

#include "fmt/markup.h"
#include "tap.h"

/* What f writes for s. */
static char *
out(int (*f)(const char *, FILE *), const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	f(s, fp);
	fclose(fp);
	return buf;
}

static void
check(int (*f)(const char *, FILE *), const char *s, const char *want,
    const char *name)
{
	char *got = out(f, s);

	tap_str(got, want, name);
	free(got);
}

static void
utf8(void)
{
	tap_int(markup_utf8len(""), 0, "utf8: NUL");
	tap_int(markup_utf8len("a"), 1, "utf8: ASCII");
	tap_int(markup_utf8len("\xC3\xA9"), 2, "utf8: two bytes");
	tap_int(markup_utf8len("\xE2\x82\xAC"), 3, "utf8: three bytes");
	tap_int(markup_utf8len("\xF0\x9F\x98\x80"), 4, "utf8: four bytes");
	tap_int(markup_utf8len("\x80"), 0, "utf8: stray continuation");
	tap_int(markup_utf8len("\xC0\xAF"), 0, "utf8: overlong two");
	tap_int(markup_utf8len("\xE0\x80\xAF"), 0, "utf8: overlong three");
	tap_int(markup_utf8len("\xF0\x80\x80\xAF"), 0, "utf8: overlong four");
	tap_int(markup_utf8len("\xED\xA0\x80"), 0, "utf8: surrogate");
	tap_int(markup_utf8len("\xF4\x90\x80\x80"), 0, "utf8: above U+10FFFF");
	tap_int(markup_utf8len("\xE2\x82"), 0, "utf8: cut short at the end");
	tap_int(markup_utf8len("\xE2" "a"), 0, "utf8: cut short by ASCII");
	tap_int(markup_utf8len("\xFF"), 0, "utf8: 0xFF");
}

static void
xml(void)
{
	check(markup_xml, "", "", "xml: empty");
	check(markup_xml, "plain text 1.5%", "plain text 1.5%", "xml: plain");
	check(markup_xml, "a<b>&\"c\"'d'",
	    "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;", "xml: markup");
	check(markup_xml, "]]>", "]]&gt;", "xml: CDATA end");
	check(markup_xml, "a\tb\nc\rd", "a&#9;b&#10;c&#13;d",
	    "xml: tab, newline, return as references");
	check(markup_xml, "a\001b\033[31mc\x7f", "a\xEF\xBF\xBD" "b\xEF\xBF\xBD"
	    "[31mc\x7f", "xml: C0 controls replaced, DEL allowed");
	check(markup_xml, "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80",
	    "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", "xml: UTF-8 kept");
	check(markup_xml, "a\xFF" "b\xC3", "a\xEF\xBF\xBD" "b\xEF\xBF\xBD",
	    "xml: invalid bytes replaced, one each");
	check(markup_xml, "\xED\xA0\x80x", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDx",
	    "xml: a surrogate's three bytes replaced");
	check(markup_xml, "\xEF\xBF\xBE\xEF\xBF\xBF",
	    "\xEF\xBF\xBD\xEF\xBF\xBD", "xml: U+FFFE and U+FFFF replaced");
}

static void
md(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;
	const char *cells[] = { "host|1", "*x*" };

	check(markup_md, "wall_s", "wall\\_s", "md: underscore");
	check(markup_md, "a|b\\c`d*e[f]g~h#i!j", "a\\|b\\\\c\\`d\\*e\\[f\\]g\\~h"
	    "\\#i\\!j", "md: table and inline markup");
	check(markup_md, "<script>&amp;", "&lt;script&gt;&amp;amp;",
	    "md: HTML as text");
	check(markup_md, "two\nlines\tand\001", "two lines and ",
	    "md: control characters as spaces");
	check(markup_md, "\xC3\xA9\xFFz", "\xC3\xA9\xEF\xBF\xBDz",
	    "md: invalid UTF-8 replaced");
	fp = open_memstream(&buf, &len);
	markup_md_row(fp, cells, 2);
	markup_md_rule(fp, "lr", 2);
	fclose(fp);
	tap_str(buf, "| host\\|1 | \\*x\\* |\n|:---|---:|\n", "md: row and rule");
	free(buf);
}

int
main(void)
{
	utf8();
	xml();
	md();
	return tap_done();
}
