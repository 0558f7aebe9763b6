/* trendcmp.c - baseline against candidate per group and metric, through
 * hypotest.h and bootstrap.h; the verdict combines Holm-adjusted
 * Mann-Whitney significance, the practical threshold, TOST equivalence
 * and the metric's direction. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/bootstrap.h"
#include "hypotest.h"
#include "fmt/jsonio.h"
#include "stats/stats.h"
#include "trendcmp.h"
#include "trenddesc.h"
#include "util/num.h"
#include "util/xalloc.h"

#define MIN_N 3			/* per side, for tests and a verdict */
#define RESAMPLES 2000		/* bootstrap resamples of the ratio */

/* Whether word (n bytes) is one of list's words. */
static int
inlist(const char *word, size_t n, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strlen(*list) == n && memcmp(*list, word, n) == 0)
			return 1;
	return 0;
}

/* Whether metric ends in "_" suffix. */
static int
unit(const char *metric, const char *suffix)
{
	size_t n = strlen(metric), m = strlen(suffix);

	return n > m && metric[n - m - 1] == '_' &&
	    strcmp(metric + n - m, suffix) == 0;
}

int
trendcmp_direction(const char *metric, const char *higher)
{
	/* Whole words, never substrings: "hitch" is not "hit", "unfreeze"
	 * not "free". */
	static const char *const good[] = { "idle", "avail", "available",
	    "free", "hit", "hits", "throughput", "ops", "score", "speedup",
	    "bandwidth", NULL };
	static const char *const bad[] = { "fault", "faults", "pgfault",
	    "pgmajfault", "flt", "minflt", "majflt", "err", "errs", "error",
	    "errors", "drop", "drops", "dropped", "stall", "stalls",
	    "throttled", "throttle", "swap", "ctx", "ctxt", "ctxsw", "intr",
	    "fork", "forks", "retrans", "retransmits", "miss", "misses",
	    "wait", "waits", "latency", "oom", NULL };
	const char *p, *w;
	size_t n = strlen(metric), k;
	int rate = unit(metric, "per_s"), timerate;

	for (p = higher; p && *p; p += strcspn(p, ",") + (p[strcspn(p, ",")]
	    != '\0'))
		if (strncmp(p, metric, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
	/* Seconds per second is a share of time, not throughput. */
	timerate = unit(metric, "s_per_s") || unit(metric, "ms_per_s");
	for (w = metric; *w != '\0'; w += k + (w[k] == '_')) {
		k = strcspn(w, "_");
		if (inlist(w, k, bad))
			return -1;
		if (inlist(w, k, good))
			return 1;
	}
	return rate && !timerate ? 1 : -1;
}

/* The values of an exact accumulator, sorted (a new array). */
static double *
sorted(const struct gacc *a)
{
	double *x = xmalloc((a->len ? a->len : 1) * sizeof *x);
	struct stats_desc d;

	if (a->len > 0)		/* a->y is NULL before any value */
		memcpy(x, a->y, a->len * sizeof *x);
	stats_describe(x, a->len, 0.95, &d);
	return x;
}

static json_t *
side(const struct gacc *a)
{
	json_t *o = json_object();

	xjsonio_set(o, "n", json_integer((json_int_t)a->acc.n));
	xjsonio_set(o, "mean", xjsonio_num(stats_acc_mean(&a->acc)));
	xjsonio_set(o, "sd", xjsonio_num(stats_acc_sd(&a->acc)));
	xjsonio_set(o, "median", xjsonio_num(gacc_exact(a) ? NAN :
	    sketch_quantile(a->sk, 0.5)));
	return o;
}

/* One comparison before Holm's adjustment: the object and its raw p. */
struct cmp {
	json_t *o;
	double p, rel;		/* MWU p; relative change of the medians */
	int dir, testable, equivalent;
	int identical;		/* both sides one and the same constant */
	const struct group *g;	/* the baseline's group */
	const struct group *k;	/* the candidate's */
};

static void
compare(struct cmp *c, const struct gacc *b, const struct gacc *k,
    const char *metric, const struct trendcmp_opts *o)
{
	struct hypotest_mwu mwu;
	struct hypotest_welch w;
	struct hypotest_hl hl;
	struct hypotest_tost tost;
	struct bootstrap_ratio br;
	json_t *j, *notes = json_array();
	double *x = NULL, *y = NULL, mb = NAN, mk = NAN, runs;
	size_t nb = b->acc.n, nk = k->acc.n;

	memset(c, 0, sizeof *c);
	c->p = c->rel = NAN;
	c->dir = trendcmp_direction(metric, o->higher);
	c->o = json_object();
	xjsonio_set(c->o, "metric", xjsonio_text(metric));
	xjsonio_set(c->o, "better", json_string(c->dir > 0 ? "higher" : "lower"));
	xjsonio_set(c->o, "baseline", side(b));
	xjsonio_set(c->o, "candidate", side(k));
	if (!gacc_exact(b) || !gacc_exact(k))
		xjsonio_appendf(notes, "values beyond the memory budget: no tests "
		    "(use --exact or --memory)");
	else if (nb < MIN_N || nk < MIN_N)
		xjsonio_appendf(notes, "too few samples: n=%zu, need %d",
		    nb < nk ? nb : nk, MIN_N);
	else
		c->testable = 1;
	if (gacc_exact(b) && gacc_exact(k)) {
		x = sorted(b);
		y = sorted(k);
		mb = stats_median(x, nb);
		mk = stats_median(y, nk);
		json_object_set_new(json_object_get(c->o, "baseline"), "median",
		    xjsonio_num(mb));
		json_object_set_new(json_object_get(c->o, "candidate"), "median",
		    xjsonio_num(mk));
		/* Relative to the baseline's magnitude, so that a change
		 * keeps its sign when the values are negative (-10 to -8
		 * is +20%, a rise).  From a zero baseline any change is
		 * beyond the threshold. */
		if (mb != 0)
			c->rel = (mk - mb) / fabs(mb);
		else
			c->rel = mk == 0 ? 0 : mk > 0 ? INFINITY : -INFINITY;
	}
	xjsonio_set(c->o, "change_pct", xjsonio_num(100 * c->rel));
	memset(&mwu, 0, sizeof mwu);
	mwu.u = mwu.p = NAN;
	if (c->testable)
		hypotest_mwu(x, nb, y, nk, HYPOTEST_AUTO, &mwu);
	c->p = mwu.p;
	j = json_object();
	xjsonio_set(j, "u", xjsonio_num(mwu.u));
	xjsonio_set(j, "p", xjsonio_num(mwu.p));
	xjsonio_set(j, "p_holm", json_null());
	xjsonio_set(j, "exact", json_boolean(c->testable && mwu.exact));
	xjsonio_set(c->o, "mann_whitney", j);

	memset(&w, 0, sizeof w);
	w.diff = w.t = w.df = w.p = w.lo = w.hi = NAN;
	if (c->testable)
		hypotest_welch(x, nb, y, nk, o->conf, &w);
	j = json_object();
	xjsonio_set(j, "diff", xjsonio_num(-w.diff));
	xjsonio_set(j, "ci", xjsonio_interval(-w.hi, -w.lo));
	xjsonio_set(j, "t", xjsonio_num(-w.t));	/* candidate - baseline, as diff */
	xjsonio_set(j, "df", xjsonio_num(w.df));
	xjsonio_set(j, "p", xjsonio_num(w.p));
	xjsonio_set(c->o, "welch", j);

	hl.shift = hl.lo = hl.hi = NAN;
	if (c->testable && hypotest_hl(x, nb, y, nk, o->conf, &hl) < 0 &&
	    isnan(hl.lo))
		xjsonio_appendf(notes, "too few samples for the Hodges-Lehmann "
		    "interval at this confidence");
	j = json_object();
	xjsonio_set(j, "shift", xjsonio_num(-hl.shift));
	xjsonio_set(j, "ci", xjsonio_interval(-hl.hi, -hl.lo));
	/* Which of R's two rules gave the interval. */
	xjsonio_set(j, "method", !c->testable || isnan(hl.lo) ? json_null() :
	    json_string(hl.method == HYPOTEST_HL_EXACT ? "exact" :
	    "normal_corrected"));
	xjsonio_set(c->o, "hodges_lehmann", j);

	br.ratio = br.lo = br.hi = NAN;
	if (c->testable && bootstrap_median_ratio(x, nb, y, nk, o->conf,
	    RESAMPLES, o->seed, &br) < 0)
		xjsonio_appendf(notes, isnan(br.ratio) ? "ratio of medians not "
		    "defined: baseline median is 0" : "no ratio interval: a "
		    "resampled baseline median was 0");
	j = json_object();
	xjsonio_set(j, "value", xjsonio_num(br.ratio));
	/* The Monte Carlo error of 2000 resamples is a few percent of the
	 * interval's width: digits past the fourth are noise. */
	xjsonio_set(j, "ci", xjsonio_interval(num_round_sig(br.lo, 4),
	    num_round_sig(br.hi, 4)));
	xjsonio_set(j, "resamples", json_integer(RESAMPLES));
	xjsonio_set(c->o, "ratio", j);

	tost.margin = tost.p = NAN;
	if (c->testable)
		hypotest_tost(x, nb, y, nk, o->threshold, &tost);
	c->equivalent = tost.p < 1 - o->conf;
	j = json_object();
	xjsonio_set(j, "margin", xjsonio_num(tost.margin));
	xjsonio_set(j, "p", xjsonio_num(tost.p));
	xjsonio_set(j, "equivalent", json_boolean(c->equivalent));
	xjsonio_set(c->o, "tost", j);
	runs = hypotest_runs_needed(stats_acc_sd(&b->acc),
	    stats_acc_mean(&b->acc), o->threshold, 1 - o->conf, 0.8);
	xjsonio_set(c->o, "runs_needed", runs >= 2 && runs < 9e15 ?
	    json_integer((json_int_t)runs) : json_null());
	/* No spread on either side: the t-based tests are undefined, which
	 * must be said; two identical constants are no change at all. */
	if (c->testable && stats_acc_sd(&b->acc) == 0 &&
	    stats_acc_sd(&k->acc) == 0) {
		c->identical = mb == mk;
		xjsonio_appendf(notes, c->identical ? "both samples are the "
		    "same constant: no change, and nothing for Welch's t or "
		    "TOST to test" : "both samples are constant: Welch's t and "
		    "TOST are undefined without spread; the verdict rests on "
		    "Mann-Whitney");
	}
	xjsonio_set(c->o, "notes", notes);
	free(x);
	free(y);
}

/* The verdict from the adjusted p: a significant change at least the
 * threshold is an improvement or a regression by the metric's
 * direction; a smaller significant one is "within_threshold" (real, but
 * below what matters); TOST equivalence is "unchanged". */
static const char *
verdict(const struct cmp *c, double p_holm, const struct trendcmp_opts *o)
{
	if (c->identical)
		return "unchanged";
	if (!c->testable || isnan(p_holm))
		return "inconclusive";
	if (p_holm < 1 - o->conf) {
		if (!(fabs(c->rel) >= o->threshold))
			return "within_threshold";
		return c->rel * c->dir > 0 ? "improved" : "regressed";
	}
	return c->equivalent ? "unchanged" : "inconclusive";
}

/*
 * A verdict on a time (a metric in seconds) that the runs left out could
 * change.  A timed-out run took at least its timeout, longer than any
 * counted: the candidate's make it slower than it looks, the baseline's
 * make the baseline slower.  Only a verdict they could only strengthen
 * stands (regressed with the candidate's runs timed out, improved with
 * the baseline's); any other is inconclusive, and the note says why.
 */
static const char *
censored(const struct cmp *c, const char *v, const json_t *metric,
    json_t *notes)
{
	const char *m = json_string_value(metric);
	size_t n = m ? strlen(m) : 0;
	int to_k = c->k->timed_out > 0, to_b = c->g->timed_out > 0;

	if (n < 2 || strcmp(m + n - 2, "_s") != 0 || (!to_k && !to_b) ||
	    strcmp(v, "inconclusive") == 0 ||
	    (strcmp(v, "regressed") == 0 && to_k && !to_b) ||
	    (strcmp(v, "improved") == 0 && to_b && !to_k))
		return v;
	xjsonio_appendf(notes, "inconclusive: %s without the timed-out runs "
	    "(%s), which took at least the timeout and could change it", v,
	    to_k && to_b ? "both sides'" : to_k ? "the candidate's" :
	    "the baseline's");
	return "inconclusive";
}

static void
unmatched_add(json_t **u, const struct groups *g, const struct group *gr,
    const struct csvread *r, const char *where)
{
	json_t *o = json_object();

	if (*u == NULL)
		*u = json_array();
	trenddesc_key(o, g, gr, r);
	xjsonio_set(o, "only_in", json_string(where));
	json_array_append_new(*u, o);
}

/* One side's runs left out, "3 timed out, 1 failed", into buf. */
static const char *
side_out(const struct group *g, char *buf, size_t len)
{
	if (g->timed_out && g->failed)
		snprintf(buf, len, "%llu timed out, %llu failed",
		    (unsigned long long)g->timed_out,
		    (unsigned long long)g->failed);
	else if (g->timed_out)
		snprintf(buf, len, "%llu timed out",
		    (unsigned long long)g->timed_out);
	else if (g->failed)
		snprintf(buf, len, "%llu failed", (unsigned long long)g->failed);
	else
		snprintf(buf, len, "none");
	return buf;
}

/* The runs either side left out, in the comparison's own notes: a
 * candidate whose slow runs timed out looks faster than it is, and the
 * comparison must say so where it is read, not only in the description. */
static void
left_out(json_t *notes, const struct group *b, const struct group *k)
{
	char sb[64], sk[64];

	if (!b->timed_out && !b->failed && !k->timed_out && !k->failed)
		return;
	xjsonio_appendf(notes, "runs left out: baseline %s, candidate %s%s",
	    side_out(b, sb, sizeof sb), side_out(k, sk, sizeof sk),
	    b->timed_out || k->timed_out ? " (a timed-out run took at least "
	    "its timeout: the change shown leaves them out)" : "");
}

json_t *
trendcmp_all(const struct groups *base, const struct columns *cb,
    const struct csvread *rb, const struct groups *cand,
    const struct columns *cc, const struct csvread *rc,
    const struct trendcmp_opts *o, json_t **unmatched)
{
	struct cmp *cmps = NULL;
	size_t n = 0, i, k, j;
	double *p, *adj;
	json_t *arr = json_array();
	struct group *gb, *gk;
	long kc;

	*unmatched = NULL;
	for (i = 0; i < groups_count(base); i++) {
		gb = groups_at(base, i);
		if ((gk = groups_find(cand, gb->id)) == NULL) {
			unmatched_add(unmatched, base, gb, rb, "baseline");
			continue;
		}
		for (k = 0; k < cb->n; k++) {
			if (cb->role[k] != COL_METRIC ||
			    (kc = csvread_col(rc, csvread_colname(rb, k))) < 0 ||
			    cc->role[kc] != COL_METRIC)
				continue;
			cmps = xreallocarray(cmps, n + 1, sizeof *cmps);
			compare(&cmps[n], groups_metric(base, gb, k),
			    groups_metric(cand, gk, (size_t)kc),
			    csvread_colname(rb, k), o);
			left_out(json_object_get(cmps[n].o, "notes"), gb, gk);
			cmps[n].k = gk;
			cmps[n++].g = gb;
		}
	}
	for (j = 0; j < groups_count(cand); j++)
		if (groups_find(base, groups_at(cand, j)->id) == NULL)
			unmatched_add(unmatched, cand, groups_at(cand, j), rc,
			    "candidate");
	p = xmalloc((n ? n : 1) * sizeof *p);
	adj = xmalloc((n ? n : 1) * sizeof *adj);
	for (i = 0; i < n; i++)
		p[i] = cmps[i].p;
	hypotest_holm(p, n, adj);
	for (i = 0; i < n; i++) {
		json_t *o2 = json_object();
		const char *kk;
		json_t *v;

		/* The group first, for readers of the document. */
		trenddesc_key(o2, base, cmps[i].g, rb);
		json_object_foreach(cmps[i].o, kk, v)
			xjsonio_set(o2, kk, json_incref(v));
		xjsonio_set(json_object_get(o2, "mann_whitney"), "p_holm",
		    xjsonio_num(adj[i]));
		xjsonio_set(o2, "verdict", json_string(censored(&cmps[i],
		    verdict(&cmps[i], adj[i], o), json_object_get(o2, "metric"),
		    json_object_get(o2, "notes"))));
		json_decref(cmps[i].o);
		json_array_append_new(arr, o2);
	}
	free(p);
	free(adj);
	free(cmps);
	return arr;
}

int
trendcmp_regressed(const json_t *cmps)
{
	const json_t *c;
	size_t i;

	json_array_foreach(cmps, i, c)
		if (strcmp(json_string_value(json_object_get(c, "verdict")),
		    "regressed") == 0)
			return 1;
	return 0;
}
