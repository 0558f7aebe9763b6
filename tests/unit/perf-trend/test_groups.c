/* test_groups.c - grouping by key, missing values, late keys, the exact
 * budget and the switch to a sketch, bad numbers with file:line. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "groups.h"
#include "tap.h"

struct run {
	struct csvread *r;
	struct columns c;
	struct groups *g;
	struct perr e;
	int status;
};

static void
load(struct run *u, const char *text, long drop, const char *only,
    int withx, struct gacc_budget *b)
{
	char path[256], *paths[1];
	struct csvread_row row;
	int got;

	memset(u, 0, sizeof *u);
	snprintf(path, sizeof path, "%s", tap_file("g.csv", text));
	paths[0] = path;
	u->r = csvread_open(paths, 1, &u->e);
	columns_init(&u->c, u->r, NULL, NULL, NULL, &u->e);
	u->g = groups_new(u->c.n, drop, only, withx ? u->c.axis : -1, b);
	while ((got = csvread_next(u->r, &row, &u->e)) > 0) {
		columns_see(&u->c, &row);
		if ((u->status = groups_add_row(u->g, &u->c, u->r, &row,
		    &u->e)) < 0)
			return;
	}
	columns_finish(&u->c);
}

static void
unload(struct run *u)
{
	groups_free(u->g);
	columns_free(&u->c);
	csvread_close(u->r);
}

int
main(void)
{
	struct gacc_budget b = { 0, 0, 0.01, 0 };
	struct run u;
	struct group *g;
	char *text, *p;
	size_t i;
	long v;

	load(&u, "host,v,w\na,1,\nb,2,5\na,3,6\n,4,7\n", -1, NULL, 0, &b);
	tap_int((long long)groups_count(u.g), 3, "three groups (empty key)");
	g = groups_at(u.g, 0);
	tap_str(g->key[0], "a", "first group a");
	tap_int((long long)g->rows, 2, "  two rows");
	tap_int((long long)groups_metric(u.g, g, 1)->acc.n, 2, "  v: two values");
	tap_int((long long)groups_metric(u.g, g, 2)->acc.n, 1, "  w: one value (one missing)");
	tap_num(groups_metric(u.g, g, 1)->acc.mean, 2, 0, 0, "  v: mean 2");
	tap_int((long long)groups_metric(u.g, g, 1)->len, 2, "  v: kept exactly");
	tap_ok(groups_at(u.g, 2)->key[0] == NULL, "empty key is no key");
	tap_ok(groups_find(u.g, "host\x1f" "b\x1e") == groups_at(u.g, 1),
	    "find by encoded key");
	unload(&u);

	/* A column that turns out to be a key late joins the key; earlier
	 * rows had it empty, as later rows with it empty do. */
	load(&u, "k,v\n,1\nx,2\n,3\n", -1, NULL, 0, &b);
	tap_int((long long)groups_count(u.g), 2, "late key: two groups");
	tap_int((long long)groups_at(u.g, 0)->rows, 2, "  rows 1 and 3 together");
	unload(&u);

	/* --compare style: one value of a column, left out of the key. */
	load(&u, "name,host,v\nold,a,1\nnew,a,2\nold,a,3\n", 0, "old", 0, &b);
	tap_int((long long)groups_rows(u.g), 2, "only rows with name=old");
	tap_str(groups_at(u.g, 0)->id, "host\x1f" "a\x1e", "  key without name");
	unload(&u);

	/* x values travel with each value; an empty x is counted. */
	load(&u, "time,v\n1,10\n,11\n3,12\n", -1, NULL, 1, &b);
	g = groups_at(u.g, 0);
	tap_num(gacc_xs(groups_metric(u.g, g, 1))[2], 3, 0, 0, "x kept beside y");
	tap_ok(isnan(gacc_xs(groups_metric(u.g, g, 1))[1]), "  empty x is NaN");
	tap_int((long long)groups_nox(u.g), 1, "  and counted");
	unload(&u);

	load(&u, "time,v\n1,10\nabc,11\n", -1, NULL, 1, &b);
	tap_int(u.status, -1, "non-numeric x is refused");
	tap_ok(strstr(u.e.msg, "g.csv:3: column 'time': 'abc' is not a number")
	    != NULL, "  %s", u.e.msg);
	unload(&u);

	load(&u, "host,v\na,1\na,1x\n", -1, NULL, 0, &b);
	tap_ok(u.status == -1 && strstr(u.e.msg,
	    "g.csv:3: column 'v': '1x' is not a number") != NULL,
	    "non-numeric metric value: %s", u.e.msg);
	unload(&u);

	/* A budget of 4 KiB: the values move to a sketch and free it. */
	text = malloc(20000 * 8 + 16);
	p = text + sprintf(text, "v\n");
	for (v = 1; v <= 20000; v++)
		p += sprintf(p, "%ld\n", v);
	b.limit = 4096;
	load(&u, text, -1, NULL, 0, &b);
	g = groups_at(u.g, 0);
	tap_ok(!gacc_exact(groups_metric(u.g, g, 0)), "over budget: sketched");
	tap_int((long long)b.used, 0, "  budget given back");
	tap_int((long long)b.nsketched, 1, "  one accumulator sketched");
	tap_int((long long)groups_metric(u.g, g, 0)->sk->n, 20000, "  sketch holds every value");
	tap_num(sketch_quantile(groups_metric(u.g, g, 0)->sk, 0.5), 10000.5, 0.01, 0,
	    "  median within 1%");
	tap_num(groups_metric(u.g, g, 0)->acc.mean, 10000.5, 1e-12, 0, "  mean exact");
	unload(&u);
	b.limit = 0;
	load(&u, text, -1, NULL, 0, &b);
	tap_ok(gacc_exact(groups_metric(u.g, groups_at(u.g, 0), 0)), "no limit: exact");
	for (i = 0, v = 1; i < 20000; i++)
		if (groups_metric(u.g, groups_at(u.g, 0), 0)->y[i] != (double)(i + 1))
			v = 0;
	tap_int(v, 1, "  in row order");
	unload(&u);
	free(text);
	return tap_done();
}
