/* test_complexity.c - complexity fits: exact curves are recognized, edge
 * cases are refused with a reason. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "complexity.h"
#include "tap.h"

/* Times from exactly c f(n) for each class are fitted to that class. */
static void
exact(enum complexity_class c)
{
	double n[6] = { 8, 16, 64, 256, 1024, 4096 }, t[6];
	struct complexity_result r;
	struct perr e;
	int i;

	for (i = 0; i < 6; i++)
		t[i] = 3e-9 * complexity_f(c, n[i]) + (c == COMPLEXITY_1 ?
		    1e-12 * (i % 2) : 0);
	tap_int(complexity_fit(n, t, 6, &r, &e), 0, complexity_name(c));
	tap_str(complexity_name(r.best), complexity_name(c), "best class");
	tap_num(r.fit[c].coef, 3e-9, 1e-3, 0, "coefficient");
	if (c != COMPLEXITY_1)
		tap_num(r.fit[c].r2, 1, 0, 1e-12, "r2 of an exact fit is 1");
}

int
main(void)
{
	double n[] = { 1, 2, 4, 8 }, t[] = { 1, 2, 4, 8 }, one[] = { 5, 5 };
	double t2[] = { 2, 4, 6, 9 }, bad[] = { 1, 2, NAN, 8 };
	struct complexity_result r;
	struct perr e;
	int c;

	for (c = 0; c < COMPLEXITY_NCLASS; c++)
		exact(c);

	/* By hand: t = (2, 4, 6, 9) at n = (1, 2, 4, 8), O(n): c = sum(t n)
	 * / sum(n^2) = 106 / 85. */
	tap_int(complexity_fit(n, t2, 4, &r, &e), 0, "fit by hand");
	tap_num(r.fit[COMPLEXITY_N].coef, 106.0 / 85, 1e-14, 0, "O(n) coef");
	tap_num(r.fit[COMPLEXITY_1].coef, 21.0 / 4, 1e-14, 0,
	    "O(1) coef is the mean");
	tap_num(r.fit[COMPLEXITY_1].r2, 0, 0, 1e-14, "O(1) r2 is 0");
	tap_num(r.fit[COMPLEXITY_1].nrms, sqrt(26.75 / 4) / 5.25, 1e-14, 0,
	    "O(1) normalized rms is sd / mean");

	tap_int(complexity_fit(n, t, 0, &r, &e), -1, "no sizes refused");
	tap_str(e.msg, "complexity fit needs at least 2 sizes, got 0",
	    "its reason");
	tap_int(complexity_fit(n, t, 1, &r, &e), -1, "one size refused");
	tap_int(complexity_fit(one, t, 2, &r, &e), -1,
	    "equal sizes refused");
	tap_str(e.msg, "complexity fit needs at least 2 distinct sizes",
	    "its reason");
	tap_int(complexity_fit(n, bad, 4, &r, &e), -1, "NaN time refused");
	tap_str(e.msg, "complexity fit: time at size 4 is not finite",
	    "its reason");
	tap_int(complexity_fit(bad, t, 4, &r, &e), -1, "NaN size refused");
	n[0] = 0;
	tap_int(complexity_fit(n, t, 4, &r, &e), -1, "size 0 refused");
	n[0] = 1;

	/* Constant times: O(1) fits exactly, r2 is undefined. */
	{
		double k[] = { 7, 7, 7, 7 };

		tap_int(complexity_fit(n, k, 4, &r, &e), 0, "constant times");
		tap_str(complexity_name(r.best), "O(1)", "are O(1)");
		tap_num(r.fit[COMPLEXITY_1].nrms, 0, 0, 0, "with rms 0");
		tap_ok(isnan(r.fit[COMPLEXITY_N].r2), "r2 NaN for constant");
	}
	/* All times zero: every class fits, the simplest wins. */
	{
		double z[] = { 0, 0, 0, 0 };

		tap_int(complexity_fit(n, z, 4, &r, &e), 0, "zero times");
		tap_str(complexity_name(r.best), "O(1)", "simplest on a tie");
	}
	/* Two points suffice; on a tie the simpler class wins: 2, 4 at
	 * n = 2, 4 is both 2 log2(n) and n. */
	tap_int(complexity_fit(n + 1, t + 1, 2, &r, &e), 0, "two sizes");
	tap_str(complexity_name(r.best), "O(log n)", "a tie goes to the "
	    "simpler class");
	n[1] = 8;
	t[1] = 8;
	tap_int(complexity_fit(n + 1, t + 1, 2, &r, &e), 0, "two sizes");
	tap_str(complexity_name(r.best), "O(n)", "two sizes on a line");
	tap_str(complexity_name(COMPLEXITY_NCLASS), "?", "bad class name");
	return tap_done();
}
