/* calib.c - the calibration block and the calibration file. */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "calib.h"
#include "fmt/jsonio.h"
#include "stats/stats.h"
#include "util/atomicfile.h"

void
calib_init(struct calib *c)
{
	memset(c, 0, sizeof *c);
	c->timer_resolution = c->clock_overhead = NAN;
	c->spawn_floor = c->shell_overhead = c->noise_cv_pct = NAN;
	c->freq_min_hz = c->freq_max_hz = c->load1 = NAN;
	c->cpu_count = -1;
	c->turbo = c->smt = -1;
	c->aslr = c->paranoid = LONG_MIN;
}

void
calib_dist_set(struct calib_dist *d, double *x, size_t n)
{
	struct stats_desc s;

	stats_describe(x, n, 0.95, &s);
	d->n = n;
	d->median = s.median;
	d->mean = s.mean;
	d->sd = s.sd;
	d->p5 = s.p5;
	d->p95 = s.p95;
	d->min = s.min;
	d->max = s.max;
}

static json_t *
str_or_null(const char *s, int known)
{
	return known ? json_string(s) : json_null();
}

static json_t *
tri(int v)
{
	return v < 0 ? json_null() : json_boolean(v);
}

static json_t *
lng(long v)
{
	return v == LONG_MIN ? json_null() : json_integer(v);
}

json_t *
calib_json(const struct calib *c)
{
	json_t *o = json_object();

	xjsonio_set(o, "host", json_string(c->host));
	xjsonio_set(o, "time", json_real(c->time));
	xjsonio_set(o, "timer_resolution_s", xjsonio_num(c->timer_resolution));
	xjsonio_set(o, "clock_overhead_s", xjsonio_num(c->clock_overhead));
	xjsonio_set(o, "spawn_floor_s", xjsonio_num(c->spawn_floor));
	xjsonio_set(o, "shell_overhead_s", xjsonio_num(c->shell_overhead));
	xjsonio_set(o, "noise_cv_pct", xjsonio_num(c->noise_cv_pct));
	xjsonio_set(o, "cpu_count", c->cpu_count < 0 ? json_null() :
	    json_integer(c->cpu_count));
	xjsonio_set(o, "cpu_governor", str_or_null(c->governor,
	    c->governor[0] != '\0'));
	xjsonio_set(o, "cpu_freq_min_hz", xjsonio_num(c->freq_min_hz));
	xjsonio_set(o, "cpu_freq_max_hz", xjsonio_num(c->freq_max_hz));
	xjsonio_set(o, "turbo", tri(c->turbo));
	xjsonio_set(o, "smt", tri(c->smt));
	xjsonio_set(o, "isolated_cpus", str_or_null(c->isolated,
	    c->isolated_known));
	xjsonio_set(o, "clocksource", str_or_null(c->clocksource,
	    c->clocksource[0] != '\0'));
	xjsonio_set(o, "virtualization", str_or_null(c->virt,
	    c->virt[0] != '\0'));
	xjsonio_set(o, "aslr", lng(c->aslr));
	xjsonio_set(o, "perf_event_paranoid", lng(c->paranoid));
	xjsonio_set(o, "load_1m", xjsonio_num(c->load1));
	return o;
}

static json_t *
dist_json(const struct calib_dist *d)
{
	json_t *o = json_object();

	xjsonio_set(o, "n", json_integer((json_int_t)d->n));
	xjsonio_set(o, "median_s", xjsonio_num(d->median));
	xjsonio_set(o, "mean_s", xjsonio_num(d->mean));
	xjsonio_set(o, "sd_s", xjsonio_num(d->sd));
	xjsonio_set(o, "p5_s", xjsonio_num(d->p5));
	xjsonio_set(o, "p95_s", xjsonio_num(d->p95));
	xjsonio_set(o, "min_s", xjsonio_num(d->min));
	xjsonio_set(o, "max_s", xjsonio_num(d->max));
	return o;
}

int
calib_write(const struct calib *c, const char *path, struct perr *e)
{
	struct atomicfile af;
	json_t *doc = json_object();
	int rv;

	xjsonio_set(doc, "format", json_string("perf-calibration/1"));
	xjsonio_set(doc, "calibration", calib_json(c));
	xjsonio_set(doc, "spawn", dist_json(&c->spawn));
	xjsonio_set(doc, "shell", dist_json(&c->shell));
	if ((rv = atomicfile_open(&af, path, e)) == 0) {
		if ((rv = jsonio_write(doc, af.fp, path, e)) < 0)
			atomicfile_abort(&af);
		else
			rv = atomicfile_commit(&af, e);
	}
	json_decref(doc);
	return rv;
}
