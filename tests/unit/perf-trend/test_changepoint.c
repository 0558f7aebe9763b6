/* test_changepoint.c - E-divisive and PELT: clean steps found at their
 * index by both, edge cases (n = 0, 1, short, constant, pure steps with no
 * noise, a zero mean before), refused input, determinism; PELT's penalty
 * on fixed series and its marking of points its Welch test rejects.
 * tests/stats/check_trend.py compares with re-implementations. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changepoint.h"
#include "edivisive.h"
#include "pelt.h"
#include "tap.h"

typedef int (*method)(const double *, size_t,
    const struct changepoint_opts *, struct changepoint **, size_t *,
    struct perr *);

static const char *const names[2] = { "edivisive", "pelt" };
static const method methods[2] = { edivisive_find, pelt_find };

/* Runs method m; returns the count (or -1), the change points in *cp. */
static long
run(int m, const double *y, size_t n, const struct changepoint_opts *o,
    struct changepoint **cp, struct perr *e)
{
	size_t k = 99;

	if (methods[m](y, n, o, cp, &k, e) < 0)
		return -1;
	return (long)k;
}

/* Deterministic noise, uniform in -0.1..0.1: a hash (splitmix64) of i. */
static double
wiggle(int i)
{
	uint64_t z = (uint64_t)(i + 1) * 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return 0.2 * ((double)(z >> 11) * 0x1p-53) - 0.1;
}

static void
edges(int m)
{
	struct changepoint_opts o;
	struct changepoint *cp;
	struct perr e;
	double y[40], bad[12];
	char name[80];
	int i;

	changepoint_defaults(&o);
	for (i = 0; i < 40; i++)
		y[i] = 7;
	snprintf(name, sizeof name, "%s: n = 0: none", names[m]);
	tap_int(run(m, y, 0, &o, &cp, &e), 0, name);
	tap_ok(cp == NULL, "%s: n = 0: no array", names[m]);
	snprintf(name, sizeof name, "%s: n = 1: none", names[m]);
	tap_int(run(m, y, 1, &o, &cp, &e), 0, name);
	snprintf(name, sizeof name, "%s: n < 2 min_size: none", names[m]);
	y[5] = 100;
	tap_int(run(m, y, 9, &o, &cp, &e), 0, name);
	y[5] = 7;
	snprintf(name, sizeof name, "%s: constant: none", names[m]);
	tap_int(run(m, y, 40, &o, &cp, &e), 0, name);
	free(cp);

	for (i = 0; i < 12; i++)
		bad[i] = i;
	bad[2] = NAN;
	snprintf(name, sizeof name, "%s: NaN refused", names[m]);
	tap_int(run(m, bad, 12, &o, &cp, &e), -1, name);
	tap_str(e.msg, "change points: value 3 is not finite", "its reason");
	bad[2] = INFINITY;
	tap_int(run(m, bad, 12, &o, &cp, &e), -1, "infinity refused");
	o.min_size = 1;
	snprintf(name, sizeof name, "%s: min_size 1 refused", names[m]);
	tap_int(run(m, y, 40, &o, &cp, &e), -1, name);
	tap_str(e.msg, "change points: minimum segment size 1 is below 2",
	    "its reason");
}

/* One step of 10 at index 50 in 100 points of small noise. */
static void
one_step(int m)
{
	struct changepoint_opts o;
	struct changepoint *cp;
	struct perr e;
	double y[100], b = 0, a = 0;
	int i;

	changepoint_defaults(&o);
	for (i = 0; i < 100; i++) {
		y[i] = (i < 50 ? 20 : 30) + wiggle(i);
		*(i < 50 ? &b : &a) += y[i] / 50;
	}
	tap_int(run(m, y, 100, &o, &cp, &e), 1, "one step: found once");
	tap_int(cp[0].index, 50, "at index 50");
	tap_num(cp[0].mean_before, b, 1e-12, 0, "mean before");
	tap_num(cp[0].mean_after, a, 1e-12, 0, "mean after");
	tap_num(cp[0].change_pct, 100 * (a - b) / b, 1e-12, 0, "change %");
	if (m == 0)
		tap_num(cp[0].p, 1.0 / 200, 0, 0, "p = 1/(R+1)");
	else
		tap_ok(cp[0].p < 1e-10, "Welch p tiny");
	tap_int(cp[0].significant, 1, "marked significant");
	free(cp);
}

/* Pure steps without noise (vertical steps): 0 0 ... 5 5 ... 2 2 ...; the
 * mean before the first is 0, so its change in % is unknown. */
static void
pure_steps(int m)
{
	struct changepoint_opts o;
	struct changepoint *cp;
	struct perr e;
	double y[90];
	int i;

	changepoint_defaults(&o);
	for (i = 0; i < 90; i++)
		y[i] = i < 30 ? 0 : i < 60 ? 5 : 2;
	tap_int(run(m, y, 90, &o, &cp, &e), 2, "pure steps: two");
	tap_ok(cp[0].index == 30 && cp[1].index == 60, "at 30 and 60");
	tap_ok(isnan(cp[0].change_pct), "change from a zero mean unknown");
	tap_num(cp[1].change_pct, -60, 1e-12, 0, "5 to 2 is -60%");
	if (m == 1)
		tap_ok(cp[1].p == 0 && isinf(cp[1].stat) && cp[1].stat < 0,
		    "constant segments: Welch p 0, t -inf");
	free(cp);
}

static void
edivisive_more(void)
{
	struct changepoint_opts o;
	struct changepoint *cp, *cp2;
	struct perr e;
	double y[300];
	size_t k, k2;
	int i, same;

	changepoint_defaults(&o);
	/* Noise in 0..1 with steps of 1 at 100 and 200. */
	for (i = 0; i < 300; i++)
		y[i] = 5 * wiggle(i) + (i >= 100) - (i >= 200);
	edivisive_find(y, 300, &o, &cp, &k, &e);
	edivisive_find(y, 300, &o, &cp2, &k2, &e);
	tap_ok(k == 2 && k2 == 2 && abs((int)cp[0].index - 100) <= 5 &&
	    abs((int)cp[1].index - 200) <= 5, "steps of 2 sd near 100 and 200");
	/* Field by field: the struct has padding memcmp would read. */
	for (i = 0, same = k == k2; same && (size_t)i < k; i++)
		same = cp[i].index == cp2[i].index && cp[i].p == cp2[i].p &&
		    cp[i].stat == cp2[i].stat &&
		    cp[i].significant == cp2[i].significant;
	tap_ok(same, "same seed, same result");
	free(cp);
	free(cp2);
	o.permutations = 0;
	tap_int(edivisive_find(y, 300, &o, &cp, &k, &e), -1,
	    "0 permutations refused");
	o.permutations = 199;
	o.sig = 1;
	tap_int(edivisive_find(y, 300, &o, &cp, &k, &e), -1,
	    "significance 1 refused");
	/* Noise alone. */
	o.sig = 0.05;
	for (i = 0; i < 300; i++)
		y[i] = wiggle(i);
	edivisive_find(y, 300, &o, &cp, &k, &e);
	tap_int(k, 0, "noise alone: none");
	free(cp);
}

static void
pelt_more(void)
{
	struct changepoint_opts o;
	struct changepoint *cp;
	struct perr e;
	double y[200], d;
	size_t k;
	int i;

	changepoint_defaults(&o);
	for (i = 0; i < 200; i++)
		y[i] = wiggle(i) + (i >= 100 ? 1 : 0);
	tap_num(pelt_penalty(y, 2), 0, 0, 0, "penalty: n < 3 is 0");
	d = pelt_penalty(y, 200);
	tap_ok(d > 0 && d < 1, "penalty: 2 sigma^2 ln n is small here");
	pelt_find(y, 200, &o, &cp, &k, &e);
	tap_ok(k == 1 && cp[0].index == 100, "pelt: the step at 100");
	free(cp);
	o.penalty = 1e9;
	pelt_find(y, 200, &o, &cp, &k, &e);
	tap_int(k, 0, "pelt: a huge penalty finds none");
	o.penalty = 0;
	o.min_size = 50;
	pelt_find(y, 200, &o, &cp, &k, &e);
	tap_ok(k <= 3, "pelt: min_size 50 allows at most 3");
	for (i = 1; i < (int)k; i++)
		tap_ok(cp[i].index - cp[i - 1].index >= 50, "segments >= 50");
	free(cp);
	o.penalty = -1;
	tap_int(pelt_find(y, 200, &o, &cp, &k, &e), -1,
	    "negative penalty refused");
	o.penalty = NAN;
	o.sig = 1;
	tap_int(pelt_find(y, 200, &o, &cp, &k, &e), -1, "significance 1 refused");
	tap_str(e.msg, "change points: significance 1 is not between 0 and 1",
	    "its reason");
}

/* The default penalty is 2 sigma^2 ln n with sigma^2 half the mean squared
 * first difference, the scale of the sum-of-squares cost. */
static void
pelt_penalty_values(void)
{
	double y[200], d[] = { 0, 1, 3, 6 }, want;
	int i;

	/* Differences 1, 2, 3: sigma^2 = (1 + 4 + 9) / 3 / 2 = 7/3. */
	tap_num(pelt_penalty(d, 4), 2 * 7.0 / 3 * log(4), 1e-15, 0,
	    "penalty of 0 1 3 6: 2 (7/3) ln 4");
	for (i = 0; i < 4; i++)
		d[i] = 5;
	tap_num(pelt_penalty(d, 4), 0, 0, 0, "penalty of a constant: 0");
	/* A step of 10 in 200 points alternating -1, 1: differences of 2
	 * but one of 10 - 2 = 8 at the step; the step barely moves it. */
	for (i = 0; i < 200; i++)
		y[i] = (i % 2 ? 1 : -1) + (i >= 100 ? 10 : 0);
	want = 2 * ((198 * 4.0 + 64) / 199 / 2) * log(200);
	tap_num(pelt_penalty(y, 200), want, 1e-14, 0,
	    "penalty of +-1 with a step of 10: 2 ((198*4 + 64)/199/2) ln 200");
	/* One outlier of 1000: the robust sigma would ignore it, the cost
	 * does not; the penalty has it (two differences of about 1000). */
	for (i = 0; i < 200; i++)
		y[i] = wiggle(i);
	y[100] = 1000;
	tap_ok(pelt_penalty(y, 200) > 2 * (2e6 * 0.99 / 199 / 2) * log(200),
	    "penalty of noise 0.1 and one outlier of 1000: on its scale");
}

/* An outlier in small noise: PELT isolates it in a short segment (the sum
 * of squares drops by more than two penalties), but the Welch test of that
 * segment against its neighbours is far from significant, and so marked. */
static void
pelt_not_significant(void)
{
	struct changepoint_opts o;
	struct changepoint *cp;
	struct perr e;
	double y[200];
	size_t k, i, ns = 0;

	changepoint_defaults(&o);
	for (i = 0; i < 200; i++)
		y[i] = 10 + wiggle((int)i);
	y[100] = 1000;
	tap_int(pelt_find(y, 200, &o, &cp, &k, &e), 0, "outlier: pelt runs");
	tap_ok(k >= 1, "outlier: pelt splits it off");
	for (i = 0; i < k; i++)
		ns += !cp[i].significant && cp[i].p > 0.05;
	tap_int(ns, k, "outlier: every point not significant, p > 0.05");
	free(cp);
	/* A step of 0.5 (about 9 sd) and an outlier of 3: both split off, the
	 * step alone significant.  (An outlier of 1000 would hide the step:
	 * a penalty on the cost's scale grows with it.) */
	for (i = 0; i < 200; i++)
		y[i] = 10 + wiggle((int)i) + (i >= 150 ? 0.5 : 0);
	y[60] = 13;
	pelt_find(y, 200, &o, &cp, &k, &e);
	tap_ok(k >= 2, "outlier and step: %zu points", k);
	for (i = ns = 0; i < k; i++)
		ns += cp[i].significant ? (cp[i].index == 150 ? 1 : 100) : 0;
	tap_int(ns, 1, "outlier and step: only the step at 150 significant");
	free(cp);
}

int
main(void)
{
	int m;

	for (m = 0; m < 2; m++) {
		edges(m);
		one_step(m);
		pure_steps(m);
	}
	edivisive_more();
	pelt_more();
	pelt_penalty_values();
	pelt_not_significant();
	return tap_done();
}
