/* runsout.c - the runs table: header and rows. */
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "runsout.h"

static const char *const head[] = { "time", "host", "name", "command" };
static const char *const cols[] = {
	"run", "wall_s", "user_s", "sys_s", "cpu_pct", "max_rss_kib",
	"minor_faults_count", "major_faults_count",
	"vol_ctx_switches_count", "invol_ctx_switches_count",
	"read_bytes", "write_bytes", "exit_status", "signal", "timed_out",
	"measured_by", "overhead_s",
};
static const char *const ctrs[MEASURE_NCOUNTERS] = {
	"instructions_count", "cycles_count", "branch_misses_count",
	"cache_misses_count",
};

int
runsout_open(struct runsout *o, FILE *fp, const struct params *ps,
    int counters)
{
	char name[128];
	size_t i;

	csvwrite_init(&o->w, fp);
	o->ps = ps;
	o->counters = counters;
	if (gethostname(o->host, sizeof o->host) < 0)
		o->host[0] = '\0';
	o->host[sizeof o->host - 1] = '\0';
	for (i = 0; i < sizeof head / sizeof head[0]; i++)
		csvwrite_str(&o->w, head[i]);
	for (i = 0; i < ps->n; i++) {
		snprintf(name, sizeof name, "param_%s", ps->p[i].name);
		csvwrite_str(&o->w, name);
	}
	for (i = 0; i < sizeof cols / sizeof cols[0]; i++)
		csvwrite_str(&o->w, cols[i]);
	for (i = 0; counters && i < MEASURE_NCOUNTERS; i++)
		csvwrite_str(&o->w, ctrs[i]);
	if (csvwrite_end(&o->w) < 0 || fflush(fp) != 0)
		return -1;
	return 0;
}

int
runsout_row(struct runsout *o, const struct runsout_row *row)
{
	const struct measure_result *r = row->r;
	struct csvwrite *w = &o->w;
	size_t i;

	csvwrite_num(w, row->time, 6);
	csvwrite_str(w, o->host);
	csvwrite_str(w, row->name);
	csvwrite_str(w, row->command);
	for (i = 0; i < o->ps->n; i++)
		csvwrite_str(w, row->pvals[i]);
	csvwrite_int(w, (long long)row->run);
	csvwrite_num(w, r->wall_s, 9);
	csvwrite_num(w, r->user_s, 6);
	csvwrite_num(w, r->sys_s, 6);
	/* Of the run as measured: after the shell correction a short run's
	 * wall time can be near zero, and the ratio would mean nothing. */
	csvwrite_num(w, r->cpu_pct, 2);
	csvwrite_num(w, r->max_rss_kib, 0);
	csvwrite_num(w, r->minor_faults, 0);
	csvwrite_num(w, r->major_faults, 0);
	csvwrite_num(w, r->vol_ctx_switches, 0);
	csvwrite_num(w, r->invol_ctx_switches, 0);
	csvwrite_num(w, r->read_bytes, 0);
	csvwrite_num(w, r->write_bytes, 0);
	if (r->exit_status >= 0)
		csvwrite_int(w, r->exit_status);
	else
		csvwrite_empty(w);
	if (r->signal)
		csvwrite_int(w, r->signal);
	else
		csvwrite_empty(w);
	csvwrite_str(w, r->timed_out ? "true" : "false");
	csvwrite_str(w, r->by_cgroup ? "cgroup" : "rusage");
	csvwrite_num(w, row->overhead_s, 9);
	for (i = 0; o->counters && i < MEASURE_NCOUNTERS; i++)
		csvwrite_num(w, r->counters[i], 0);
	if (csvwrite_end(w) < 0 || fflush(w->fp) != 0)
		return -1;
	return 0;
}
