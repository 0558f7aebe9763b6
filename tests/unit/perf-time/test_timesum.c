/* test_timesum.c - the summary text: figures, warnings, the comparison. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "timesum.h"

/* Prints bench k into a string (static). */
static const char *
block(const struct timesum_bench *b)
{
	static char *buf;
	size_t len;
	FILE *fp;

	free(buf);
	buf = NULL;
	fp = open_memstream(&buf, &len);
	timesum_bench(fp, 1, b);
	fclose(fp);
	return buf;
}

/* Checks that s holds part; the test is named by part, newlines shown
 * as \n so that each TAP line stays one line. */
static int
has(const char *s, const char *part)
{
	char name[512];
	size_t i, n = 0;

	for (i = 0; part[i] != '\0' && n + 3 < sizeof name; i++) {
		if (part[i] == '\n') {
			name[n++] = '\\';
			name[n++] = 'n';
		} else
			name[n++] = part[i];
	}
	name[n] = '\0';
	if (!tap_ok(strstr(s, part) != NULL, "has '%s'", name))
		printf("#   in: %s\n", s);
	return strstr(s, part) != NULL;
}

int
main(void)
{
	double w[10] = { .010, .011, .010, .012, .011, .010, .011, .012, .010,
	    .011 }, u[10], s[10], r[10], w2[10];
	struct timesum_bench b, c[2];
	const char *out;
	char buf[64], *cmp = NULL;
	double lo = NAN, hi = NAN;
	int n;
	size_t len, i;
	FILE *fp;

	tap_str(timesum_fmt(buf, sizeof buf, 1.5), "1.500 s", "seconds");
	tap_str(timesum_fmt(buf, sizeof buf, 0.0123), "12.30 ms", "ms");
	tap_str(timesum_fmt(buf, sizeof buf, 12e-6), "12.0 µs", "µs");
	tap_str(timesum_fmt(buf, sizeof buf, 0), "0.0 µs", "zero");
	tap_str(timesum_fmt(buf, sizeof buf, NAN), "?", "unknown");

	for (i = 0; i < 10; i++)
		u[i] = 0.008, s[i] = 0.001, r[i] = 2048, w2[i] = 2 * w[i];
	memset(&b, 0, sizeof b);
	b.label = "sort", b.wall = w, b.user = u, b.sys = s, b.rss = r;
	b.n = b.runs = 10;
	out = block(&b);
	has(out, "Benchmark 1: sort\n");
	has(out, "  Time (mean ± σ):       10.80 ms ± 788.8 µs    [User: 8.00 ms,"
	    " System: 1.00 ms]\n");
	has(out, "  Median (95% CI):       11.00 ms   [10.00 ms … 12.00 ms]\n");
	has(out, "  Range (min … max):     10.00 ms …  12.00 ms    10 runs\n");
	has(out, "  Peak memory:            2.0 MiB   (max 2.0 MiB, 10 of 10 runs"
	    " known)\n");
	tap_ok(strstr(out, "Warning") == NULL, "no warning for steady runs");

	w[0] = 0.050;
	out = block(&b);
	has(out, "Warning: outliers: 1 of 10 runs beyond Tukey's fences (1"
	    " severe), 1 with a modified z-score over 3.5");
	/* (50 - 11) / 11 / 10 runs: the mean moved by 35.5%. */
	has(out, "Warning: the first run took 50.00 ms, much longer than the"
	    " median 11.00 ms (cold caches?), moving the mean by 35.5%;"
	    " consider --warmup");
	w[0] = 0.010;

	/* Beyond the fences, but a 0.25% spread: nothing worth a warning. */
	{
		double tight[5] = { 1.000, 1.0001, 1.0002, 1.0001, 1.0025 };
		struct timesum_bench t = b;

		t.wall = tight, t.n = t.runs = 5;
		out = block(&t);
		tap_ok(strstr(out, "Warning: outliers") == NULL,
		    "a 0.25%% spread past the fences: no outlier warning");
	}

	b.shell = 1, b.timed_out = 2, b.failed = 1, b.runs = 12;
	for (i = 0; i < 10; i++)
		r[i] = NAN;
	out = block(&b);
	tap_ok(strstr(out, "less than 5 ms") == NULL, "10 ms is not too short");
	has(out, "Warning: 2 of 12 runs timed out (not counted)");
	has(out, "Warning: 1 of 12 runs failed (counted)");
	has(out, "Peak memory:         unknown (no more than perf-time's own)");
	b.n = 1, w[0] = 0.001;
	out = block(&b);
	has(out, "Warning: the command took less than 5 ms on average");
	has(out, "  Median:                 1.00 ms\n");
	b.n = 0;
	out = block(&b);
	has(out, "No run counted (12 runs)");
	w[0] = 0.010;

	memset(c, 0, sizeof c);
	c[0] = b, c[0].n = 10, c[0].label = "fast";
	c[1] = c[0], c[1].wall = w2, c[1].label = "slow";
	fp = open_memstream(&cmp, &len);
	timesum_compare(fp, c, 2);
	fclose(fp);
	/* Ratio 2 exactly; propagated: 2 * sqrt(2) * cv. */
	tap_ok(strncmp(cmp, "Summary\n  fast ran\n      2.00 ± 0.21 times faster"
	    " than slow (median ratio 2.00, 95% bootstrap interval ", 90) == 0,
	    "the comparison: 2.00 ± 0.21 (propagated), median ratio 2.00");
	n = sscanf(strstr(cmp, "interval ") + 9, "%lf … %lf)", &lo, &hi);
	tap_ok(n == 2 && lo <= 2 && hi >= 2 && hi - lo < 0.5,
	    "a bootstrap interval around 2 (%g, %g)", lo, hi);
	free(cmp);
	return tap_done();
}
