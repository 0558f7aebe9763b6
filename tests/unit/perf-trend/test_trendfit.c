/* test_trendfit.c - trends and forecasts, change points of a step, the
 * param column for complexity, from hand-made accumulators. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "trendfit.h"

static const json_t *
at(const json_t *o, const char *a, const char *b)
{
	o = json_object_get(o, a);
	return b ? json_object_get(o, b) : o;
}

int
main(void)
{
	double x[40], y[40];
	struct trendfit_forecast fc = { "m", 100, "m=100" };
	struct trendfit_opts o = { 0.95, 1, 0, &fc, 1, "time", NULL };
	struct gacc a;
	struct perr e;
	json_t *t;
	char path[256], *paths[1];
	struct csvread *r;
	unsigned long long seed;
	size_t i;

	memset(&a, 0, sizeof a);
	stats_acc_init(&a.acc);
	for (i = 0; i < 40; i++) {
		x[i] = 1000 + 60.0 * (double)i;
		y[i] = 10 + 0.5 * (double)i + (i % 2 ? 0.1 : -0.1);
		stats_acc_add(&a.acc, y[i]);
	}
	a.y = y;
	a.x = x;
	a.len = a.cap = 40;
	t = trendfit_trend(&a, "m", &o);
	tap_num(json_number_value(at(t, "ols", "slope")), 0.5 / 60, 1e-3, 0,
	    "OLS slope per second");
	tap_str(json_string_value(at(t, "direction", NULL)), "rising",
	    "rising, both fits agree");
	tap_str(json_string_value(at(t, "forecast", "status")), "ahead",
	    "forecast ahead");
	tap_str(json_string_value(at(t, "forecast", "text")),
	    "in 2.35 h (prediction interval 2.33 h to 2.36 h)",
	    "  in words (29.5 at the last x, 0.5 per minute)");
	json_decref(t);
	fc.value = 0;
	t = trendfit_trend(&a, "m", &o);
	tap_str(json_string_value(at(t, "forecast", "status")), "reached",
	    "a threshold a rising trend has passed: reached");
	tap_ok(strncmp(json_string_value(at(t, "forecast", "text")),
	    "already reached, ", 17) == 0, "  since when, in words");
	json_decref(t);

	for (i = 0, seed = 12345; i < 40; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		y[i] = (i < 20 ? 1.0 : 2.0) + 0.2 *
		    ((double)(seed >> 11) / 9007199254740992.0 - 0.5);
	}
	o.changepoints = 1;
	t = trendfit_changepoints(&a, &o);
	tap_int(json_array_size(at(t, "pelt", NULL)), 1, "PELT: one change");
	tap_int(json_integer_value(at(json_array_get(at(t, "pelt", NULL), 0),
	    "index", NULL)), 20, "  at 20");
	tap_num(json_number_value(at(json_array_get(at(t, "edivisive", NULL),
	    0), "x", NULL)), 2200, 0, 0, "E-divisive: at x = 2200");
	json_decref(t);

	a.len = 2;
	t = trendfit_trend(&a, "m", &o);
	tap_ok(json_is_null(at(t, "ols", "slope")), "n=2: no slope");
	tap_str(json_string_value(json_array_get(at(t, "notes", NULL), 0)),
	    "too few samples for a trend: n=2, need 3", "  said so");
	json_decref(t);

	snprintf(path, sizeof path, "%s", tap_file("p.csv",
	    "name,param_n,param_k,v\nx,1,2,3\n"));
	paths[0] = path;
	r = csvread_open(paths, 1, &e);
	tap_int(trendfit_param_column(r, NULL, &e), -1, "two param_ columns");
	tap_ok(strstr(e.msg, "several param_* columns") != NULL, "  %s", e.msg);
	tap_int(trendfit_param_column(r, "param_k", &e), 2, "named one");
	csvread_close(r);
	return tap_done();
}
