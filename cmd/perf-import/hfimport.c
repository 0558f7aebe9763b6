/* hfimport.c - hyperfine's --export-json as perfpipe runs: every run of
 * "times" a row, nothing taken from the summaries. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hfimport.h"
#include "util/xalloc.h"

/* The summaries hyperfine writes beside the runs: known, not imported (a
 * mean is not a run). */
static const char *const summary_keys[] = {
	"mean", "stddev", "median", "user", "system", "min", "max",
};

static int
known_summary(const char *k)
{
	size_t i;

	for (i = 0; i < sizeof summary_keys / sizeof *summary_keys; i++)
		if (strcmp(k, summary_keys[i]) == 0)
			return 1;
	return 0;
}

/* Whether a parameter name can be a column name's tail. */
static int
good_param(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* An array of n elements under key k of result r, or NULL when absent;
 * -1 (through *bad) when present but not an array of n. */
static const json_t *
runs_array(const json_t *r, const char *k, size_t n, const struct import_opts *o,
    size_t i, struct perr *e, int *bad)
{
	const json_t *a = json_object_get(r, k);

	if (a == NULL)
		return NULL;
	if (!json_is_array(a) || json_array_size(a) != n) {
		*bad = perr_set(e, "%s: results[%zu].%s: not an array of %zu "
		    "values, one per run as in 'times'", o->file, i, k, n);
		return NULL;
	}
	return a;
}

/* Declares the columns in perf-time's order, param_* before run. */
static void
declare(struct wide *w, const json_t *res)
{
	const json_t *r, *p, *v;
	const char *k;
	size_t i;
	char *name;

	wide_col(w, "time", WIDE_NUM, 6);
	wide_col(w, "host", WIDE_KEY, 0);
	wide_col(w, "name", WIDE_KEY, 0);
	wide_col(w, "command", WIDE_KEY, 0);
	json_array_foreach(res, i, r) {
		if ((p = json_object_get(r, "parameters")) == NULL ||
		    !json_is_object(p))
			continue;
		json_object_foreach((json_t *)p, k, v) {
			(void)v;
			if (!good_param(k))
				continue;
			name = xasprintf("param_%s", k);
			wide_col(w, name, WIDE_KEY, 0);
			free(name);
		}
	}
	wide_col(w, "run", WIDE_NUM, 0);
	wide_col(w, "wall_s", WIDE_NUM, 9);
	wide_col(w, "max_rss_kib", WIDE_NUM, 3);
	wide_col(w, "exit_status", WIDE_NUM, 0);
	wide_col(w, "timed_out", WIDE_KEY, 0);
	wide_col(w, "measured_by", WIDE_KEY, 0);
}

/* The parameters of result i into row. */
static int
params(struct wide *w, size_t row, const json_t *p,
    const struct import_opts *o, size_t i, struct perr *e)
{
	const json_t *v;
	const char *k;
	char *name, num[64];

	if (!json_is_object(p))
		return perr_set(e, "%s: results[%zu].parameters: not an "
		    "object", o->file, i);
	json_object_foreach((json_t *)p, k, v) {
		if (!good_param(k))
			return perr_set(e, "%s: results[%zu].parameters: "
			    "name '%s' is not letters, digits and _", o->file,
			    i, k);
		name = xasprintf("param_%s", k);
		if (json_is_string(v))
			wide_setstr(w, row, wide_col(w, name, WIDE_KEY, 0),
			    json_string_value(v));
		else if (json_is_integer(v)) {
			snprintf(num, sizeof num, "%lld",
			    (long long)json_integer_value(v));
			wide_setstr(w, row, wide_col(w, name, WIDE_KEY, 0), num);
		} else {
			free(name);
			return perr_set(e, "%s: results[%zu].parameters.%s: "
			    "not a string", o->file, i, k);
		}
		free(name);
	}
	return 0;
}

/* One result: a row per run. */
static int
result(struct wide *w, const json_t *r, const struct import_opts *o,
    size_t i, struct import_skipped *skipped, struct perr *e)
{
	const json_t *times, *codes, *mem, *v, *mean;
	const char *cmd, *k;
	size_t j, n, row;
	double sum = 0, t;
	int bad = 0;
	char *what;

	if (!json_is_object(r))
		return perr_set(e, "%s: results[%zu]: not an object", o->file, i);
	if (!json_is_string(v = json_object_get(r, "command")))
		return perr_set(e, "%s: results[%zu]: no 'command' string",
		    o->file, i);
	cmd = json_string_value(v);
	times = json_object_get(r, "times");
	if (!json_is_array(times) || json_array_size(times) == 0)
		return perr_set(e, "%s: results[%zu]: no 'times' (the wall time "
		    "of each run): a hyperfine older than 1.4, or not its "
		    "export", o->file, i);
	n = json_array_size(times);
	codes = runs_array(r, "exit_codes", n, o, i, e, &bad);
	mem = runs_array(r, "memory_usage_byte", n, o, i, e, &bad);
	if (bad)
		return -1;
	json_object_foreach((json_t *)r, k, v) {
		if (strcmp(k, "command") == 0 || strcmp(k, "times") == 0 ||
		    strcmp(k, "exit_codes") == 0 || strcmp(k, "parameters") == 0
		    || strcmp(k, "memory_usage_byte") == 0 || known_summary(k))
			continue;
		what = xasprintf("results[].%s", k);
		import_skip(skipped, what);
		free(what);
	}
	for (j = 0; j < n; j++) {
		v = json_array_get(times, j);
		if (!json_is_number(v) || !((t = json_number_value(v)) >= 0))
			return perr_set(e, "%s: results[%zu].times[%zu]: not a "
			    "time in seconds", o->file, i, j);
		sum += t;
		row = wide_row(w, NULL);
		*wide_cell(w, row, wide_col(w, "time", WIDE_NUM, 6)) = o->time;
		wide_setstr(w, row, wide_col(w, "host", WIDE_KEY, 0),
		    o->host != NULL ? o->host : "");
		wide_setstr(w, row, wide_col(w, "name", WIDE_KEY, 0), cmd);
		wide_setstr(w, row, wide_col(w, "command", WIDE_KEY, 0), cmd);
		if ((v = json_object_get(r, "parameters")) != NULL &&
		    params(w, row, v, o, i, e) < 0)
			return -1;
		*wide_cell(w, row, wide_col(w, "run", WIDE_NUM, 0)) =
		    (double)(j + 1);
		*wide_cell(w, row, wide_col(w, "wall_s", WIDE_NUM, 9)) = t;
		if (codes != NULL && !json_is_null(v = json_array_get(codes, j))) {
			if (!json_is_integer(v) || json_integer_value(v) < 0 ||
			    json_integer_value(v) > 255)
				return perr_set(e, "%s: results[%zu].exit_codes"
				    "[%zu]: not an exit status 0-255 or null",
				    o->file, i, j);
			*wide_cell(w, row, wide_col(w, "exit_status", WIDE_NUM,
			    0)) = (double)json_integer_value(v);
		}
		if (mem != NULL && !json_is_null(v = json_array_get(mem, j))) {
			if (!json_is_number(v) || !(json_number_value(v) >= 0))
				return perr_set(e, "%s: results[%zu]."
				    "memory_usage_byte[%zu]: not a number of "
				    "bytes", o->file, i, j);
			*wide_cell(w, row, wide_col(w, "max_rss_kib", WIDE_NUM,
			    3)) = json_number_value(v) / 1024;
		}
		wide_setstr(w, row, wide_col(w, "timed_out", WIDE_KEY, 0),
		    "false");
		wide_setstr(w, row, wide_col(w, "measured_by", WIDE_KEY, 0),
		    "hyperfine");
	}
	/* A file edited or cut short since hyperfine wrote it: its mean is
	 * not the mean of its runs. */
	mean = json_object_get(r, "mean");
	if (json_is_number(mean) && fabs(json_number_value(mean) - sum / (double)n)
	    > 1e-9 + 1e-6 * fabs(json_number_value(mean)))
		return perr_set(e, "%s: results[%zu]: 'mean' %.9g is not the "
		    "mean of the %zu 'times' (%.9g): the runs are not those "
		    "hyperfine summarised", o->file, i, json_number_value(mean),
		    n, sum / (double)n);
	return 0;
}

int
hfimport_json(const json_t *doc, const struct import_opts *o,
    struct wide *w, struct import_skipped *skipped, struct perr *e)
{
	const json_t *res, *r;
	const char *k;
	size_t i;

	res = json_object_get(doc, "results");
	if (!json_is_array(res))
		return perr_set(e, "%s: no 'results' array: not a hyperfine "
		    "--export-json file", o->file);
	if (isnan(o->time))
		return perr_set(e, "%s: hyperfine exports hold no time and this "
		    "input has no modification time: give --time", o->file);
	json_object_foreach((json_t *)doc, k, r)
		if (strcmp(k, "results") != 0)
			import_skip(skipped, k);
	declare(w, res);
	json_array_foreach(res, i, r)
		if (result(w, r, o, i, skipped, e) < 0)
			return -1;
	return 0;
}
