/* test_columns.c - column roles: names, first values, options, late
 * decisions, messages for bad input and mismatched files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "util/num.h"
#include "tap.h"

/* Reads text, decides roles with the options, and returns "col:role ..."
 * (static), or "error: MSG" (the directory cut from paths). */
static const char *
roles(const char *text, const char *by, const char *metric, const char *x)
{
	static char out[1100];
	char path[256], *paths[1];
	struct perr e = { "" };
	struct columns c;
	struct csvread *r;
	struct csvread_row row;
	size_t i;
	int got;

	snprintf(path, sizeof path, "%s", tap_file("t.csv", text));
	paths[0] = path;
	out[0] = '\0';
	if ((r = csvread_open(paths, 1, &e)) == NULL)
		goto fail;
	if (columns_init(&c, r, by, metric, x, &e) < 0) {
		csvread_close(r);
		goto fail;
	}
	while ((got = csvread_next(r, &row, &e)) > 0)
		columns_see(&c, &row);
	columns_finish(&c);
	for (i = 0; i < c.n; i++)
		snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s:%s",
		    i ? " " : "", csvread_colname(r, i),
		    columns_role_name(c.role[i]));
	columns_free(&c);
	csvread_close(r);
	return out;
fail:
	snprintf(out, sizeof out, "error: %s", strstr(e.msg, "t.csv") ?
	    strstr(e.msg, "t.csv") : e.msg);
	return out;
}

static void
two_files(void)
{
	char a[256], b[256], *paths[2];
	struct perr e = { "" };
	struct columns c;
	struct csvread *r;
	struct csvread_row row;
	size_t i;
	int got, bad = 0;

	snprintf(a, sizeof a, "%s", tap_file("a.csv", "x,y\n1,2\n"));
	snprintf(b, sizeof b, "%s", tap_file("b.csv", "z\n3\n"));
	paths[0] = a;
	paths[1] = b;
	r = csvread_open(paths, 2, &e);
	columns_init(&c, r, NULL, NULL, NULL, &e);
	tap_int(columns_check(&c, r, &e), -1, "files with no column in common");
	tap_ok(strstr(e.msg, "b.csv:1: no column in common with ") != NULL,
	    "  named: %s", e.msg);
	tap_str(columns_format(r, 0), "unknown", "format of a plain file");
	columns_free(&c);
	csvread_close(r);

	/* x is a metric in a.csv, and 'abc' in b.csv is refused there. */
	snprintf(b, sizeof b, "%s", tap_file("b.csv", "x,y\nabc,4\n"));
	r = csvread_open(paths, 2, &e);
	columns_init(&c, r, NULL, NULL, NULL, &e);
	while (bad == 0 && (got = csvread_next(r, &row, &e)) > 0) {
		columns_see(&c, &row);
		for (i = 0; i < c.n && bad == 0; i++) {
			double v;

			if (c.role[i] == COL_METRIC &&
			    num_parse(row.f[i], row.len[i], &v) < 0)
				bad = columns_notnum(&c, r, &row, i, &e);
		}
	}
	tap_int(bad, -1, "a later non-numeric value is refused");
	tap_ok(strstr(e.msg, "b.csv:2: column 'x': 'abc' is not a number "
	    "(a metric since ") != NULL, "key in one file, metric in another: "
	    "%s", e.msg);
	columns_free(&c);
	csvread_close(r);
}

int
main(void)
{
	tap_str(roles("time,host,wall_s,run,cmd,pid\n1,a,0.5,12,ls,7\n", NULL,
	    NULL, NULL), "time:axis host:key wall_s:metric run:identifier "
	    "cmd:key pid:key",
	    "roles from names and first values");
	tap_str(roles("name,param_n,commit,x\nsort,100,1234,\nsort,200,5,7\n",
	    NULL, NULL, NULL),
	    "name:key param_n:key commit:key x:metric",
	    "known keys stay keys with numeric values; late metric");
	tap_str(roles("a,b\n,\n,zz\n", NULL, NULL, NULL), "a:metric b:key",
	    "empty to the end is a metric; a late string is a key");
	tap_str(roles("host,v,w\nh,1,x\n", "host", NULL, NULL),
	    "host:key v:metric w:ignored", "--by: other strings ignored");
	tap_str(roles("host,v,w\nh,1,2\n", NULL, "w", NULL),
	    "host:key v:ignored w:metric", "--metric: other numbers ignored");
	tap_str(roles("t,v,time\n1,2,3\n", NULL, NULL, "t"),
	    "t:axis v:metric time:metric", "--x names the axis");
	tap_str(roles("time,v\n1,2\n", NULL, "time,v", NULL),
	    "time:metric v:metric", "--metric may name the axis");
	tap_str(roles("run,v\n1,2\n", "run", NULL, NULL), "run:key v:metric",
	    "--by may name an identifier");
	tap_str(roles("a,b\n1,2\n", "nope", NULL, NULL),
	    "error: t.csv:1: no column 'nope' (named by --by)",
	    "--by names a missing column");
	tap_str(roles("a,b\n1,2\n", NULL, "b,zz", NULL),
	    "error: t.csv:1: no column 'zz' (named by --metric)",
	    "--metric names a missing column");
	tap_str(roles("a,b\n1,2\n", "a", "a", NULL),
	    "error: column 'a': named as key and as metric",
	    "a column both key and metric");
	tap_int(columns_known_key("param_size"), 1, "param_* is a key");
	tap_int(columns_known_id("exit_status"), 1, "exit_status is an id");
	tap_int(columns_known_id("interval_s"), 0, "interval_s is a metric");
	{
		char p1[256], p2[256], *ps[2];
		struct perr e;
		struct csvread *r;

		snprintf(p1, sizeof p1, "%s", tap_file("r.csv", "name,wall_s\nx,1\n"));
		snprintf(p2, sizeof p2, "%s", tap_file("s.csv",
		    "time,interval_s\n1,1\n"));
		ps[0] = p1;
		ps[1] = p2;
		r = csvread_open(ps, 2, &e);
		tap_str(columns_format(r, 0), "runs", "runs told by wall_s");
		tap_str(columns_format(r, 1), "samples", "samples by interval_s");
		csvread_close(r);
	}
	two_files();
	return tap_done();
}
