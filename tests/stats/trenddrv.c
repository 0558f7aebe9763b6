/* trenddrv.c - test driver for the trend statistics (regress, changepoint,
 * complexity); reads requests on stdin, one per line, writes one line of
 * results per request.
 *
 * A request is a function name, its scalar arguments, then samples each
 * introduced by '|':  "ols 0.05 | 1 2 3 | 2 4 7".  The answer is the
 * results separated by blanks, %.17g, NaN as "nan"; a request that cannot
 * be parsed gets "error: ..." (and the exit status is 2).  With -t, each
 * answer is followed by "# elapsed_s S cpu_s C", the wall-clock and the
 * process CPU time the call took.
 *
 *   ols ALPHA | x | y          slope intercept slope_se intercept_se
 *                              slope_lo slope_hi intercept_lo intercept_hi
 *                              r2 p dir
 *   theilsen ALPHA | x | y     slope intercept slope_lo slope_hi dir exact
 *   cross ALPHA THR SIDE | x | y   status t t_lo t_hi
 *   cx | n | t                 best, then coef rms nrms r2 of each class
 *   penalty | y                the default PELT penalty
 *   pelt MIN PEN | y           (PEN < 0: the default) count, then index
 *                              mean_before mean_after change_pct p stat of
 *                              each change point
 *   edivisive MIN PERMS SIG SEED | y   the same as pelt
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "changepoint.h"
#include "complexity.h"
#include "num.h"
#include "regress.h"
#include "timeutil.h"
#include "xalloc.h"

#define MAXARG 8
#define MAXSAMP 2

struct req {
	char *name;
	double arg[MAXARG];
	size_t narg;
	double *s[MAXSAMP];
	size_t ns[MAXSAMP], nsamp, cap[MAXSAMP];
	int matched;	/* the name is known */
};

static int bad;

static void
out(const double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (isnan(v[i]))
			printf("%snan", i ? " " : "");
		else
			printf("%s%.17g", i ? " " : "", v[i]);
	putchar('\n');
}

/* Splits line into the request; returns -1 on a field that is no number. */
static int
parse(char *line, struct req *r)
{
	char *tok, *save;
	size_t k;
	double v;

	memset(r, 0, sizeof *r);
	r->name = strtok_r(line, " \t\n", &save);
	if (r->name == NULL)
		return -1;
	while ((tok = strtok_r(NULL, " \t\n", &save)) != NULL) {
		if (strcmp(tok, "|") == 0) {
			if (r->nsamp == MAXSAMP)
				return -1;
			r->nsamp++;
			continue;
		}
		if (num_parse(tok, strlen(tok), &v) != 1)
			return -1;
		if (r->nsamp == 0) {
			if (r->narg == MAXARG)
				return -1;
			r->arg[r->narg++] = v;
			continue;
		}
		k = r->nsamp - 1;
		if (r->ns[k] == r->cap[k]) {
			r->cap[k] = r->cap[k] ? 2 * r->cap[k] : 64;
			r->s[k] = xreallocarray(r->s[k], r->cap[k],
			    sizeof(double));
		}
		r->s[k][r->ns[k]++] = v;
	}
	return 0;
}

static int
need(const struct req *r, size_t narg, size_t nsamp)
{
	if (r->narg == narg && r->nsamp == nsamp &&
	    (nsamp < 2 || r->ns[0] == r->ns[1]))
		return 1;
	printf("error: %s wants %zu arguments and %zu samples of one "
	    "length\n", r->name, narg, nsamp);
	bad = 1;
	return 0;
}

/* Whether r is a well-formed request for function name. */
static int
is(struct req *r, const char *name, size_t narg, size_t nsamp)
{
	if (strcmp(r->name, name) != 0)
		return 0;
	r->matched = 1;
	return need(r, narg, nsamp);
}

static int
failed(const struct perr *e)
{
	printf("error: %s\n", e->msg);
	return bad = 1;
}

static void
cps(const struct changepoint *cp, size_t k)
{
	double *v = xcalloc(6 * k + 1, sizeof(*v));
	size_t i;

	v[0] = k;
	for (i = 0; i < k; i++) {
		v[1 + 6 * i] = cp[i].index;
		v[2 + 6 * i] = cp[i].mean_before;
		v[3 + 6 * i] = cp[i].mean_after;
		v[4 + 6 * i] = cp[i].change_pct;
		v[5 + 6 * i] = cp[i].p;
		v[6 + 6 * i] = cp[i].stat;
	}
	out(v, 6 * k + 1);
	free(v);
}

static void
dispatch(struct req *r)
{
	struct regress_ols o;
	struct regress_theilsen ts;
	struct regress_forecast f;
	struct complexity_result cx;
	struct changepoint_opts co;
	struct changepoint *cp;
	struct perr e;
	double *a = r->arg, v[1 + 4 * COMPLEXITY_NCLASS];
	size_t k, i;

	if (is(r, "ols", 1, 2)) {
		if (regress_ols(r->s[0], r->s[1], r->ns[0], a[0], &o, &e) < 0) {
			failed(&e);
			return;
		}
		out((double[]){ o.slope, o.intercept, o.slope_se,
		    o.intercept_se, o.slope_lo, o.slope_hi, o.intercept_lo,
		    o.intercept_hi, o.r2, o.p, o.dir }, 11);
	} else if (is(r, "theilsen", 1, 2)) {
		if (regress_theilsen(r->s[0], r->s[1], r->ns[0], a[0], &ts,
		    &e) < 0) {
			failed(&e);
			return;
		}
		out((double[]){ ts.slope, ts.intercept, ts.slope_lo,
		    ts.slope_hi, ts.dir, ts.exact }, 6);
	} else if (is(r, "cross", 3, 2)) {
		if (regress_ols(r->s[0], r->s[1], r->ns[0], a[0], &o, &e) < 0) {
			failed(&e);
			return;
		}
		regress_cross(&o, a[1], (int)a[2], &f);
		out((double[]){ f.status, f.t, f.t_lo, f.t_hi }, 4);
	} else if (is(r, "cx", 0, 2)) {
		if (complexity_fit(r->s[0], r->s[1], r->ns[0], &cx, &e) < 0) {
			failed(&e);
			return;
		}
		v[0] = cx.best;
		for (i = 0; i < COMPLEXITY_NCLASS; i++) {
			v[1 + 4 * i] = cx.fit[i].coef;
			v[2 + 4 * i] = cx.fit[i].rms;
			v[3 + 4 * i] = cx.fit[i].nrms;
			v[4 + 4 * i] = cx.fit[i].r2;
		}
		out(v, 1 + 4 * COMPLEXITY_NCLASS);
	} else if (is(r, "penalty", 0, 1)) {
		v[0] = changepoint_penalty(r->s[0], r->ns[0]);
		out(v, 1);
	} else if (is(r, "pelt", 2, 1)) {
		changepoint_defaults(&co);
		co.min_size = (size_t)a[0];
		co.penalty = a[1] < 0 ? NAN : a[1];
		if (changepoint_pelt(r->s[0], r->ns[0], &co, &cp, &k, &e) < 0) {
			failed(&e);
			return;
		}
		cps(cp, k);
		free(cp);
	} else if (is(r, "edivisive", 4, 1)) {
		changepoint_defaults(&co);
		co.min_size = (size_t)a[0];
		co.permutations = (int)a[1];
		co.sig = a[2];
		co.seed = (uint64_t)a[3];
		if (changepoint_edivisive(r->s[0], r->ns[0], &co, &cp, &k,
		    &e) < 0) {
			failed(&e);
			return;
		}
		cps(cp, k);
		free(cp);
	} else if (!r->matched) {
		printf("error: unknown request '%s'\n", r->name);
		bad = 1;
	}
}

static double
cputime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct req r;
	char *line = NULL;
	size_t cap = 0, i;
	double t0, c0;
	int timed = 0, c;

	while ((c = getopt(argc, argv, "t")) != -1) {
		if (c != 't') {
			fputs("usage: trenddrv [-t] < requests\n", stderr);
			return 2;
		}
		timed = 1;
	}
	while (getline(&line, &cap, stdin) != -1) {
		if (parse(line, &r) < 0) {
			printf("error: cannot parse request\n");
			bad = 1;
		} else {
			t0 = time_mono();
			c0 = cputime();
			dispatch(&r);
			if (timed)
				printf("# elapsed_s %.6f cpu_s %.6f\n",
				    time_mono() - t0, cputime() - c0);
		}
		for (i = 0; i < MAXSAMP; i++)
			free(r.s[i]);
		fflush(stdout);
	}
	free(line);
	return bad ? 2 : 0;
}
