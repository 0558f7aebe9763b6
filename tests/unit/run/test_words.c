/* test_words.c - splitting command lines into words without a shell. */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "run/words.h"

/* Splits s and joins the words with '|'; "ERR: msg" on error. */
static const char *
split(const char *s)
{
	static char buf[1200];
	struct perr e;
	char **w;
	size_t i;

	if ((w = words_split(s, &e)) == NULL) {
		snprintf(buf, sizeof buf, "ERR: %s", e.msg);
		return buf;
	}
	buf[0] = '\0';
	for (i = 0; w[i] != NULL; i++)
		strcat(strcat(buf, i ? "|" : ""), w[i]);
	words_free(w);
	return buf;
}

int
main(void)
{
	tap_str(split("ls -l /tmp"), "ls|-l|/tmp", "blanks separate");
	tap_str(split("  a\t b\n"), "a|b", "runs of blanks, tabs, newlines");
	tap_str(split("echo 'a b' \"c d\""), "echo|a b|c d", "quotes group");
	tap_str(split("x'y'\"z\""), "xyz", "quotes join within a word");
	tap_str(split("a\\ b"), "a b", "backslash escapes a blank");
	tap_str(split("'$HOME' \"$x\" *"), "$HOME|$x|*", "nothing expanded");
	tap_str(split("\"a\\\"b\\n\""), "a\"b\\n", "in double quotes \\ only escapes some");
	tap_str(split("'a\\b'"), "a\\b", "in single quotes nothing is escaped");
	tap_str(split("''"), "", "an empty word");
	tap_str(split("'oops"), "ERR: command ''oops': unterminated quote",
	    "unterminated single quote");
	tap_str(split("\"oops"), "ERR: command '\"oops': unterminated quote",
	    "unterminated double quote");
	tap_str(split("a\\"), "ERR: command 'a\\': backslash at the end",
	    "trailing backslash");
	tap_str(split("   "), "ERR: command '   ': no words", "no words");
	tap_str(split(""), "ERR: command '': no words", "empty");
	return tap_done();
}
