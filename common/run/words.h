/* words.h - splitting a command line into words without a shell: blanks
 * separate, 'single' and "double" quotes and backslashes group, nothing
 * is expanded (no variables, globs or substitutions). */
#ifndef WORDS_H
#define WORDS_H

#include "util/perr.h"

/*
 * Returns a new NULL-terminated array of new strings, the words of s (free
 * with words_free); NULL with the reason in e for an unterminated quote, a
 * trailing backslash, or no words at all.  Inside double quotes a
 * backslash escapes only \ " $ ` and newline, as in sh.
 */
char **words_split(const char *s, struct perr *e);
void words_free(char **w);

#endif
