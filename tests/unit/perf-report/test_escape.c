/* test_escape.c - escape: text from data made safe for a terminal,
 * Markdown, HTML and gnuplot string literals. */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "tap.h"

static void
is(char *got, const char *want, const char *name)
{
	tap_str(got, want, name);
	free(got);
}

int
main(void)
{
	is(escape_text(""), "", "text: empty");
	is(escape_text("a\nb\tc\r\x1b[2J\\"), "a\\nb\\tc\\r\\x1b[2J\\",
	    "text: control characters visible, backslash as is");
	is(escape_text("caf\xc3\xa9"), "caf\xc3\xa9", "text: UTF-8 kept");
	is(escape_md("*a* _b_ `c` [d](e) <f> | # ! ~ & \\"),
	    "\\*a\\* \\_b\\_ \\`c\\` \\[d\\]\\(e\\) \\<f\\> \\| \\# \\! \\~ \\& \\\\",
	    "md: every markup character escaped");
	is(escape_md("line\nbreak"), "line\\nbreak", "md: a newline ends no row");
	is(escape_html("<a href=\"x\">it's & </a>"),
	    "&lt;a href=&quot;x&quot;&gt;it&#39;s &amp; &lt;/a&gt;",
	    "html: entities");
	is(escape_html("a\nb\tc"), "a\\nb\\tc", "html: line ends visible");
	is(escape_srcdoc("<p a='1'>\n// x\r\n\ty\x01</p>"),
	    "&lt;p a=&#39;1&#39;&gt;&#10;// x&#13;&#10;&#9;y\\x01&lt;/p&gt;",
	    "srcdoc: a document's line ends and tabs kept as references");
	is(escape_gp(""), "''", "gp: empty literal");
	is(escape_gp("it's"), "'it''s'", "gp: a quote doubled");
	is(escape_gp("`id` @m system(\"x\") \\"), "'`id` @m system(\"x\") \\'",
	    "gp: backquotes, macros, system() and a trailing backslash inert "
	    "inside single quotes");
	is(escape_gp("a\nb"), "'a\\nb'", "gp: a newline cannot end the command");
	is(escape_utf8("ok \xc3\xa9"), "ok \xc3\xa9", "utf8: valid kept");
	is(escape_utf8("a\xff" "b"), "a\xef\xbf\xbd" "b", "utf8: a stray byte replaced");
	is(escape_utf8("\xc0\xaf"), "\xef\xbf\xbd\xef\xbf\xbd", "utf8: overlong refused");
	is(escape_utf8("\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
	    "utf8: a surrogate refused");
	is(escape_utf8("\xe2\x82"), "\xef\xbf\xbd\xef\xbf\xbd", "utf8: cut short");
	tap_int((long long)escape_width("caf\xc3\xa9"), 4, "width: code points");
	tap_int((long long)escape_width(""), 0, "width: empty");
	return tap_done();
}
