/* filecheck.c - format, schema, time series and run statistics of a
 * file. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "filecheck.h"
#include "fmt/csvread.h"
#include "fmt/spankind.h"
#include "fmt/jsonio.h"
#include "kinds.h"
#include "runstat.h"
#include "stats/stats.h"
#include "tableschema.h"
#include "tseries.h"
#include "util/cli.h"
#include "util/num.h"
#include "util/xalloc.h"

/* Appends s[0..n) to buf[0..len) of size cap, as much as fits with a
 * NUL after it; returns the new length.  (snprintf's formatting, for each
 * key of each row, was a fifth of the time on a day of samples.) */
static size_t
put(char *buf, size_t cap, size_t len, const char *s, size_t n)
{
	if (n > cap - 1 - len)
		n = cap - 1 - len;
	memcpy(buf + len, s, n);
	return len + n;
}

/* The schema directory: dir, or beside the program. */
static char *
schema_path(const char *dir, const char *name)
{
	static const char *const rel[] = { "../share/perfpipe/schemas",
		"../schemas", "../../schemas" };
	char exe[PATH_MAX], *p, *s;
	ssize_t n;
	size_t i;

	if (dir)
		return xasprintf("%s/%s", dir, name);
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
		return NULL;
	exe[n] = '\0';
	if ((p = strrchr(exe, '/')) != NULL)
		*p = '\0';
	for (i = 0; i < sizeof rel / sizeof rel[0]; i++) {
		s = xasprintf("%s/%s/%s", exe, rel[i], name);
		if (access(s, R_OK) == 0)
			return s;
		free(s);
	}
	return NULL;
}

static void
fail_check(struct checklist *l, const char *name, const char *subject,
    const char *hint, const char *msg)
{
	struct check c;

	check_begin(&c, name, "schema", subject);
	c.status = CHECK_FAIL;
	c.unit = "text";
	c.hint = hint;
	check_detail(&c, "%s", msg);
	check_add(l, &c);
}

static json_t *
input_json(const char *path, const char *format, json_t *rows)
{
	json_t *o = json_object();

	xjsonio_set(o, "path", xjsonio_text(path));
	xjsonio_set(o, "format", json_string(format));
	xjsonio_set(o, "rows", rows);
	return o;
}

/* A JSON document: syntax, its format, the schema's required members. */
static json_t *
check_json_doc(const char *path, const char *dir, struct checklist *l)
{
	static const char *const known[][2] = {
		{ "perf-trend/1", "trend" }, { "perf-bottleneck/1", "findings" },
		{ "perf-validate/1", "validation" }, { "perf-report/1", "report" },
	};
	json_t *doc, *schema, *req, *v;
	const char *fmt, *kind = "unknown";
	struct perr e;
	struct check c;
	char *sp, missing[512] = "";
	size_t i, len = 0, nmiss = 0;

	if ((doc = jsonio_read(path, &e)) == NULL) {
		fail_check(l, "json_syntax", path, "the document is cut off or "
		    "not JSON: write it again", e.msg);
		return input_json(path, "unknown", json_null());
	}
	fmt = json_string_value(json_object_get(doc, "format"));
	for (i = 0; fmt && i < sizeof known / sizeof known[0]; i++)
		if (strcmp(fmt, known[i][0]) == 0)
			kind = known[i][1];
	check_begin(&c, "format", "schema", path);
	c.unit = "text";
	c.expected = json_pack("{s:[ssss]}", "values", "perf-trend/1",
	    "perf-bottleneck/1", "perf-validate/1", "perf-report/1");
	c.measured = fmt ? json_string(fmt) : NULL;
	c.status = strcmp(kind, "unknown") ? CHECK_PASS : CHECK_FAIL;
	c.hint = "not a perfpipe document: give perf-validate a file a perfpipe "
	    "program wrote";
	check_detail(&c, "%s:1: \"format\" is %s%s%s", path, fmt ? "'" : "",
	    fmt ? fmt : "missing", fmt ? "'" : "");
	check_add(l, &c);
	if (strcmp(kind, "unknown") == 0) {
		json_decref(doc);
		return input_json(path, kind, json_null());
	}
	check_begin(&c, "schema_members", "schema", path);
	c.unit = "count";
	c.expected = check_range(NAN, 0);
	c.hint = "members the schema requires are missing: the file is from "
	    "another version or was edited";
	sp = schema_path(dir, strcmp(kind, "trend") == 0 ? "trend.schema.json" :
	    strcmp(kind, "findings") == 0 ? "findings.schema.json" :
	    strcmp(kind, "validation") == 0 ? "validation.schema.json" :
	    "report.schema.json");
	if (sp == NULL || (schema = jsonio_read(sp, &e)) == NULL)
		check_detail(&c, "schemas/%s.schema.json: not found (--schemas DIR)",
		    kind);
	else {
		req = json_object_get(schema, "required");
		json_array_foreach(req, i, v) {
			if (json_object_get(doc, json_string_value(v)))
				continue;
			nmiss++;
			if (len < sizeof missing)
				len += (size_t)snprintf(missing + len, sizeof missing -
				    len, "%s'%s'", len ? ", " : "", json_string_value(v));
		}
		c.measured = json_integer((json_int_t)nmiss);
		c.status = nmiss ? CHECK_FAIL : CHECK_PASS;
		check_detail(&c, "%s: %zu of the %zu members %s.schema.json "
		    "requires are missing%s%s", path, nmiss, json_array_size(req), kind,
		    nmiss ? ": " : "", missing);
		json_decref(schema);
	}
	free(sp);
	check_add(l, &c);
	json_decref(doc);
	return input_json(path, kind, json_null());
}

/* Key columns: strings that make groups. */
static int
is_key(const char *name)
{
	static const char *const keys[] = { "host", "name", "command", "cgroup",
		"pid", "comm", NULL };
	size_t i;

	for (i = 0; keys[i]; i++)
		if (strcmp(name, keys[i]) == 0)
			return 1;
	return strncmp(name, "param_", 6) == 0;
}

static double
field_num(const struct csvread_row *row, long col)
{
	double v;

	if (col < 0 || num_parse_field(row->f[col], row->len[col], &v) != 1)
		return NAN;
	return v;
}

/* Whether a runs row is lib/perfspan's: a function's or span's calls,
 * not a command's run. */
static int
is_span(const struct csvread_row *row, long mcol)
{
	return mcol >= 0 && spankind_of(row->f[mcol]) != SPANKIND_NONE;
}

/* lib/perfspan's rows: left out of the run checks, and calls it had no
 * room for make their totals short. */
static void
spans_check(struct checklist *l, const char *path, size_t rows,
    double dropped)
{
	struct check c;

	check_begin(&c, "span_rows", "statistics", path);
	c.unit = "count";
	c.expected = check_range(NAN, 0);
	c.measured = json_integer((json_int_t)dropped);
	c.status = dropped > 0 ? CHECK_WARN : CHECK_PASS;
	c.hint = "lib/perfspan dropped calls (PERFSPAN_ROWS, or more than 768 "
	    "(name, parent) pairs a thread): totals and counts are short";
	check_detail(&c, "%zu rows of lib/perfspan (functions and spans, not "
	    "runs of a command: left out of the run checks); %s%.0f calls "
	    "dropped", rows, dropped > 0 ? "at least " : "", dropped);
	check_add(l, &c);
}

/* A CSV file: its format, header, values, time series and run groups. */
static json_t *
check_csv(const char *path, const char *dir, struct checklist *l)
{
	struct csvread *r;
	struct csvread_row row;
	struct tableschema ts;
	struct kinds vals = { 0 };
	struct grps gs = { 0 };
	struct perr e;
	struct check c;
	const struct tableschema_field **fld;
	unsigned char *iskey;
	const char *kind, *why;
	char *sp, what[512], key[1024], missing[512] = "", unknown[512] = "";
	long tcol, ivcol, wcol, excol, sgcol, tocol, mcol, dcol;
	size_t i, ncols, rows = 0, len, nmiss = 0, nunk = 0, ulen = 0;
	size_t spanrows = 0;
	double dropped = 0, d;
	int got, samples, hasschema;

	if ((r = csvread_open((char *const[]){ (char *)path }, 1, &e)) == NULL) {
		fail_check(l, "csv_syntax", path, "not a perfpipe CSV file", e.msg);
		return input_json(path, "unknown", json_integer(0));
	}
	ncols = csvread_ncols(r);
	tcol = csvread_col(r, "time");
	ivcol = csvread_col(r, "interval_s");
	wcol = csvread_col(r, "wall_s");
	samples = tcol >= 0 && ivcol >= 0 && csvread_col(r, "host") >= 0;
	kind = samples ? "samples" : wcol >= 0 && csvread_col(r, "run") >= 0 ?
	    "runs" : "unknown";
	check_begin(&c, "format", "schema", path);
	c.unit = "text";
	c.expected = json_pack("{s:[ss]}", "values", "samples", "runs");
	c.measured = json_string(kind);
	c.status = strcmp(kind, "unknown") ? CHECK_PASS : CHECK_FAIL;
	c.hint = "not a perfpipe CSV: samples have time, host and interval_s; "
	    "runs have wall_s and run";
	check_detail(&c, "%s:1: a header of %zu columns, %s", path, ncols,
	    strcmp(kind, "unknown") ? kind : "neither samples (time, host, "
	    "interval_s) nor runs (wall_s, run)");
	check_add(l, &c);
	if (strcmp(kind, "unknown") == 0) {
		csvread_close(r);
		return input_json(path, kind, json_integer(0));
	}

	sp = schema_path(dir, samples ? "samples.schema.json" :
	    "runs.schema.json");
	hasschema = sp && tableschema_load(&ts, sp, &e) == 0;
	fld = xcalloc(ncols, sizeof *fld);
	check_begin(&c, "schema_columns", "schema", path);
	c.unit = "count";
	c.expected = check_range(NAN, 0);
	c.hint = "the header lacks required columns or has columns the schema "
	    "does not know (misspelt, or from another program)";
	if (hasschema) {
		for (i = 0; i < ncols; i++)
			if ((fld[i] = tableschema_find(&ts, csvread_colname(r, i))) ==
			    NULL) {
				nunk++;
				if (ulen < sizeof unknown)
					ulen += (size_t)snprintf(unknown + ulen,
					    sizeof unknown - ulen, "%s'%s'", ulen ? ", " :
					    "", csvread_colname(r, i));
			}
		for (i = 0, len = 0; i < ts.n; i++)
			if (ts.f[i].name && ts.f[i].required &&
			    csvread_col(r, ts.f[i].name) < 0) {
				nmiss++;
				if (len < sizeof missing)
					len += (size_t)snprintf(missing + len,
					    sizeof missing - len, "%s'%s'", len ? ", " :
					    "", ts.f[i].name);
			}
		c.measured = json_integer((json_int_t)(nmiss + nunk));
		c.status = nmiss ? CHECK_FAIL : nunk ? CHECK_WARN : CHECK_PASS;
		check_detail(&c, "%s:1: against %s.schema.json: %zu required columns "
		    "missing%s%s; %zu columns not in the schema%s%s", path, kind,
		    nmiss,
		    nmiss ? " " : "", missing, nunk, nunk ? " " : "", unknown);
	} else
		check_detail(&c, "schemas/%s.schema.json: %s", kind, sp ? e.msg :
		    "not found (--schemas DIR)");
	check_add(l, &c);

	/* Decided once: a name compared per row and column cost a third of
	 * the time on a day of samples. */
	iskey = xcalloc(ncols, 1);
	for (i = 0; i < ncols; i++)
		iskey[i] = (unsigned char)is_key(csvread_colname(r, i));
	excol = csvread_col(r, "exit_status");
	sgcol = csvread_col(r, "signal");
	tocol = csvread_col(r, "timed_out");
	mcol = csvread_col(r, "measured_by");
	dcol = csvread_col(r, "dropped_count");
	while ((got = csvread_next(r, &row, &e)) > 0) {
		int bad = 0;

		rows++;
		for (i = 0; hasschema && i < ncols; i++) {
			if (fld[i] == NULL || (why = tableschema_check(fld[i],
			    row.f[i], row.len[i])) == NULL)
				continue;
			len = put(what, sizeof what, 0, "column '", 8);
			len = put(what, sizeof what, len, csvread_colname(r, i),
			    strlen(csvread_colname(r, i)));
			len = put(what, sizeof what, len, "' ", 2);
			len = put(what, sizeof what, len, why, strlen(why));
			what[len] = '\0';
			kinds_add(&vals, what, row.line);
		}
		for (i = 0, len = 0; i < ncols; i++)
			if (iskey[i]) {
				if (len)
					len = put(key, sizeof key, len, ";", 1);
				len = put(key, sizeof key, len,
				    csvread_colname(r, i),
				    strlen(csvread_colname(r, i)));
				len = put(key, sizeof key, len, "=", 1);
				len = put(key, sizeof key, len, row.f[i],
				    row.len[i]);
			}
		key[len] = '\0';
		struct grp *g = tseries_get(&gs, key, len);

		if (!samples && is_span(&row, mcol)) {
			/* Each row repeats its thread's count: the largest
			 * is a floor of the whole. */
			g->spans++, spanrows++, bad = 1;
			if ((d = field_num(&row, dcol)) > dropped)
				dropped = d;
		} else if (!samples) {
			double ex = field_num(&row, excol);

			/* A run killed at its timeout has a signal too: the
			 * timeout is what it is counted as. */
			if (tocol >= 0 && strcmp(row.f[tocol], "true") == 0)
				g->timedout++, bad = 1;
			else if ((!isnan(ex) && ex != 0) || (sgcol >= 0 &&
			    row.len[sgcol] > 0))
				g->failed++, bad = 1;
		}
		/* A span's row is timed by its first call (aggregates, from
		 * threads in turn): no series to check. */
		tseries_push(g, g->spans && is_span(&row, mcol) ? NAN :
		    field_num(&row, tcol), field_num(&row, ivcol),
		    samples || bad ? NAN : field_num(&row, wcol), row.line);
	}
	if (got < 0)
		fail_check(l, "csv_syntax", path, "the file is cut off or "
		    "malformed: write it again", e.msg);
	else if (rows == 0) {
		snprintf(what, sizeof what, "%s:2: no data rows", path);
		fail_check(l, "csv_rows", path, "an empty table: nothing was "
		    "measured", what);
	}

	check_begin(&c, "schema_values", "schema", path);
	c.unit = "count";
	c.expected = check_range(NAN, 0);
	c.hint = "values break the schema (types, ranges): the file was edited "
	    "or written by something else";
	if (hasschema) {
		c.measured = json_integer((json_int_t)kinds_total(&vals));
		c.status = vals.n ? CHECK_FAIL : CHECK_PASS;
		if (vals.n == 0)
			check_detail(&c, "%zu rows: every value keeps its column's "
			    "type and range", rows);
		kinds_detail(&c, &vals, path);
	} else
		check_detail(&c, "no schema to check against");
	check_add(l, &c);

	if (rows > 0 && tcol >= 0)
		tseries_check(l, path, &gs, samples);
	if (spanrows > 0)
		spans_check(l, path, spanrows, dropped);
	for (i = 0; !samples && i < gs.n; i++) {
		char *subj;

		if (gs.g[i].spans == gs.g[i].n)
			continue;
		subj = xasprintf("%s:wall_s{%s}", path, gs.g[i].key);
		runstat_checks(l, subj, gs.g[i].wall, gs.g[i].nwall,
		    gs.g[i].failed, gs.g[i].timedout);
		free(subj);
	}
	tseries_free(&gs);
	kinds_free(&vals);
	free(fld);
	free(iskey);
	free(sp);
	if (hasschema)
		tableschema_free(&ts);
	csvread_close(r);
	return input_json(path, kind, json_integer((json_int_t)rows));
}

json_t *
filecheck_file(const char *path, const char *dir, const char *argv0,
    struct checklist *l)
{
	char first = 0;
	ssize_t n;
	int fd;

	(void)argv0;
	if (strcmp(path, "-") == 0)
		errx(EXIT_TROUBLE, "standard input: name a file (the format is "
		    "told from its contents)");
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		errx(EXIT_TROUBLE, "%s: %s", path, strerror(errno));
	/* The first byte that is not blank tells JSON from CSV. */
	while ((n = read(fd, &first, 1)) == 1 && (first == ' ' ||
	    first == '\n' || first == '\t' || first == '\r'))
		;
	if (n < 0)
		errx(EXIT_TROUBLE, "%s: %s", path, strerror(errno));
	close(fd);
	if (n == 0) {
		char msg[PATH_MAX + 64];

		snprintf(msg, sizeof msg, "%s:1: empty file", path);
		fail_check(l, "format", path, "an empty file: the program that "
		    "should have written it failed", msg);
		return input_json(path, "unknown", json_integer(0));
	}
	if (first == '{')
		return check_json_doc(path, dir, l);
	return check_csv(path, dir, l);
}
