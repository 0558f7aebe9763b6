/* runstat.c - the statistics of a group of runs and their checks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/jsonio.h"
#include "runstat.h"
#include "stats/distrib.h"
#include "stats/stats.h"
#include "util/xalloc.h"

size_t
runstat_needed_n(double cv)
{
	double z = 1.959963984540054, lb;
	size_t n;

	if (isnan(cv))
		return 0;
	cv = fabs(cv);
	/* t > z, so (z cv / 0.01)^2 is a lower bound. */
	lb = ceil(pow(z * cv / 0.01, 2));
	if (lb > 1e9)
		return 0;
	for (n = lb < 2 ? 2 : (size_t)lb; n <= 1000000000; n++)
		if (distrib_t_quantile(0.975, (double)(n - 1)) * cv /
		    sqrt((double)n) <= 0.01)
			return n;
	return 0;
}

double
runstat_autocorr1(const double *x, size_t n)
{
	double m, num = 0, den = 0;
	size_t i;

	if (n < 3)
		return NAN;
	m = stats_mean(x, n);
	for (i = 0; i < n; i++) {
		den += (x[i] - m) * (x[i] - m);
		if (i + 1 < n)
			num += (x[i] - m) * (x[i + 1] - m);
	}
	return den > 0 ? num / den : NAN;
}

double
runstat_bimodality(const double *x, size_t n)
{
	double m, m2 = 0, m3 = 0, m4 = 0, d, g1, g2, G1, G2, N = (double)n;
	size_t i;

	if (n < 4)
		return NAN;
	m = stats_mean(x, n);
	for (i = 0; i < n; i++) {
		d = x[i] - m;
		m2 += d * d;
		m3 += d * d * d;
		m4 += d * d * d * d;
	}
	m2 /= N;
	m3 /= N;
	m4 /= N;
	if (!(m2 > 0))
		return NAN;
	g1 = m3 / pow(m2, 1.5);
	g2 = m4 / (m2 * m2) - 3;
	G1 = g1 * sqrt(N * (N - 1)) / (N - 2);
	G2 = (N - 1) / ((N - 2) * (N - 3)) * ((N + 1) * g2 + 6);
	return (G1 * G1 + 1) / (G2 + 3 * (N - 1) * (N - 1) / ((N - 2) *
	    (N - 3)));
}

double
runstat_drift(const double *x, size_t n)
{
	size_t k = n / 5 ? n / 5 : 1, i;
	double *rest, med, m = 0;

	if (n < 5)
		return NAN;
	for (i = 0; i < k; i++)
		m += x[i];
	m /= (double)k;
	rest = xcalloc(n - k, sizeof *rest);
	memcpy(rest, x + k, (n - k) * sizeof *rest);
	qsort(rest, n - k, sizeof *rest, stats_cmp);
	med = stats_median(rest, n - k);
	free(rest);
	return med > 0 ? 100 * (m / med - 1) : NAN;
}

void
runstat_checks(struct checklist *l, const char *subject, const double *x,
    size_t n, size_t failed, size_t timedout)
{
	struct stats_desc s;
	struct stats_outliers o;
	struct check c;
	double *y = xcalloc(n ? n : 1, sizeof *y), v, bound, cv, lim;
	size_t need;

	if (n > 0)	/* x is NULL when no run succeeded */
		memcpy(y, x, n * sizeof *y);
	stats_describe(y, n, 0.95, &s);	/* sorts y */
	cv = s.cv;

	check_begin(&c, "failed_runs", "statistics", subject);
	c.unit = "count";
	c.measured = json_integer((json_int_t)(failed + timedout));
	c.expected = check_range(NAN, 0);
	c.status = failed + timedout ? CHECK_FAIL : CHECK_PASS;
	c.hint = "runs failed or timed out: their times measure something else; "
	    "fix the command and run again";
	check_detail(&c, "%zu runs failed (exit status or signal), %zu timed "
	    "out, %zu succeeded and are checked below", failed, timedout, n);
	check_add(l, &c);

	check_begin(&c, "enough_runs", "statistics", subject);
	c.unit = "count";
	c.measured = json_integer((json_int_t)n);
	need = runstat_needed_n(cv);
	c.expected = check_range(need ? (double)need : NAN, NAN);
	c.hint = "too few runs for a mean known to +-1%: run more (perf-time -r, "
	    "or --precision 1%)";
	if (n >= 2 && need) {
		c.status = n >= need ? CHECK_PASS : CHECK_WARN;
		check_detail(&c, "n=%zu, cv %.3g%%: +-1%% at 95%% needs the smallest "
		    "n with t(0.975, n-1) * cv / sqrt(n) <= 0.01: n=%zu", n,
		    100 * cv, need);
	} else
		check_detail(&c, "n=%zu: too few runs, or a zero mean, to tell", n);
	check_add(l, &c);

	check_begin(&c, "cv", "statistics", subject);
	c.unit = "pct";
	c.measured = xjsonio_num(100 * cv);
	c.expected = check_range(NAN, 5);
	c.status = n >= 2 ? check_grade(100 * cv, NAN, 5, NAN, 25) :
	    CHECK_UNKNOWN;
	c.hint = "runs vary a lot: quiet the machine (perf-validate --system) "
	    "or measure longer runs";
	if (n >= 2)
		check_detail(&c, "sd %.4g s over mean %.4g s of %zu runs", s.sd,
		    s.mean, n);
	else
		check_detail(&c, "n=%zu: too few runs counted to tell", n);
	check_add(l, &c);

	check_begin(&c, "outliers", "statistics", subject);
	c.unit = "count";
	lim = fmax(1, floor(0.05 * (double)n));
	c.expected = check_range(NAN, lim);
	c.hint = "some runs are far from the rest: look for interference, "
	    "caches or I/O";
	if (n >= 4) {
		stats_outliers(x, n, s.p25, s.p75, s.median, s.mad, NULL, &o);
		c.measured = json_integer((json_int_t)(o.mild + o.severe));
		c.status = o.severe == 0 && (double)(o.mild) <= lim ? CHECK_PASS :
		    CHECK_WARN;
		check_detail(&c, "Tukey's fences: %zu mild, %zu severe (%zu low, "
		    "%zu high); warn at any severe one or more than %g mild", o.mild,
		    o.severe, o.low, o.high, lim);
	} else
		check_detail(&c, "n=%zu: fewer than 4 runs", n);
	check_add(l, &c);

	check_begin(&c, "warmup_drift", "statistics", subject);
	c.unit = "pct";
	v = runstat_drift(x, n);
	bound = fmax(5, 2 * 100 * cv);
	c.measured = xjsonio_num(v);
	c.expected = check_range(NAN, bound);
	c.hint = "the first runs are slower (cold caches, frequency ramp-up): "
	    "add warm-up runs (perf-time -w)";
	if (!isnan(v)) {
		c.status = v <= bound ? CHECK_PASS : CHECK_WARN;
		check_detail(&c, "the first %zu runs' mean is %+.2f%% off the "
		    "median of the other %zu (warn above max(5%%, 2 cv))",
		    n / 5 ? n / 5 : 1, v, n - (n / 5 ? n / 5 : 1));
	} else
		check_detail(&c, "n=%zu: fewer than 5 runs", n);
	check_add(l, &c);

	check_begin(&c, "autocorrelation", "statistics", subject);
	c.unit = "none";
	v = runstat_autocorr1(x, n);
	bound = n ? 2 / sqrt((double)n) : NAN;
	c.measured = xjsonio_num(v);
	c.expected = check_range(-bound, bound);
	c.hint = "successive runs are correlated (drift, thermal or background "
	    "cycles): interleave commands (perf-time --interleave) or look for "
	    "a trend";
	if (n >= 8 && !isnan(v)) {
		c.status = fabs(v) <= bound ? CHECK_PASS : CHECK_WARN;
		check_detail(&c, "lag-1 autocorrelation %.3f in run order; "
		    "|r1| <= 2/sqrt(n) = %.3f for independent runs", v, bound);
	} else
		check_detail(&c, "n=%zu: fewer than 8 runs, or constant", n);
	check_add(l, &c);

	check_begin(&c, "bimodality", "statistics", subject);
	c.unit = "none";
	v = runstat_bimodality(x, n);
	c.measured = xjsonio_num(v);
	c.expected = check_range(NAN, 5.0 / 9);
	c.hint = "the runs may fall in two clusters (two code paths, CPU "
	    "placement, caches): a mean describes neither; look at the "
	    "distribution";
	if (n >= 10 && !isnan(v)) {
		c.status = v <= 5.0 / 9 ? CHECK_PASS : CHECK_WARN;
		check_detail(&c, "bimodality coefficient (g^2 + 1) / (k + 3(n-1)^2 "
		    "/ ((n-2)(n-3))) = %.3f; above 5/9 suggests two modes (heavy "
		    "skew can also exceed it)", v);
	} else
		check_detail(&c, "n=%zu: fewer than 10 runs, or constant", n);
	check_add(l, &c);

	check_begin(&c, "run_length", "statistics", subject);
	c.unit = "s";
	c.measured = xjsonio_num(s.median);
	c.expected = check_range(0.005, NAN);
	c.hint = "runs this short mostly measure process start-up and clock "
	    "granularity: make each run do more work";
	c.status = check_grade(s.median, 0.005, NAN, 0.0005, NAN);
	if (n > 0)
		check_detail(&c, "median wall_s %.4g s (warn below 5 ms, where "
		    "start-up and timer resolution weigh in; fail below 0.5 "
		    "ms)", s.median);
	else
		check_detail(&c, "no run counted (every one failed or timed "
		    "out)");
	check_add(l, &c);
	free(y);
}
