/* test_perfspan.c - lib/perfspan in-process: nesting and self time, the
 * run index, CSV quoting, one name through two pointers, aggregates
 * against the occurrences they sum, threads, an unwritable file.
 *
 * The recorder reads PERFSPAN_OUT when it is loaded, so the test runs
 * itself again with it set, in a directory of its own. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "perfspan.h"
#include "spanint.h"
#include "tap.h"

#define MAXROWS 20000
#define MAXF 24

static char cells[MAXROWS][MAXF][64];
static int nrows, ncols;
static char head[MAXF][32];

/* Reads a CSV file written by the library (RFC 4180 quoting). */
static int
readcsv(const char *path)
{
	FILE *f = fopen(path, "r");
	int c, row = -1, col = 0, q = 0;
	size_t k = 0;
	char *cell;

	nrows = 0;
	if (f == NULL)
		return -1;
	cell = head[0];
	while ((c = getc(f)) != EOF) {
		if (q) {
			if (c == '"') {
				if ((c = getc(f)) != '"') {
					q = 0;
					ungetc(c, f);
					continue;
				}
			}
		} else if (c == '"') {
			q = 1;
			continue;
		} else if (c == ',' || c == '\n') {
			cell[k] = '\0';
			k = 0;
			col = c == ',' ? col + 1 : 0;
			if (c == '\n') {
				if (row < 0)
					ncols = 0;
				row++;
				nrows = row;
				if (row >= MAXROWS)
					break;
			}
			if (col >= MAXF)
				break;
			if (row < 0) {
				ncols = col + 1;
				cell = head[col];
			} else {
				cell = cells[row][col];
			}
			continue;
		}
		if (k < 63)
			cell[k++] = (char)c;
	}
	fclose(f);
	return 0;
}

static int
colof(const char *name)
{
	int i;

	for (i = 0; i < MAXF; i++)
		if (strcmp(head[i], name) == 0)
			return i;
	return -1;
}

static const char *
cell(int row, const char *name)
{
	int c = colof(name);

	return c < 0 ? "" : cells[row][c];
}

static double
num(int row, const char *name)
{
	return strtod(cell(row, name), NULL);
}

/* Rows whose name (and parent, unless NULL) match. */
static int
find(const char *name, const char *parent, int *out, int max)
{
	int i, n = 0;

	for (i = 0; i < nrows && n < max; i++)
		if (strcmp(cell(i, "name"), name) == 0 && (parent == NULL ||
		    strcmp(cell(i, "parent"), parent) == 0))
			out[n++] = i;
	return n;
}

static void
busy(long n)
{
	volatile unsigned long x = 1;

	while (n-- > 0)
		x = x * 6364136223846793005u + 1;
}

static char copyname[] = "inner";

static void
nesting(void)
{
	int i, o[4], in[8], n;
	double sum = 0;
	char path[4300];
	const char *keep;

	perfspan_begin("outer");
	for (i = 0; i < 3; i++) {
		perfspan_begin("inner");
		busy(20000 * (i + 1));
		perfspan_end("inner");
	}
	/* The same name through another pointer: one row when aggregated. */
	perfspan_begin(copyname);
	busy(1000);
	perfspan_end("inner");
	perfspan_begin("odd, \"quoted\"\nname");
	perfspan_end("odd, \"quoted\"\nname");
	perfspan_end("outer");

	/* TEST_PERFSPAN_KEEP=DIR keeps both files for tests/perfspan.bats,
	 * which checks the aggregates against numpy. */
	if ((keep = getenv("TEST_PERFSPAN_KEEP")) != NULL)
		snprintf(span_conf.out, sizeof span_conf.out, "%s/rows.csv",
		    keep);
	span_conf.mode = 1;
	tap_int(perfspan_flush(), 0, "flush: rows");
	snprintf(path, sizeof path, "%s", span_conf.out);
	tap_int(readcsv(path), 0, "rows: read back");
	tap_str(head[0], "time", "rows: first column time");
	tap_int(find("outer", "", o, 4), 1, "rows: one outer, no parent");
	n = find("inner", "outer", in, 8);
	tap_int(n, 4, "rows: four inner under outer");
	for (i = 0; i < n; i++) {
		sum += num(in[i], "wall_s");
		tap_int((long long)num(in[i], "run"), i + 1, "rows: run index");
		tap_num(num(in[i], "self_s"), num(in[i], "wall_s"), 0, 0,
		    "rows: a leaf's self time is its wall time");
	}
	tap_ok(num(o[0], "wall_s") >= sum, "rows: parent %g >= children %g",
	    num(o[0], "wall_s"), sum);
	tap_int(find("odd, \"quoted\"\nname", "outer", in, 8), 1,
	    "rows: a name with a comma, quotes and a newline reads back");
	tap_str(cell(o[0], "measured_by"), "span", "rows: measured_by span");
	tap_str(cell(o[0], "calls_count"), "1", "rows: one call a row");
	tap_ok(num(o[0], "cpu_s") > 0 && num(o[0], "cpu_s") <=
	    num(o[0], "wall_s") * 1.05 + 1e-4, "rows: cpu_s %g within wall",
	    num(o[0], "cpu_s"));
	tap_ok(atol(cell(o[0], "pid")) == getpid() &&
	    atol(cell(o[0], "tid")) == gettid(), "rows: pid and tid");

	span_conf.mode = 2;
	if (keep != NULL) {
		snprintf(span_conf.out, sizeof span_conf.out, "%s/agg.csv",
		    keep);
		snprintf(path, sizeof path, "%s", span_conf.out);
	}
	tap_int(perfspan_flush(), 0, "flush: aggregates");
	readcsv(path);
	tap_int(find("inner", "outer", in, 8), 1,
	    "aggregate: one inner row for both pointers");
	tap_int((long long)num(in[0], "calls_count"), 4,
	    "aggregate: four calls");
	tap_num(num(in[0], "total_s"), sum, 0, 4e-9,
	    "aggregate: total is the rows' sum");
	tap_num(num(in[0], "wall_s"), sum / 4, 0, 2e-9,
	    "aggregate: wall_s is the mean");
	tap_ok(num(in[0], "min_s") <= num(in[0], "wall_s") &&
	    num(in[0], "wall_s") <= num(in[0], "max_s"),
	    "aggregate: min <= mean <= max");
	find("outer", "", o, 4);
	tap_num(num(o[0], "self_s"), num(o[0], "total_s") - sum -
	    num(find("odd, \"quoted\"\nname", NULL, in, 8) ? in[0] : 0,
	    "total_s"), 0, 4e-9, "aggregate: self = total - children");
}

static void *
worker(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 5000; i++) {
		perfspan_begin("threaded");
		perfspan_end("threaded");
	}
	return NULL;
}

static void
threads(void)
{
	pthread_t t[4];
	int i, r[16], n, ok = 1;
	long total = 0;

	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	/* Recorders of exited threads are reused, their rows kept. */
	pthread_create(&t[0], NULL, worker, NULL);
	pthread_join(t[0], NULL);
	tap_int(perfspan_flush(), 0, "threads: flush");
	readcsv(span_conf.out);
	n = find("threaded", "", r, 16);
	tap_int(n, 5, "threads: a row per thread");
	for (i = 0; i < n; i++) {
		total += atol(cell(r[i], "calls_count"));
		ok &= strcmp(cell(r[i], "dropped_count"), "0") == 0;
		ok &= i == 0 || strcmp(cell(r[i], "tid"),
		    cell(r[i - 1], "tid")) != 0;
	}
	tap_int(total, 25000, "threads: every call counted");
	tap_ok(ok, "threads: distinct tids, nothing dropped");
}

static int
twice(int x)
{
	return 2 * x;
}

static void
nothing(int x)
{
	(void)x;
}

static void
macros(void)
{
	int v = 0, r[4];

	PERFSPAN_SET(v, twice, 21);
	PERFSPAN_CALL(nothing, 1);
	PERFSPAN_CALL(nothing, 2);
	tap_int(v, 42, "PERFSPAN_SET: the value assigned");
	tap_int(perfspan_flush(), 0, "macros: flush");
	readcsv(span_conf.out);
	tap_int(find("twice", "", r, 4), 1, "PERFSPAN_SET: a span named twice");
	tap_int(find("nothing", "", r, 4), 1, "PERFSPAN_CALL: a span named nothing");
	tap_str(cell(r[0], "calls_count"), "2", "PERFSPAN_CALL: both calls");
}

static void
unwritable(void)
{
	char saved[sizeof span_conf.out];

	memcpy(saved, span_conf.out, sizeof saved);
	strcpy(span_conf.out, "/nonexistent/perfspan/rows.csv");
	tap_int(perfspan_flush(), -1, "unwritable: flush fails");
	tap_int(perfspan_flush(), -1, "unwritable: again (no second message)");
	memcpy(span_conf.out, saved, sizeof saved);
}

int
main(int argc, char **argv)
{
	static char dir[] = "/tmp/test_perfspan.XXXXXX";
	char out[64], agg[64];
	int rv;

	(void)argc;
	if (getenv("PERFSPAN_OUT") == NULL) {
		if (mkdtemp(dir) == NULL)
			return 2;
		snprintf(out, sizeof out, "%s/rows.csv", dir);
		setenv("PERFSPAN_OUT", out, 1);
		setenv("PERFSPAN_CPU", "1", 1);
		execv("/proc/self/exe", argv);
		return 2;
	}
	tap_ok(perfspan_on_, "PERFSPAN_OUT set: recording");
	nesting();
	threads();
	macros();
	unwritable();
	rv = tap_done();
	/* What the exit writes goes into the directory: remove it after. */
	snprintf(agg, sizeof agg, "%s", getenv("PERFSPAN_OUT"));
	unlink(agg);
	*strrchr(agg, '/') = '\0';
	perfspan_on_ = 0;
	memset(span_conf.out, 0, sizeof span_conf.out);
	rmdir(agg);
	return rv;
}
