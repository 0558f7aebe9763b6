/* trendjunit.c - a trend document's comparisons as JUnit test cases. */
#include <stdlib.h>
#include <string.h>

#include "trendfmt.h"
#include "trendjunit.h"
#include "util/num.h"
#include "util/xalloc.h"

static const json_t *
get2(const json_t *o, const char *a, const char *b)
{
	return json_object_get(json_object_get(o, a), b);
}

/* A number of the document to 4 significant digits, "-" when unknown. */
static const char *
sig(char *buf, const json_t *v)
{
	if (!json_is_number(v))
		return "-";
	return num_fmt_sig(buf, json_number_value(v), 4);
}

/* "regressed: median 0.1986 -> 0.2119 (+6.7%; threshold 2%), ratio 95% CI
 * [1.053, 1.078], p 3.248e-05 (Mann-Whitney, Holm)": the verdict and the
 * figures it rests on, as the text table shows them. */
static char *
words(const json_t *doc, const json_t *c)
{
	char b[7][NUM_BUFSZ];
	const json_t *ci = get2(c, "ratio", "ci");
	const json_t *ch = json_object_get(c, "change_pct");
	const char *v = json_string_value(json_object_get(c, "verdict"));

	return xasprintf("%s: median %s -> %s (%s%s%%; threshold %s%%), "
	    "ratio 95%% CI [%s, %s], p %s (Mann-Whitney, Holm)",
	    v ? v : "-", sig(b[0], get2(c, "baseline", "median")),
	    sig(b[1], get2(c, "candidate", "median")),
	    json_number_value(ch) > 0 ? "+" : "", sig(b[2], ch),
	    sig(b[3], get2(doc, "options", "threshold")),
	    sig(b[4], json_object_get(ci, "lo")),
	    sig(b[5], json_object_get(ci, "hi")),
	    sig(b[6], get2(c, "mann_whitney", "p_holm")));
}

void
trendjunit_cases(const json_t *doc, struct junit *j)
{
	const json_t *cmps = json_object_get(doc, "comparisons"), *c;
	char *label, *msg, *why;
	const char *v;
	size_t i;

	json_array_foreach(cmps, i, c) {
		label = trendfmt_label(c, 0);
		msg = words(doc, c);
		v = json_string_value(json_object_get(c, "verdict"));
		if (v && strcmp(v, "regressed") == 0)
			junit_add(j, label, json_string_value(json_object_get(c,
			    "metric")), JUNIT_FAILURE, v, msg, NULL);
		else
			junit_add(j, label, json_string_value(json_object_get(c,
			    "metric")), JUNIT_PASS, NULL, NULL, msg);
		free(msg);
		free(label);
	}
	json_array_foreach(json_object_get(doc, "unmatched"), i, c) {
		label = trendfmt_label(c, 0);
		why = xasprintf("not compared: only in the %s",
		    json_string_value(json_object_get(c, "only_in")));
		junit_add(j, label, "*", JUNIT_SKIPPED, NULL, why, NULL);
		free(why);
		free(label);
	}
	if (json_array_size(cmps) == 0)
		junit_add(j, "perf-trend", "comparison", JUNIT_ERROR,
		    "nothing_compared", "nothing was compared: no group and "
		    "metric of the candidate matches the baseline", NULL);
}
