/* test_junit.c - the JUnit document: counts, one element per status,
 * data escaped in attributes and text, whole-or-nothing files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmt/junit.h"
#include "tap.h"

static char *
doc(const struct junit *j)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	tap_int(junit_write(j, fp), 0, "write: no error");
	fclose(fp);
	return buf;
}

static void
empty(void)
{
	struct junit j;
	char *s;

	junit_init(&j, "perf-x");
	s = doc(&j);
	tap_str(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites name=\"perf-x\" tests=\"0\" failures=\"0\" errors=\"0\">\n"
	    "  <testsuite name=\"perf-x\" tests=\"0\" failures=\"0\" errors=\"0\" "
	    "skipped=\"0\">\n  </testsuite>\n</testsuites>\n", "empty suite");
	free(s);
	junit_free(&j);
}

static void
cases(void)
{
	struct junit j;
	char *s;

	junit_init(&j, "perf-trend");
	junit_add(&j, "host=a;name=\"x\"", "wall_s", JUNIT_PASS, NULL, NULL,
	    NULL);
	junit_add(&j, "g", "rss<&>", JUNIT_FAILURE, "regressed",
	    "+6.7% > 2%\nsee\001", "more");
	junit_add(&j, "g", "e", JUNIT_ERROR, "nothing", "none compared", NULL);
	junit_add(&j, "g", "s", JUNIT_SKIPPED, NULL, "only in the baseline",
	    NULL);
	junit_add(&j, "g", "p", JUNIT_PASS, NULL, NULL, "unchanged");
	s = doc(&j);
	tap_str(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites name=\"perf-trend\" tests=\"5\" failures=\"1\" errors=\"1\">\n"
	    "  <testsuite name=\"perf-trend\" tests=\"5\" failures=\"1\" errors=\"1\" "
	    "skipped=\"1\">\n"
	    "    <testcase classname=\"host=a;name=&quot;x&quot;\" name=\"wall_s\"/>\n"
	    "    <testcase classname=\"g\" name=\"rss&lt;&amp;&gt;\">\n"
	    "      <failure type=\"regressed\" message=\"+6.7% &gt; 2%&#10;see\xEF\xBF\xBD\">"
	    "+6.7% &gt; 2%&#10;see\xEF\xBF\xBD</failure>\n"
	    "      <system-out>more</system-out>\n    </testcase>\n"
	    "    <testcase classname=\"g\" name=\"e\">\n"
	    "      <error type=\"nothing\" message=\"none compared\">none compared</error>\n"
	    "    </testcase>\n"
	    "    <testcase classname=\"g\" name=\"s\">\n"
	    "      <skipped message=\"only in the baseline\"/>\n    </testcase>\n"
	    "    <testcase classname=\"g\" name=\"p\">\n"
	    "      <system-out>unchanged</system-out>\n    </testcase>\n"
	    "  </testsuite>\n</testsuites>\n", "every status, escaped");
	free(s);
	junit_free(&j);
}

static void
save(void)
{
	struct junit j;
	struct perr e;
	char path[4096], *s, got[4096];
	FILE *fp;
	size_t n;

	junit_init(&j, "perf-x");
	junit_add(&j, "c", "n", JUNIT_PASS, NULL, NULL, NULL);
	snprintf(path, sizeof path, "%s/j.xml", tap_tmpdir());
	tap_int(junit_save(&j, path, &e), 0, "save: done");
	fp = fopen(path, "r");
	n = fp ? fread(got, 1, sizeof got - 1, fp) : 0;
	got[n] = '\0';
	if (fp)
		fclose(fp);
	s = doc(&j);
	tap_str(got, s, "save: the file holds the document");
	free(s);
	snprintf(path, sizeof path, "%s/no/such/dir/j.xml", tap_tmpdir());
	tap_int(junit_save(&j, path, &e), -1, "save: a missing directory fails");
	tap_ok(strstr(e.msg, "no/such/dir") != NULL, "save: names the path: %s",
	    e.msg);
	tap_int(junit_save(&j, "/dev/full", &e), -1, "save: /dev/full fails");
	junit_free(&j);
}

int
main(void)
{
	empty();
	cases();
	save();
	return tap_done();
}
