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
	    "# HELP perfpipe_cpu_busy_ratio perf-sample column cpu_busy_pct\n"
	    "# TYPE perfpipe_cpu_busy_ratio gauge\n"
	    "perfpipe_cpu_busy_ratio{host=\"h\",pid=\"1\"} 0.125\n"
	    "perfpipe_cpu_busy_ratio{host=\"h\",pid=\"a\\\"b\\\\c\\nd\"} 0.135\n"
	    "# HELP perfpipe_cpu_core_busy_ratio perf-sample columns cpuN_busy_pct\n"
	    "# TYPE perfpipe_cpu_core_busy_ratio gauge\n"
	    "perfpipe_cpu_core_busy_ratio{host=\"h\",pid=\"1\",cpu=\"0\"} 0.1\n"
	    "perfpipe_cpu_core_busy_ratio{host=\"h\",pid=\"1\",cpu=\"1\"} 0.1525\n"
	    "perfpipe_cpu_core_busy_ratio{host=\"h\",pid=\"a\\\"b\\\\c\\nd\",cpu=\"0\"} 0.1\n"
	    "perfpipe_cpu_core_busy_ratio{host=\"h\",pid=\"a\\\"b\\\\c\\nd\",cpu=\"1\"} 0.1525\n"
	    "# HELP perfpipe_load1 perf-sample column load1\n"
	    "# TYPE perfpipe_load1 gauge\n",
	    "families grouped, labels escaped, NaN left out");
	{
		char name[160];
		double scale;
		int counter;
		static const struct {
			const char *col, *name;
			double scale;
			int counter;
		} cases[] = {
			{ "ctxt_per_s", "perfpipe_ctxt_total", 1, 1 },
			{ "disk_read_bytes_per_s", "perfpipe_disk_read_bytes_total",
			    1, 1 },
			{ "psi_io_some_stall_ms_per_s",
			    "perfpipe_psi_io_some_stall_seconds_total", 1e-3, 1 },
			{ "proc_user_s_per_s", "perfpipe_proc_user_seconds_total",
			    1, 1 },
			{ "mem_used_kib", "perfpipe_mem_used_bytes", 1024, 0 },
			{ "disk_await_ms", "perfpipe_disk_await_seconds", 1e-3, 0 },
			{ "interval_s", "perfpipe_interval_seconds", 1, 0 },
			{ "fd_open_count", "perfpipe_fd_open", 1, 0 },
			{ "procs_total_count", "perfpipe_procs", 1, 0 },
			{ "proc_count", "perfpipe_proc_processes", 1, 0 },
			{ "load1", "perfpipe_load1", 1, 0 },
		};
		size_t k;

		for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
			promtext_name(cases[k].col, name, sizeof name, &scale,
			    &counter);
			tap_ok(strcmp(name, cases[k].name) == 0 &&
			    scale == cases[k].scale &&
			    counter == cases[k].counter, "%s: %s", cases[k].col,
			    name);
		}
	}
	free(text);
	for (i = 0; i < 2; i++)
		sampler_row_free(&r[i]);
	return tap_done();
}
