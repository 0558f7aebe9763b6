/* test_sampler.c - the row machinery (declare then fill), rates, the fast
 * number format, and the process and cgroup columns. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/num.h"
#include "sampler.h"
#include "tap.h"

static void
fmt(double v, int dec, const char *want)
{
	char buf[64];
	size_t n = sampler_fmt(buf, v, dec);

	tap_ok(strcmp(buf, want) == 0 && n == strlen(want),
	    "%.17g with %d decimals is '%s' (got '%s')", v, dec, want, buf);
}

/* The value of the named column, NaN if there is no such column. */
static double
col(const struct sampler_row *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->col[i].name, name) == 0)
			return r->v[i];
	return NAN;
}

static struct procpid_info
proc(int pid, uint64_t start, uint64_t ut, uint64_t rb)
{
	struct procpid_info p;

	memset(&p, 0, sizeof p);
	p.pid = pid, p.start = start, p.utime = ut, p.stime = ut / 2;
	p.minflt = 10 * ut, p.majflt = ut, p.threads = 2, p.rss_kib = 100;
	p.fds = 4, p.rbytes = rb, p.wbytes = 2 * rb, p.vcsw = ut;
	p.ivcsw = 1;
	return p;
}

int
main(void)
{
	struct procpid_info pa[3], pb[3];
	struct procpid_tree a = { pa, 2, 3 }, b = { pb, 3, 3 };
	struct cgroup_snap ca, cb;
	struct sampler_row r, r2;
	char buf[64], want[64];
	double v;
	int i, same = 1;

	fmt(0, 2, "0");
	fmt(12.5, 2, "12.5");
	fmt(12.345, 2, "12.35");
	fmt(100, 2, "100");
	fmt(0.004, 2, "0");
	fmt(-0.004, 2, "0");
	fmt(-3.25, 2, "-3.25");
	fmt(1795500975.059, 3, "1795500975.059");
	fmt(0.100079, 6, "0.100079");
	fmt(1e-9, 9, "0.000000001");
	fmt(123456789012, 0, "123456789012");
	fmt(0.05, 2, "0.05");
	fmt(-1.05, 2, "-1.05");
	fmt(2.5, 3, "2.5");
	fmt(10, 9, "10");
	fmt(123456.000001, 6, "123456.000001");
	/* Past the fast path: num_fmt's text. */
	fmt(1e16, 0, "10000000000000000");
	fmt(1e20, 2, "100000000000000000000");
	fmt(NAN, 2, "");
	fmt(INFINITY, 2, "");
	/* Agrees with num_fmt away from ties. */
	for (i = 0; i < 2000; i++) {
		v = (i * 7919 % 100003) / 7.0 + 0.0001;
		sampler_fmt(buf, v, 2);
		num_fmt(want, v, 2);
		same &= strcmp(buf, want) == 0;
	}
	tap_ok(same, "agrees with num_fmt on 2000 values");

	tap_ok(isnan(sampler_rate(5, 4, 1)), "a counter going back: unknown");
	tap_ok(isnan(sampler_rate(PROCFILE_NONE, 4, 1)), "unknown start: unknown");
	tap_ok(isnan(sampler_rate(1, 4, 0)), "no interval: unknown");
	tap_num(sampler_rate(1, 5, 2), 2, 0, 0, "a rate");
	tap_ok(isnan(sampler_level(PROCFILE_NONE)) && sampler_level(3) == 3, "levels");

	sampler_row_init(&r);
	sampler_begin(&r);
	tap_ok(r.declaring, "an empty row declares");
	sampler_put(&r, "x_pct", 2, 1);
	sampler_put_dev(&r, "disk_", "dm-0", "util_pct", "disk_device_util_pct",
	    "device", 2, 2);
	sampler_put_dev(&r, "net_", "Eth.1", "rx_bytes_per_s",
	    "net_device_rx_bytes_per_s", "device", 2, 3);
	tap_int((long long)r.ncols, 3, "three columns");
	tap_str(r.col[1].name, "disk_dm_2d0_util_pct", "device names escaped");
	tap_str(r.col[2].name, "net__45th_2e1_rx_bytes_per_s",
	    "upper case escaped too: the name reads back");
	{
		char *e1 = sampler_escape("eth0.100"), *e2 = sampler_escape("eth0_100");

		tap_str(e1, "eth0_2e100", "eth0.100");
		tap_str(e2, "eth0_5f100", "eth0_100: not the same column");
		free(e1);
		free(e2);
	}
	tap_str(r.col[1].lval, "dm-0", "the label keeps the real name");
	tap_str(r.col[1].metric, "disk_device_util_pct", "its family");
	sampler_begin(&r);
	tap_ok(!r.declaring, "then it fills");
	sampler_put(&r, NULL, 2, 5);
	sampler_put_dev(&r, "disk_", "dm-0", "util_pct", NULL, "device", 2, 6);
	sampler_put_dev(&r, "net_", "Eth.1", "rx_bytes_per_s", NULL, "device", 2,
	    NAN);
	tap_ok(r.ncols == 3 && r.v[0] == 5 && r.v[1] == 6 && isnan(r.v[2]),
	    "in the same order");
	sampler_row_free(&r);

	/* 100 ticks a second; 2 s between a and b. */
	pa[0] = proc(10, 1, 100, 0), pa[1] = proc(11, 5, 50, 4096);
	pb[0] = proc(10, 1, 300, 0), pb[1] = proc(11, 9, 20, 4096);
	pb[2] = proc(12, 7, 40, 8192);
	sampler_row_init(&r);
	sampler_begin(&r);
	sampler_proc_row(&r, &a, &b, -1, 2, 100);
	tap_num(col(&r, "proc_count"), 3, 0, 0, "three processes");
	/* 10: 200 user ticks; 11 (pid reused, new start): 20; 12 (new): 40. */
	tap_num(col(&r, "proc_user_s_per_s"), 2.6 / 2, 1e-12, 0,
	    "user time: deltas, and whole counters of new processes");
	tap_num(col(&r, "proc_system_s_per_s"), 1.3 / 2, 1e-12, 0,
	    "system time");
	tap_num(col(&r, "proc_cpu_pct"), 195, 1e-12, 0, "cpu %");
	tap_num(col(&r, "proc_rss_kib"), 300, 0, 0, "rss summed");
	tap_num(col(&r, "proc_threads_count"), 6, 0, 0, "threads summed");
	tap_num(col(&r, "proc_fd_count"), 12, 0, 0, "fds summed");
	tap_num(col(&r, "proc_read_bytes_per_s"), (4096 + 8192) / 2.0, 0, 0,
	    "read bytes");
	tap_num(col(&r, "proc_majflt_per_s"), 130, 0, 1e-9, "major faults");
	tap_num(col(&r, "proc_invol_ctxsw_per_s"), 1, 0, 1e-9,
	    "a delta of 0 and two new processes");
	sampler_begin(&r);
	sampler_proc_row(&r, &a, &b, 0, 2, 100);
	tap_num(col(&r, "proc_cpu_pct"), 150, 1e-12, 0, "one process");
	tap_num(col(&r, "proc_count"), 1, 0, 0, "counted as one");
	pb[2].rbytes = PROCFILE_NONE;
	sampler_begin(&r);
	sampler_proc_row(&r, &a, &b, -1, 2, 100);
	tap_ok(isnan(col(&r, "proc_read_bytes_per_s")),
	    "a member's io unknown: the sum unknown");
	sampler_begin(&r);
	sampler_proc_row(&r, &a, &b, -1, 0, 100);
	tap_ok(isnan(col(&r, "proc_cpu_pct")) &&
	    col(&r, "proc_rss_kib") == 300, "no interval: rates unknown");
	sampler_row_free(&r);

	memset(&ca, 0, sizeof ca);
	memset(&cb, 0, sizeof cb);
	for (i = 0; i < PSI_N; i++) {
		ca.psi[i].some_avg10 = ca.psi[i].full_avg10 = NAN;
		ca.psi[i].some_total = ca.psi[i].full_total = PROCFILE_NONE;
		cb.psi[i] = ca.psi[i];
	}
	ca.usage_us = 1000000, cb.usage_us = 2500000;
	ca.periods = cb.periods = 40, ca.throttled = cb.throttled = 4;
	cb.mem_cur = 2048, ca.mem_peak = cb.mem_peak = PROCFILE_NONE;
	ca.rios = ca.wios = ca.rbytes = ca.wbytes = PROCFILE_NONE;
	cb.rios = cb.wios = cb.rbytes = cb.wbytes = 0;
	sampler_row_init(&r2);
	sampler_begin(&r2);
	sampler_cg_row(&r2, &ca, &cb, 1);
	tap_num(col(&r2, "cgroup_cpu_pct"), 150, 1e-12, 0, "cgroup cpu %");
	tap_ok(isnan(col(&r2, "cgroup_throttled_pct")),
	    "no period elapsed: throttled share unknown");
	tap_num(col(&r2, "cgroup_mem_current_kib"), 2, 0, 0, "KiB");
	tap_ok(isnan(col(&r2, "cgroup_mem_peak_kib")), "peak unknown");
	tap_ok(isnan(col(&r2, "cgroup_io_reads_per_s")),
	    "io.stat appeared: unknown for this interval");
	tap_ok(isnan(col(&r2, "cgroup_psi_io_full_stall_ms_per_s")),
	    "no pressure: unknown");
	tap_int((long long)r2.ncols, 25, "25 cgroup columns");
	sampler_row_free(&r2);
	return tap_done();
}
