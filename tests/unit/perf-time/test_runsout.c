/* test_runsout.c - the runs table's header and rows, unknowns empty. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runsout.h"
#include "tap.h"

int
main(void)
{
	struct runsout o;
	struct runsout_row row;
	struct measure_result r;
	struct params ps;
	struct perr e;
	const char *vals[1] = { "10" };
	char *buf = NULL, want[2048], host[256];
	size_t len = 0;
	FILE *fp;
	int i;

	params_init(&ps);
	params_add(&ps, "n=10", &e);
	fp = open_memstream(&buf, &len);
	tap_int(runsout_open(&o, fp, &ps, 1), 0, "header");
	memset(&r, 0, sizeof r);
	r.wall_s = 0.5, r.user_s = 0.25, r.sys_s = 0.125, r.cpu_pct = 75;
	r.max_rss_kib = NAN, r.minor_faults = 100, r.major_faults = 0;
	r.vol_ctx_switches = 3, r.invol_ctx_switches = 4;
	r.read_bytes = 4096, r.write_bytes = NAN;
	for (i = 0; i < MEASURE_NCOUNTERS; i++)
		r.counters[i] = i == 0 ? 1e9 : NAN;
	r.exit_status = 0;
	row.time = 1795500000.25, row.name = "sort, big", row.command = "sort";
	row.pvals = vals, row.run = 7, row.overhead_s = NAN, row.r = &r;
	tap_int(runsout_row(&o, &row), 0, "a row");
	r.exit_status = -1, r.signal = 9, r.timed_out = 1, r.by_cgroup = 1;
	r.wall_s = 0, r.cpu_pct = NAN;
	row.overhead_s = 0.001;
	tap_int(runsout_row(&o, &row), 0, "a timed-out row");
	fclose(fp);
	gethostname(host, sizeof host);
	snprintf(want, sizeof want,
	    "time,host,name,command,param_n,run,wall_s,user_s,sys_s,cpu_pct,"
	    "max_rss_kib,minor_faults_count,major_faults_count,"
	    "vol_ctx_switches_count,invol_ctx_switches_count,read_bytes,"
	    "write_bytes,exit_status,signal,timed_out,measured_by,overhead_s,"
	    "instructions_count,cycles_count,branch_misses_count,"
	    "cache_misses_count\n"
	    "1795500000.25,%s,\"sort, big\",sort,10,7,0.5,0.25,0.125,75,,100,0,"
	    "3,4,4096,,0,,false,rusage,,1000000000,,,\n"
	    "1795500000.25,%s,\"sort, big\",sort,10,7,0,0.25,0.125,,,100,0,3,4,"
	    "4096,,,9,true,cgroup,0.001,1000000000,,,\n", host, host);
	tap_str(buf, want, "header and rows, quoted, unknowns empty");
	free(buf);

	fp = fopen("/dev/full", "w");
	setvbuf(fp, NULL, _IONBF, 0);
	tap_int(runsout_open(&o, fp, &ps, 0), -1, "a full device fails");
	fclose(fp);
	params_free(&ps);
	return tap_done();
}
