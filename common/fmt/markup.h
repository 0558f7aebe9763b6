/* markup.h - text from data (hosts, command names, labels, messages)
 * written into XML and into GitHub-flavoured Markdown as text only:
 * never as markup, never as an invalid document.  Every function writes
 * to fp and returns 0, or EOF when the stream has an error. */
#ifndef MARKUP_H
#define MARKUP_H

#include <stddef.h>
#include <stdio.h>

/* Length of the valid UTF-8 sequence at s (1-4), or 0 at an invalid one
 * (a stray continuation byte, an overlong form, a surrogate, a code
 * point above U+10FFFF, a truncated sequence) or at the NUL. */
size_t markup_utf8len(const char *s);
/* The visible escape of control character c ("\\n", "\\t", "\\r", else
 * "\\xHH") in buf (5 bytes at least), which is returned; NULL when c is
 * not a control character.  For terminals, where one could move the
 * cursor or end a line of a table. */
const char *markup_ctl(unsigned char c, char *buf);
/* s with each control character as markup_ctl writes it: a new string
 * (the caller frees it). */
char *markup_text(const char *s);
/* XML text or a double-quoted attribute value: & < > " ' as entities;
 * tab, newline and carriage return as character references (so that an
 * attribute keeps them); other control characters, U+FFFE, U+FFFF and
 * every byte that is not valid UTF-8 as U+FFFD, the replacement
 * character (XML 1.0 has no way to write them). */
int markup_xml(const char *s, FILE *fp);
/* Inline Markdown text, e.g. a table cell: the characters Markdown gives
 * meaning to (\ ` * _ [ ] | ~ # !) behind a backslash; & < > as
 * entities; a line break or other control character as a space (a table
 * row is one line); invalid UTF-8 as U+FFFD. */
int markup_md(const char *s, FILE *fp);
/* One table row: "| a | b |" and a newline, each cell through
 * markup_md. */
int markup_md_row(FILE *fp, const char *const *cells, size_t n);
/* The header's underline: align holds one letter per column, 'l' left,
 * 'r' right ("|:---|---:|"). */
int markup_md_rule(FILE *fp, const char *align, size_t n);

#endif
