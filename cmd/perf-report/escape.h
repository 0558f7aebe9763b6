/* escape.h - text from data made safe for each place it is written: a
 * terminal, Markdown, HTML, and gnuplot string literals. */
#ifndef ESCAPE_H
#define ESCAPE_H

#include <stddef.h>

/*
 * Each returns a new string (the caller frees it; dies when memory runs
 * out).  Control characters, which could move a terminal's cursor or end
 * a line of a table or a script, become visible escapes in all of them:
 * "\n", "\t", "\r", "\\" stays as it is, others "\xHH".
 */
char *escape_text(const char *s);
/* For Markdown text and table cells: also a backslash before each of
 * \ ` * _ { } [ ] < > ( ) # + - ! | ~ and &, so no markup starts. */
char *escape_md(const char *s);
/* For HTML text and attribute values: & < > " ' as entities. */
char *escape_html(const char *s);
/* A whole document for an attribute's value (an iframe's srcdoc): as
 * escape_html, but its line ends and tabs kept, as &#10; &#13; &#9; (a
 * script's line comment ends at its line's end). */
char *escape_srcdoc(const char *s);
/* A gnuplot single-quoted string literal, quotes included: inside single
 * quotes gnuplot expands no backslash, backquote or macro, and a quote is
 * written twice; what is inside is data, never a command. */
char *escape_gp(const char *s);
/* s with each byte that is not part of valid UTF-8 replaced by U+FFFD,
 * so it can go into JSON (jansson refuses invalid UTF-8). */
char *escape_utf8(const char *s);
/* The number of columns s takes on a terminal (UTF-8 code points). */
size_t escape_width(const char *s);

#endif
