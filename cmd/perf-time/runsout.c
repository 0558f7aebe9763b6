/* runsout.c - the runs table: header and rows. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runsout.h"
#include "util/xalloc.h"

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

void
runsout_init(struct runsout *o, const struct params *ps, int counters,
    char *const *labels, size_t nlabels, const char *host)
{
	o->ps = ps;
	o->counters = counters;
	o->labels = labels;
	o->nlabels = nlabels;
	if (host != NULL)
		snprintf(o->host, sizeof o->host, "%s", host);
	else if (gethostname(o->host, sizeof o->host) < 0)
		o->host[0] = '\0';
	o->host[sizeof o->host - 1] = '\0';
}

char **
runsout_names(const struct runsout *o, size_t *n)
{
	size_t i, k = 0, cap = 4 + o->nlabels + o->ps->n + sizeof cols /
	    sizeof cols[0] + MEASURE_NCOUNTERS;
	char **v = xreallocarray(NULL, cap, sizeof *v);

	v[k++] = xstrdup(head[0]);
	v[k++] = xstrdup(head[1]);
	for (i = 0; i < o->nlabels; i++)
		v[k++] = xstrndup(o->labels[i], strcspn(o->labels[i], "="));
	v[k++] = xstrdup(head[2]);
	v[k++] = xstrdup(head[3]);
	for (i = 0; i < o->ps->n; i++)
		v[k++] = xasprintf("param_%s", o->ps->p[i].name);
	for (i = 0; i < sizeof cols / sizeof cols[0]; i++)
		v[k++] = xstrdup(cols[i]);
	for (i = 0; o->counters && i < MEASURE_NCOUNTERS; i++)
		v[k++] = xstrdup(ctrs[i]);
	*n = k;
	return v;
}

int
runsout_open(struct runsout *o, FILE *fp, int header)
{
	char **names;
	size_t i, n;

	csvwrite_init(&o->w, fp);
	if (!header)
		return 0;
	names = runsout_names(o, &n);
	csvwrite_header(&o->w, (const char *const *)names, n);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (ferror(fp) || fflush(fp) != 0)
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
	for (i = 0; i < o->nlabels; i++)
		csvwrite_str(w, o->labels[i] + strcspn(o->labels[i], "=") + 1);
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
