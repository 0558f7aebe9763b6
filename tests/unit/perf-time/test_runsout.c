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
	runsout_init(&o, &ps, 1, NULL, 0, NULL);
	tap_int(runsout_open(&o, fp, 1), 0, "header");
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
	runsout_init(&o, &ps, 0, NULL, 0, NULL);
	tap_int(runsout_open(&o, fp, 1), -1, "a full device fails");
	fclose(fp);

	/* Labels after host, a host of our choosing, no header to append. */
	{
		char *labs[2] = { "commit=abc123", "branch=main" };

		buf = NULL, len = 0;
		fp = open_memstream(&buf, &len);
		runsout_init(&o, &ps, 0, labs, 2, "");
		tap_int(runsout_open(&o, fp, 0), 0, "no header when appending");
		r.exit_status = 0, r.signal = 0, r.timed_out = 0;
		r.by_cgroup = 0, r.wall_s = 0.5, r.cpu_pct = 75;
		row.overhead_s = NAN;
		tap_int(runsout_row(&o, &row), 0, "a labelled row");
		fclose(fp);
		tap_str(buf, "1795500000.25,,abc123,main,\"sort, big\",sort,10,7,"
		    "0.5,0.25,0.125,75,,100,0,3,4,4096,,0,,false,rusage,\n",
		    "empty host, the labels' values after it");
		free(buf);
	}
	params_free(&ps);
	return tap_done();
}
