/* edivisive.c - change points by E-divisive means with a permutation
 * test (changepoint.h). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stats/bootstrap.h"
#include "changepoint.h"
#include "edivisive.h"
#include "stats/stats.h"
#include "util/xalloc.h"

/*
 * E-divisive.  Each segment [a, b) of m values is prepared once: its
 * values sorted (sv, by rank; ties broken by position) and each one's
 * distance sum to the whole segment, av[r] = sum over i of |z_i - sv[r]|.
 * The segment itself is then its ranks in order (perm), which a
 * permutation shuffles.  One pass with a Fenwick tree over ranks gives
 * d[j] = sum over i < j of |z_i - z_j|, hence both within-sums: W_X(tau) =
 * sum of d[j] for j < tau, W_Y(tau) = sum of av - d over j >= tau; and the
 * cross sum B = T - W_X - W_Y.  Q(tau) = xk/(x+k) (2B/(xk) - 2W_X/(x(x-1))
 * - 2W_Y/(k(k-1))), x and k the two sides' sizes, = c1 B - c2 W_X - c3 W_Y.
 * Every array is indexed by position in the series, a segment using
 * [a, b) of each, so all segments stay prepared at once.
 */
struct fen {
	double cnt, sum;
};

struct ework {
	const double *z;	/* the series, centred and scaled */
	struct fen *fen;	/* Fenwick trees over ranks, 1-based at a */
	double *sv, *av;	/* by a + rank: value, distance sum */
	double *wx;		/* wx[a + t]: within-sum of [a, a + t) */
	double *ey;		/* av - d, by position */
	double *c1, *c2, *c3;	/* Q's coefficients by position of tau */
	uint32_t *perm;		/* the ranks in order */
	uint32_t *ix;		/* positions sorted by value */
	size_t min;
};

struct seg {
	size_t a, b;	/* the segment [a, b) */
	size_t tau;	/* its best split, absolute; 0 when it has none */
	double q;	/* its Q */
	double *null;	/* with a split: the best Q of each permutation */
};

static int
cmp_ix(const void *a, const void *b, void *arg)
{
	const double *z = arg;
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;

	if (z[i] != z[j])
		return z[i] < z[j] ? -1 : 1;
	return (i > j) - (i < j);
}

/* The best split of segment s in the order of w->perm: returns tau
 * (relative to s->a) and stores its Q in *q. */
static size_t
bestsplit(struct ework *w, const struct seg *s, double *q)
{
	struct fen *fen = w->fen + s->a;
	const uint32_t *perm = w->perm + s->a;
	const double *sv = w->sv + s->a, *av = w->av + s->a;
	double *wx = w->wx + s->a, *ey = w->ey + s->a;
	double c, sm, d, v, n = 0, sum = 0, wy = 0, total, qt;
	size_t t, i, r, m = s->b - s->a, best = 0;

	memset(fen + 1, 0, m * sizeof(*fen));
	wx[0] = 0;
	for (t = 0; t < m; t++) {
		r = perm[t];
		v = sv[r];
		c = sm = 0;
		for (i = r; i > 0; i -= i & -i) {	/* values <= v */
			c += fen[i].cnt;
			sm += fen[i].sum;
		}
		for (i = r + 1; i <= m; i += i & -i) {
			fen[i].cnt += 1;
			fen[i].sum += v;
		}
		d = (c * v - sm) + ((sum - sm) - (n - c) * v);
		n += 1;
		sum += v;
		wx[t + 1] = wx[t] + d;
		ey[t] = av[r] - d;
	}
	total = wx[m];
	*q = -INFINITY;
	for (t = m; t-- > w->min;) {
		wy += ey[t];		/* now the within-sum of [t, m) */
		if (t + w->min > m)
			continue;
		i = s->a + t;
		qt = w->c1[i] * (total - wx[t] - wy) - w->c2[i] * wx[t] -
		    w->c3[i] * wy;
		if (qt >= *q) {	/* scanning down: earliest tie wins */
			*q = qt;
			best = t;
		}
	}
	return best;
}

/*
 * Prepares segment s (see above) and finds its best split, if it is long
 * enough and not constant (there Q would be rounding noise); then the best
 * Q of each of R permutations of the segment, its share of the
 * permutation test (see permtest).
 */
static void
segbest(struct ework *w, struct seg *s, int nperm, struct bootstrap_rng *rng)
{
	const double *z = w->z + s->a;
	double below = 0, total = 0, v, x, k;
	uint32_t i, j, tmp, m = s->b - s->a, *ix = w->ix + s->a;
	uint32_t *perm = w->perm + s->a;
	int r;

	s->tau = 0;
	s->q = -INFINITY;
	free(s->null);
	s->null = NULL;
	for (i = 1; i < m && z[i] == z[0]; i++)
		;
	if (m < 2 * w->min || i == m)
		return;
	for (i = 0; i < m; i++) {
		ix[i] = i;
		total += z[i];
	}
	qsort_r(ix, m, sizeof(*ix), cmp_ix, (void *)z);
	for (i = 0; i < m; i++) {
		v = w->sv[s->a + i] = z[ix[i]];
		w->av[s->a + i] = (i * v - below) + ((total - below - v) -
		    (m - i - 1) * v);
		below += v;
		w->perm[s->a + ix[i]] = i;
	}
	for (i = w->min; i + w->min <= m; i++) {
		x = i, k = m - i;
		w->c1[s->a + i] = 2 / (x + k);
		w->c2[s->a + i] = 2 * k / ((x + k) * (x - 1));
		w->c3[s->a + i] = 2 * x / ((x + k) * (k - 1));
	}
	s->tau = s->a + bestsplit(w, s, &s->q);
	s->null = xreallocarray(NULL, nperm, sizeof(*s->null));
	for (r = 0; r < nperm; r++) {
		for (i = m - 1; i > 0; i--) {
			j = (uint32_t)bootstrap_below(rng, i + 1);
			tmp = perm[i], perm[i] = perm[j], perm[j] = tmp;
		}
		bestsplit(w, s, &s->null[r]);
	}
}

/*
 * The permutation p-value of the best split q among the segments seg[0..ns)
 * (Matteson and James): permutation r shuffles every segment within itself
 * and takes the best split over all of them, so the test accounts for q
 * being the largest of several.  The segments' permutations are drawn
 * independently, so each segment's best Q per permutation is drawn once,
 * when the segment is made (segbest), and reused by later tests.
 */
static double
permtest(const struct seg *seg, size_t ns, double q, int nperm)
{
	double qmax;
	size_t s;
	int r, ge = 0;

	for (r = 0; r < nperm; r++) {
		qmax = -INFINITY;
		for (s = 0; s < ns; s++)
			if (seg[s].null != NULL && seg[s].null[r] > qmax)
				qmax = seg[s].null[r];
		ge += qmax >= q;
	}
	return (ge + 1.0) / (nperm + 1);
}

int
edivisive_find(const double *y, size_t n,
    const struct changepoint_opts *o, struct changepoint **cp, size_t *ncp,
    struct perr *e)
{
	struct ework w;
	struct seg *seg;
	size_t nseg = 1, i, best, k = 0;
	double *z, mid, scale, pv;
	struct bootstrap_rng rng;

	*cp = NULL;
	*ncp = 0;
	if (changepoint_check(y, n, o, e) < 0)
		return -1;
	if (o->permutations < 1 || !(o->sig > 0 && o->sig < 1))
		return perr_set(e, "change points: need permutations >= 1 "
		    "and 0 < significance < 1");
	if (n >= UINT32_MAX)
		return perr_set(e, "change points: %zu values are too many",
		    n);
	if (n < 2 * o->min_size)
		return 0;
	/* Q scales with the data: centre and scale once for precision. */
	mid = stats_mean(y, n);
	scale = stats_sd(y, n);
	if (!(scale > 0))
		return 0;
	bootstrap_seed(&rng, o->seed);
	w.z = z = xreallocarray(NULL, n, sizeof(*z));
	for (i = 0; i < n; i++)
		z[i] = (y[i] - mid) / scale;
	w.min = o->min_size;
	w.fen = xcalloc(n + 1, sizeof(*w.fen));
	w.wx = xcalloc(n + 1, sizeof(double));
	w.sv = xcalloc(n, sizeof(double));
	w.av = xcalloc(n, sizeof(double));
	w.ey = xcalloc(n, sizeof(double));
	w.c1 = xcalloc(n, sizeof(double));
	w.c2 = xcalloc(n, sizeof(double));
	w.c3 = xcalloc(n, sizeof(double));
	w.perm = xcalloc(n, sizeof(*w.perm));
	w.ix = xcalloc(n, sizeof(*w.ix));
	seg = xreallocarray(NULL, n / o->min_size + 1, sizeof(*seg));
	seg[0].a = 0, seg[0].b = n;
	seg[0].null = NULL;
	segbest(&w, &seg[0], o->permutations, &rng);
	*cp = xreallocarray(NULL, n / o->min_size + 1, sizeof(**cp));
	for (;;) {
		best = 0;
		for (i = 1; i < nseg; i++)
			if (seg[i].q > seg[best].q)
				best = i;
		if (seg[best].tau == 0)
			break;
		pv = permtest(seg, nseg, seg[best].q, o->permutations);
		if (pv > o->sig)
			break;
		(*cp)[k].index = seg[best].tau;
		(*cp)[k].p = pv;
		(*cp)[k].significant = 1;	/* p <= o->sig, or no split */
		(*cp)[k++].stat = seg[best].q * scale;
		seg[nseg].a = seg[best].tau, seg[nseg].b = seg[best].b;
		seg[nseg].null = NULL;
		seg[best].b = seg[best].tau;
		segbest(&w, &seg[best], o->permutations, &rng);
		segbest(&w, &seg[nseg++], o->permutations, &rng);
	}
	free(z);
	free(w.fen);
	free(w.wx);
	free(w.sv);
	free(w.av);
	free(w.ey);
	free(w.c1);
	free(w.c2);
	free(w.c3);
	free(w.perm);
	free(w.ix);
	for (i = 0; i < nseg; i++)
		free(seg[i].null);
	free(seg);
	if (k == 0) {
		free(*cp);
		*cp = NULL;
	} else
		changepoint_finish(y, n, *cp, k);
	*ncp = k;
	return 0;
}
