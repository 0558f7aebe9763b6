/* test_jsonio.c - unknown numbers as null, output format, read errors,
 * formatted strings, notes and intervals. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/jsonio.h"
#include "tap.h"

int
main(void)
{
	struct perr e = { "" };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	json_t *doc = json_object(), *j;

	xjsonio_set(doc, "format", json_string("test/1"));
	xjsonio_set(doc, "a", xjsonio_num(0.1));
	xjsonio_set(doc, "nan", xjsonio_num(NAN));
	xjsonio_set(doc, "inf", xjsonio_num(INFINITY));
	xjsonio_set(doc, "negzero", xjsonio_num(-0.0));
	xjsonio_set(doc, "third", xjsonio_num(1.0 / 3));
	tap_int(jsonio_write(doc, fp, "mem", &e), 0, "write succeeds");
	fclose(fp);
	tap_str(buf, "{\n  \"format\": \"test/1\",\n  \"a\": 0.1,\n  \"nan\": null,\n"
	    "  \"inf\": null,\n  \"negzero\": 0.0,\n  \"third\": 0.333333333333333\n}\n",
	    "keys in order, 15 digits, NaN and inf as null");
	free(buf);
	json_decref(doc);

	/* Text from data that is not UTF-8 (found by tests/fuzz/lf/filecheck:
	 * a runs name with a 0xff byte ended perf-validate "out of memory"). */
	j = xjsonio_text("s\xffort \xc3\xa9 \xe2\x82 \xed\xa0\x80 \xf4\x90\x80\x80");
	tap_str(json_string_value(j), "s\xef\xbf\xbdort \xc3\xa9 \xef\xbf\xbd"
	    "\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd "
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
	    "text: invalid bytes (cut, surrogate, above U+10FFFF) become U+FFFD, valid ones stay");
	json_decref(j);
	doc = json_object();
	xjsonio_set(doc, "k\xff", json_integer(1));
	tap_ok(json_integer_value(json_object_get(doc, "k\xef\xbf\xbd")) == 1,
	    "a key that is not UTF-8 is repaired, not dropped");
	json_decref(doc);

	fp = fopen("/dev/full", "w");
	doc = json_pack("{s:s}", "k", "v");
	setvbuf(fp, NULL, _IOFBF, 1 << 16);
	tap_int(jsonio_write(doc, fp, "/dev/full", &e) == 0 && fflush(fp) == 0, 0,
	    "a full device is an error");
	fclose(fp);
	json_decref(doc);

	j = jsonio_read(tap_file("bad.json", "{\n  \"a\": 1,\n  \"b\": }\n"), &e);
	tap_ok(j == NULL, "malformed JSON refused");
	tap_ok(strstr(e.msg, "bad.json:3:") != NULL, "  with file:line:col (%s)",
	    e.msg);
	j = jsonio_read(tap_file("good.json", "{\"a\": [1, 2]}"), &e);
	tap_ok(j != NULL && json_array_size(json_object_get(j, "a")) == 2,
	    "good JSON read");
	json_decref(j);

	j = jsonio_fmt("n=%zu, need %d", (size_t)2, 3);
	tap_str(json_string_value(j), "n=2, need 3", "jsonio_fmt formats a string");
	json_decref(j);
	tap_ok(jsonio_fmt("%s", "\xff") == NULL,
	    "jsonio_fmt: text that is not UTF-8 is NULL");
	j = json_array();
	xjsonio_appendf(j, "a %s", "note");
	xjsonio_appendf(j, "%s", "\xff");
	xjsonio_appendf(j, "%d", 7);
	tap_int((long long)json_array_size(j), 2,
	    "xjsonio_appendf leaves out non-UTF-8");
	tap_str(json_string_value(json_array_get(j, 1)), "7", "  in order");
	json_decref(j);
	j = xjsonio_interval(1.5, NAN);
	tap_ok(json_real_value(json_object_get(j, "lo")) == 1.5 &&
	    json_is_null(json_object_get(j, "hi")) && json_object_size(j) == 2,
	    "xjsonio_interval: lo and hi, NaN as null");
	json_decref(j);
	return tap_done();
}
