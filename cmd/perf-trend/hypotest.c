/* hypotest.c - two-sample comparisons: Mann-Whitney U (exact and normal),
 * Welch's t, Hodges-Lehmann, TOST, Holm, sample size. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stats/distrib.h"
#include "hypotest.h"
#include "stats/stats.h"
#include "util/xalloc.h"

/* Products m n min(m, n) beyond this make the exact table too big. */
#define EXACT_WORK 2000000.0

struct tagged {
	double v;
	int in_x;
};

static int
cmp_tagged(const void *a, const void *b)
{
	double x = ((const struct tagged *)a)->v;
	double y = ((const struct tagged *)b)->v;

	return (x > y) - (x < y);
}

/*
 * The null law of U for samples of m and n values without ties: returns
 * P(U = u) for u = 0 .. m n in a new array (free it), or NULL when the
 * table would be too big.  f[j][u] holds P(U = u) for samples of i and j
 * values; level i is built in place from level i - 1: the largest value
 * is in the first sample with probability i / (i + j), and then it beats
 * all j others.
 */
static double *
mwu_pmf(size_t m, size_t n)
{
	double **f, *res, a, b;
	size_t i, j, k, t;

	if (m == 0 || n == 0 || (double)m * n * (m < n ? m : n) > EXACT_WORK)
		return NULL;
	if (n > m) {		/* the law of U is symmetric in m and n */
		t = m;
		m = n;
		n = t;
	}
	f = xcalloc(n + 1, sizeof *f);
	for (j = 0; j <= n; j++) {
		f[j] = xcalloc(m * j + 1, sizeof **f);
		f[j][0] = 1;
	}
	for (i = 1; i <= m; i++)
		for (j = 1; j <= n; j++) {
			a = (double)i / (i + j);
			b = (double)j / (i + j);
			for (k = i * j + 1; k-- > 0;)
				f[j][k] = (k >= j ? a * f[j][k - j] : 0) +
				    (k <= i * (j - 1) ? b * f[j - 1][k] : 0);
		}
	res = f[n];
	for (j = 0; j < n; j++)
		free(f[j]);
	free(f);
	return res;
}

double
hypotest_mwu_cdf(double u, size_t m, size_t n)
{
	double *f, s = 0;
	size_t k;

	if (m == 0 || n == 0 || isnan(u))
		return NAN;
	if (u < 0)
		return 0;
	if (u >= (double)m * n)
		return 1;
	if ((f = mwu_pmf(m, n)) == NULL)
		return NAN;
	for (k = 0; k <= (size_t)floor(u); k++)
		s += f[k];
	free(f);
	return s > 1 ? 1 : s;
}

/* R's qwilcox(q, m, n): the least u with P(U <= u) >= q - 10 eps; -1
 * when the table would be too big. */
static long
mwu_quantile(double q, size_t m, size_t n)
{
	double *f, s = 0;
	size_t k;

	if ((f = mwu_pmf(m, n)) == NULL)
		return -1;
	for (k = 0; k < m * n; k++) {
		s += f[k];
		if (s >= q - 10 * DBL_EPSILON)
			break;
	}
	free(f);
	return (long)k;
}

int
hypotest_mwu(const double *x, size_t nx, const double *y, size_t ny,
    enum hypotest_method method, struct hypotest_mwu *r)
{
	struct tagged *t;
	double r1 = 0, tie = 0, rank, u, mn, big, sd, N;
	size_t n = nx + ny, i, j, k;

	r->u = r->p = r->z = r->cles = NAN;
	r->exact = r->ties = 0;
	if (nx == 0 || ny == 0)
		return -1;
	t = xreallocarray(NULL, n, sizeof *t);
	for (i = 0; i < nx; i++)
		t[i] = (struct tagged){ x[i], 1 };
	for (i = 0; i < ny; i++)
		t[nx + i] = (struct tagged){ y[i], 0 };
	qsort(t, n, sizeof *t, cmp_tagged);
	for (i = 0; i < n; i = j) {	/* average ranks over runs of ties */
		for (j = i + 1; j < n && t[j].v == t[i].v; j++)
			;
		rank = (i + 1 + j) / 2.0;
		for (k = i; k < j; k++)
			if (t[k].in_x)
				r1 += rank;
		if (j - i > 1) {
			r->ties = 1;
			tie += ((double)(j - i) * (j - i) - 1) * (j - i);
		}
	}
	free(t);
	mn = (double)nx * ny;
	u = r1 - nx * (nx + 1.0) / 2;
	r->u = u;
	r->cles = u / mn;
	big = u > mn - u ? u : mn - u;
	if (!r->ties && (method == HYPOTEST_EXACT || (method == HYPOTEST_AUTO &&
	    nx <= HYPOTEST_EXACT_MAX && ny <= HYPOTEST_EXACT_MAX))) {
		/* P(U >= big) = P(U <= mn - big) by symmetry */
		r->p = 2 * hypotest_mwu_cdf(mn - big, nx, ny);
		if (!isnan(r->p)) {
			r->exact = 1;
			if (r->p > 1)
				r->p = 1;
			return 0;
		}
	}
	N = n;
	sd = sqrt(mn / 12 * ((N + 1) - tie / (N * (N - 1))));
	if (!(sd > 0))
		return -1;
	r->z = (big - mn / 2 - 0.5) / sd;
	r->p = 2 * distrib_norm_sf(r->z);
	if (r->p > 1)
		r->p = 1;
	return 0;
}

/* Means, variances over n, and Welch's se and df of two samples. */
static int
welch_parts(const double *x, size_t nx, const double *y, size_t ny,
    double *mx, double *my, double *se, double *df)
{
	double vx, vy;

	*mx = stats_mean(x, nx);
	*my = stats_mean(y, ny);
	*se = *df = NAN;
	if (nx < 2 || ny < 2)
		return -1;
	vx = stats_var(x, nx) / nx;
	vy = stats_var(y, ny) / ny;
	*se = sqrt(vx + vy);
	if (!(*se > 0) || !isfinite(*se))
		return -1;
	*df = (vx + vy) * (vx + vy) /
	    (vx * vx / (nx - 1) + vy * vy / (ny - 1));
	return 0;
}

int
hypotest_welch(const double *x, size_t nx, const double *y, size_t ny,
    double conf, struct hypotest_welch *r)
{
	double mx, my, q;
	int rc;

	rc = welch_parts(x, nx, y, ny, &mx, &my, &r->se, &r->df);
	r->diff = mx - my;
	r->t = r->p = r->lo = r->hi = NAN;
	if (rc == -1) {
		if (r->se == 0)
			r->t = r->diff / r->se;
		r->se = r->df = NAN;
		return -1;
	}
	r->t = r->diff / r->se;
	r->p = 2 * distrib_t_sf(fabs(r->t), r->df);
	if (r->p > 1)
		r->p = 1;
	if (conf > 0 && conf < 1) {
		q = distrib_t_quantile(1 - (1 - conf) / 2, r->df) * r->se;
		r->lo = r->diff - q;
		r->hi = r->diff + q;
	}
	return 0;
}

/* Doubles as unsigned integers in the same order. */
static uint64_t
dkey(double d)
{
	uint64_t b;

	memcpy(&b, &d, sizeof b);
	return b >> 63 ? ~b : b | (uint64_t)1 << 63;
}

static double
dval(uint64_t k)
{
	double d;

	k = k >> 63 ? k & ~((uint64_t)1 << 63) : ~k;
	memcpy(&d, &k, sizeof d);
	return d;
}

/* How many differences xs[i] - ys[j] (both sorted) are <= d. */
static uint64_t
count_le(const double *xs, size_t nx, const double *ys, size_t ny, double d)
{
	uint64_t c = 0;
	size_t i, j = 0;

	for (i = 0; i < nx; i++) {
		while (j < ny && xs[i] - ys[j] > d)
			j++;
		c += ny - j;
	}
	return c;
}

/* The k-th smallest (1-based) difference: the least double d with at
 * least k differences <= d, by bisection over the ordered doubles. */
static double
kth_diff(const double *xs, size_t nx, const double *ys, size_t ny,
    uint64_t k)
{
	uint64_t lo = dkey(xs[0] - ys[ny - 1]), hi = dkey(xs[nx - 1] - ys[0]);
	uint64_t mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (count_le(xs, nx, ys, ny, dval(mid)) >= k)
			hi = mid;
		else
			lo = mid + 1;
	}
	return dval(lo) + 0.0;	/* -0 as 0 */
}

/* Sum of t^3 - t over the runs of t equal values of sorted v[0..n). */
static double
tiesum(const double *v, size_t n)
{
	double s = 0, t;
	size_t i, j;

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j] == v[i]; j++)
			;
		t = (double)(j - i);
		s += t * t * t - t;
	}
	return s;
}

int
hypotest_hl(const double *x, size_t nx, const double *y, size_t ny,
    double conf, struct hypotest_hl *r)
{
	double *xs, *ys, alpha = 1 - conf, z, c, nn, v;
	uint64_t N = (uint64_t)nx * ny, k = 0, kh;
	size_t i;
	long q;
	int ties = 0;

	r->shift = r->lo = r->hi = NAN;
	r->exact = 0;
	r->method = HYPOTEST_HL_NONE;
	if (nx == 0 || ny == 0)
		return -1;
	xs = xreallocarray(NULL, nx, sizeof *xs);
	ys = xreallocarray(NULL, ny, sizeof *ys);
	memcpy(xs, x, nx * sizeof *xs);
	memcpy(ys, y, ny * sizeof *ys);
	qsort(xs, nx, sizeof *xs, stats_cmp);
	qsort(ys, ny, sizeof *ys, stats_cmp);
	if (N % 2)
		r->shift = kth_diff(xs, nx, ys, ny, N / 2 + 1);
	else
		r->shift = (kth_diff(xs, nx, ys, ny, N / 2) +
		    kth_diff(xs, nx, ys, ny, N / 2 + 1)) / 2;
	/* Ties in the pooled sample: any value of x also in y, or repeats. */
	for (i = 1; i < nx; i++)
		ties |= xs[i] == xs[i - 1];
	for (i = 1; i < ny; i++)
		ties |= ys[i] == ys[i - 1];
	for (i = 0; i < nx && !ties; i++)
		ties = bsearch(&xs[i], ys, ny, sizeof *ys, stats_cmp) != NULL;
	if (conf > 0 && conf < 1 && !ties && nx <= HYPOTEST_EXACT_MAX &&
	    ny <= HYPOTEST_EXACT_MAX) {
		q = mwu_quantile(alpha / 2, nx, ny);
		k = q < 0 ? 0 : (uint64_t)q;
		r->exact = q >= 0;
		r->method = HYPOTEST_HL_EXACT;
	}
	kh = N - k + 1;
	if (conf > 0 && conf < 1 && !r->exact) {
		/*
		 * R's normal approximation: W(d) = (U(d) - N/2 -+ 1/2) / sd,
		 * sd tie-corrected, U(d) the pairs with x_i - d > y_j (plus
		 * half the ties).  Between two consecutive differences only
		 * the ties within x and within y remain, so sd is one
		 * constant, and W is a step function whose roots uniroot
		 * finds (to its tolerance) at the differences d(k) where it
		 * steps across -+z: k the largest with k < N/2 + 1/2 - z sd,
		 * and kh the smallest with kh >= N/2 + 1/2 + z sd.  Beyond
		 * the extreme differences R returns them, as here.
		 */
		z = distrib_norm_quantile(1 - alpha / 2);
		nn = (double)nx + ny;
		v = (double)nx * ny / 12 * ((nn + 1) - (tiesum(xs, nx) +
		    tiesum(ys, ny)) / (nn * (nn - 1)));
		r->method = HYPOTEST_HL_NORMAL;
		k = kh = 0;
		if (v > 0) {
			c = ceil(N / 2.0 + 0.5 - z * sqrt(v)) - 1;
			k = c < 1 ? 1 : (uint64_t)c;
			c = ceil(N / 2.0 + 0.5 + z * sqrt(v));
			kh = c > (double)N ? N : (uint64_t)c;
		}
	}
	if (k >= 1 && k <= N) {
		r->lo = kth_diff(xs, nx, ys, ny, k);
		r->hi = kth_diff(xs, nx, ys, ny, kh);
	}
	free(xs);
	free(ys);
	return isnan(r->lo) ? -1 : 0;
}

int
hypotest_tost(const double *x, size_t nx, const double *y, size_t ny,
    double rel, struct hypotest_tost *r)
{
	double mx, my, se, df;

	r->margin = r->diff = r->p_lower = r->p_upper = r->p = NAN;
	if (welch_parts(x, nx, y, ny, &mx, &my, &se, &df) == -1 ||
	    !(rel > 0) || !isfinite(rel))
		return -1;
	r->margin = rel * fabs(mx);
	r->diff = my - mx;
	r->p_lower = distrib_t_sf((r->diff + r->margin) / se, df);
	r->p_upper = distrib_t_cdf((r->diff - r->margin) / se, df);
	r->p = fmax(r->p_lower, r->p_upper);
	return 0;
}

struct pidx {
	double p;
	size_t i;
};

static int
cmp_pidx(const void *a, const void *b)
{
	const struct pidx *x = a, *y = b;

	if (x->p != y->p)
		return (x->p > y->p) - (x->p < y->p);
	return (x->i > y->i) - (x->i < y->i);
}

void
hypotest_holm(const double *p, size_t n, double *adj)
{
	struct pidx *s = xreallocarray(NULL, n + 1, sizeof *s);
	double run = 0, v;
	size_t m = 0, i;

	for (i = 0; i < n; i++)
		if (!isnan(p[i]))
			s[m++] = (struct pidx){ p[i], i };
	qsort(s, m, sizeof *s, cmp_pidx);
	for (i = 0; i < n; i++)
		if (isnan(p[i]))
			adj[i] = NAN;
	for (i = 0; i < m; i++) {
		v = fmin(1, (m - i) * s[i].p);
		run = fmax(run, v);
		adj[s[i].i] = run;
	}
	free(s);
}

double
hypotest_runs_needed(double sd, double mean, double rel, double alpha,
    double power)
{
	double za, zb, d, n;

	if (!(sd >= 0) || !isfinite(sd) || !isfinite(mean) || mean == 0 ||
	    !(rel > 0) || !isfinite(rel) || !(alpha > 0 && alpha < 1) ||
	    !(power > 0 && power < 1))
		return NAN;
	za = distrib_norm_quantile(1 - alpha / 2);
	zb = distrib_norm_quantile(power);
	d = rel * fabs(mean) / sd;	/* standardized effect, inf when sd 0 */
	n = ceil(2 * (za + zb) * (za + zb) / (d * d) + za * za / 4);
	return n < 2 ? 2 : n;
}
