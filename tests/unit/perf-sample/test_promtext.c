/* test_promtext.c - the Prometheus text format: families grouped, labels
 * escaped, unknown values left out. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "promtext.h"
#include "tap.h"

int
main(void)
{
	struct sampler_row r[2];
	const struct sampler_row *rp[2] = { &r[0], &r[1] };
	struct promtext_label l0[2] = { { "host", "h" }, { "pid", "1" } };
	struct promtext_label l1[2] = { { "host", "h" }, { "pid", "a\"b\\c\nd" } };
	const struct promtext_label *labs[2] = { l0, l1 };
	char *text = NULL;
	size_t len = 0;
	FILE *fp;
	int i;

	for (i = 0; i < 2; i++) {
		sampler_row_init(&r[i]);
		sampler_begin(&r[i]);
		sampler_put(&r[i], "cpu_busy_pct", 2, 12.5 + i);
		sampler_put_dev(&r[i], "cpu", "0", "busy_pct", "cpu_core_busy_pct",
		    "cpu", 2, 10);
		sampler_put(&r[i], "load1", 2, NAN);
		sampler_put_dev(&r[i], "cpu", "1", "busy_pct", "cpu_core_busy_pct",
		    "cpu", 2, 15.25);
	}
	fp = open_memstream(&text, &len);
	tap_int(promtext_write(fp, rp, 2, labs, 2), 0, "writes");
	fclose(fp);
	tap_str(text,
	    "# HELP perfpipe_cpu_busy_pct perf-sample column cpu_busy_pct\n"
	    "# TYPE perfpipe_cpu_busy_pct gauge\n"
	    "perfpipe_cpu_busy_pct{host=\"h\",pid=\"1\"} 12.5\n"
	    "perfpipe_cpu_busy_pct{host=\"h\",pid=\"a\\\"b\\\\c\\nd\"} 13.5\n"
	    "# HELP perfpipe_cpu_core_busy_pct perf-sample columns cpuN_busy_pct\n"
	    "# TYPE perfpipe_cpu_core_busy_pct gauge\n"
	    "perfpipe_cpu_core_busy_pct{host=\"h\",pid=\"1\",cpu=\"0\"} 10\n"
	    "perfpipe_cpu_core_busy_pct{host=\"h\",pid=\"1\",cpu=\"1\"} 15.25\n"
	    "perfpipe_cpu_core_busy_pct{host=\"h\",pid=\"a\\\"b\\\\c\\nd\",cpu=\"0\"} 10\n"
	    "perfpipe_cpu_core_busy_pct{host=\"h\",pid=\"a\\\"b\\\\c\\nd\",cpu=\"1\"} 15.25\n"
	    "# HELP perfpipe_load1 perf-sample column load1\n"
	    "# TYPE perfpipe_load1 gauge\n",
	    "families grouped, labels escaped, NaN left out");
	free(text);
	for (i = 0; i < 2; i++)
		sampler_row_free(&r[i]);
	return tap_done();
}
