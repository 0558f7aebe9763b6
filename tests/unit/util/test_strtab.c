/* test_strtab.c - the string table: numbers in order of arrival, lookups
 * by length (not NUL), growth, and agreement with a plain list. */
#include <stdio.h>
#include <string.h>

#include "util/strtab.h"
#include "tap.h"

int
main(void)
{
	struct strtab t;
	char s[32];
	size_t i, bad = 0;
	int added;

	strtab_init(&t);
	tap_int((long long)strtab_find(&t, "a", 1), (long long)STRTAB_NONE,
	    "nothing in an empty table");
	tap_int((long long)strtab_add(&t, "host=a", 6, &added), 0, "first is 0");
	tap_int(added, 1, "  added");
	tap_int((long long)strtab_add(&t, "host=b;x", 6, &added), 1,
	    "a prefix of a longer text, by its length");
	tap_int((long long)strtab_add(&t, "host=a", 6, &added), 0,
	    "the same again: its number");
	tap_int(added, 0, "  not added");
	tap_int((long long)strtab_find(&t, "host", 4), (long long)STRTAB_NONE,
	    "a prefix of a string is not the string");
	tap_int((long long)strtab_add(&t, "", 0, NULL), 2, "the empty string");
	tap_str(t.str[1], "host=b", "the table's copy, NUL-terminated");
	/* 100,000 strings, every one added twice: numbered in order and
	 * found, through many growths. */
	for (i = 0; i < 100000; i++) {
		snprintf(s, sizeof s, "k%zu", i * 7919);
		bad += strtab_add(&t, s, strlen(s), NULL) != i + 3;
	}
	for (i = 0; i < 100000; i++) {
		snprintf(s, sizeof s, "k%zu", i * 7919);
		bad += strtab_add(&t, s, strlen(s), &added) != i + 3 || added;
		bad += strtab_find(&t, s, strlen(s)) != i + 3;
	}
	tap_int((long long)bad, 0, "100,000 strings numbered in order and found");
	tap_int((long long)t.n, 100003, "  no duplicates");
	strtab_free(&t);
	return tap_done();
}
