/* sketch.c - DDSketch with a log-linear index (DDSketch's "linearly
 * interpolated" mapping): a magnitude 2^e (1 + f), 0 <= f < 1, goes to
 * bucket k = e M + floor(f M), M buckets per octave, computed exactly from
 * the bits of the double without a logarithm.  Bucket k holds [lo, hi)
 * with hi / lo <= 1 + 1/M and answers 2 lo hi / (lo + hi), within
 * 1 / (2M + 1) of every magnitude in it; M = ceil((1 - alpha) / (2 alpha))
 * makes that at most alpha. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sketch.h"
#include "util/xalloc.h"

void
sketch_init(struct sketch *s, double alpha)
{
	memset(s, 0, sizeof *s);
	s->alpha = alpha;
	s->per_octave = (uint64_t)ceil((1 - alpha) / (2 * alpha));
	s->min = INFINITY;
	s->max = -INFINITY;
}

void
sketch_init_ref(struct sketch *s, double alpha, double ref)
{
	sketch_init(s, alpha);
	s->ref = isfinite(ref) ? ref : 0;
}

void
sketch_free(struct sketch *s)
{
	free(s->pos.bins);
	free(s->neg.bins);
	s->pos.bins = s->neg.bins = NULL;
}

/* The bucket of a normal positive magnitude, from its bits. */
static int
index_of(const struct sketch *s, double mag)
{
	uint64_t bits;
	int e;

	memcpy(&bits, &mag, sizeof bits);
	e = (int)(bits >> 52) - 1023;
	return e * (int)s->per_octave +
	    (int)(((bits & 0xFFFFFFFFFFFFFULL) * s->per_octave) >> 52);
}

/* The representative magnitude of bucket k. */
static double
value_of(const struct sketch *s, int k)
{
	int m = (int)s->per_octave, e, j;
	double lo, hi;

	e = k >= 0 ? k / m : -((-k + m - 1) / m);
	j = k - e * m;
	lo = ldexp(1 + (double)j / m, e);
	hi = ldexp(1 + (double)(j + 1) / m, e);
	return 2 * lo * hi / (lo + hi);
}

/* Makes room for index k, collapsing the lowest buckets when the span
 * would exceed SKETCH_MAXBINS; returns the slot to count k in. */
static uint64_t *
slot(struct sketch *s, struct sketch_store *st, int k)
{
	int lo, hi, ncap, shift, i;
	uint64_t *nb;

	if (st->nbins == 0) {
		if (st->cap == 0) {
			/* Small, and doubled as needed: a sketch may hold
			 * one value (a group of one row beyond the budget). */
			st->cap = 8;
			st->bins = xcalloc((size_t)st->cap, sizeof *st->bins);
		}
		st->off = k - st->cap / 2;
		st->nbins = st->cap;
		return &st->bins[k - st->off];
	}
	if (k >= st->off && k < st->off + st->nbins)
		return &st->bins[k - st->off];
	if (st->collapsed && k < st->off)
		return &st->bins[0];	/* every smaller magnitude is there */
	lo = k < st->off ? k : st->off;
	hi = k >= st->off + st->nbins ? k : st->off + st->nbins - 1;
	if (hi - lo + 1 > SKETCH_MAXBINS) {
		/* Fold everything below the kept span into its first bucket. */
		int keep_lo = hi - SKETCH_MAXBINS + 1;
		uint64_t folded = 0;

		s->collapsed = 1;
		st->collapsed = 1;
		if (k < keep_lo)
			k = keep_lo;
		for (i = 0; i < st->nbins && st->off + i < keep_lo; i++) {
			folded += st->bins[i];
			st->bins[i] = 0;
		}
		lo = keep_lo;
		if (st->off < keep_lo) {
			shift = keep_lo - st->off;
			if (shift < st->nbins)
				memmove(st->bins, st->bins + shift,
				    (size_t)(st->nbins - shift) * sizeof *st->bins);
			for (i = st->nbins - shift < 0 ? 0 : st->nbins - shift;
			    i < st->nbins; i++)
				st->bins[i] = 0;
			st->off = keep_lo;
		}
		st->bins[0] += folded;
	}
	if (hi - lo + 1 > st->cap) {
		ncap = st->cap;
		while (ncap < hi - lo + 1)
			ncap *= 2;
		if (ncap > SKETCH_MAXBINS)
			ncap = SKETCH_MAXBINS;
		nb = xcalloc((size_t)ncap, sizeof *nb);
		memcpy(nb + (st->off - lo), st->bins,
		    (size_t)st->nbins * sizeof *nb);
		free(st->bins);
		st->bins = nb;
		st->cap = ncap;
	} else if (lo < st->off) {
		shift = st->off - lo;
		memmove(st->bins + shift, st->bins,
		    (size_t)st->nbins * sizeof *st->bins);
		memset(st->bins, 0, (size_t)shift * sizeof *st->bins);
	}
	st->off = lo;
	st->nbins = hi - lo + 1;
	return &st->bins[k - st->off];
}

void
sketch_add_n(struct sketch *s, double v, uint64_t count)
{
	double d = v - s->ref, m = fabs(d);
	struct sketch_store *st = d > 0 ? &s->pos : &s->neg;
	int k;

	/* The common case first: a value in a bucket in use, either side
	 * of the reference (half of the deviations are below it). */
	if (m >= SKETCH_TINY && m <= DBL_MAX && count != 0) {
		k = index_of(s, m) - st->off;
		if (k >= 0 && k < st->nbins) {
			st->bins[k] += count;
			s->n += count;
			if (v < s->min)
				s->min = v;
			if (v > s->max)
				s->max = v;
			return;
		}
	}
	if (!isfinite(v) || !isfinite(d) || count == 0)
		return;
	s->n += count;
	if (v < s->min)
		s->min = v;
	if (v > s->max)
		s->max = v;
	if (fabs(d) < SKETCH_TINY) {
		s->nzero += count;
		if (d != 0)
			s->zero_inexact = 1;
	}
	else if (d > 0)
		*slot(s, &s->pos, index_of(s, d)) += count;
	else
		*slot(s, &s->neg, index_of(s, -d)) += count;
}

void
sketch_add(struct sketch *s, double v)
{
	sketch_add_n(s, v, 1);
}

/* Folds every bucket of st below index k into bucket k, which becomes
 * the first and the collapsed one (merging a collapsed store). */
static void
fold_below(struct sketch_store *st, int k)
{
	int shift = k - st->off, i;
	uint64_t folded = 0;

	if (st->nbins == 0 || shift <= 0 || shift >= st->nbins) {
		st->collapsed = 1;
		return;
	}
	for (i = 0; i < shift; i++)
		folded += st->bins[i];
	memmove(st->bins, st->bins + shift,
	    (size_t)(st->nbins - shift) * sizeof *st->bins);
	memset(st->bins + st->nbins - shift, 0, (size_t)shift * sizeof *st->bins);
	st->bins[0] += folded;
	st->off = k;
	st->nbins -= shift;
	st->collapsed = 1;
}

int
sketch_merge(struct sketch *dst, const struct sketch *src)
{
	int i;

	if (dst->alpha != src->alpha || dst->ref != src->ref)
		return -1;
	for (i = 0; i < src->pos.nbins; i++)
		if (src->pos.bins[i])
			*slot(dst, &dst->pos, src->pos.off + i) +=
			    src->pos.bins[i];
	for (i = 0; i < src->neg.nbins; i++)
		if (src->neg.bins[i])
			*slot(dst, &dst->neg, src->neg.off + i) +=
			    src->neg.bins[i];
	if (src->pos.collapsed)
		fold_below(&dst->pos, src->pos.off);
	if (src->neg.collapsed)
		fold_below(&dst->neg, src->neg.off);
	dst->nzero += src->nzero;
	dst->n += src->n;
	dst->collapsed |= src->collapsed;
	dst->zero_inexact |= src->zero_inexact;
	if (src->min < dst->min)
		dst->min = src->min;
	if (src->max > dst->max)
		dst->max = src->max;
	return 0;
}

size_t
sketch_nbuckets(const struct sketch *s)
{
	return (size_t)s->neg.nbins + 1 + (size_t)s->pos.nbins;
}

void
sketch_bucket(const struct sketch *s, size_t i, double *value,
    uint64_t *count)
{
	size_t nn = (size_t)s->neg.nbins;
	int j;

	if (i < nn) {
		/* Most negative first: the highest index of neg. */
		j = s->neg.nbins - 1 - (int)i;
		*value = s->ref - value_of(s, s->neg.off + j);
		*count = s->neg.bins[j];
	} else if (i == nn) {
		*value = s->ref;
		*count = s->nzero;
	} else {
		j = (int)(i - nn - 1);
		*value = s->ref + value_of(s, s->pos.off + j);
		*count = s->pos.bins[j];
	}
}

/* The edges of the magnitudes of bucket k, exactly as index_of assigns
 * them, widened outwards for the rounding of their computation. */
static void
edges_of(const struct sketch *s, int k, double *lo, double *hi)
{
	int m = (int)s->per_octave, e, j;

	e = k >= 0 ? k / m : -((-k + m - 1) / m);
	j = k - e * m;
	*lo = ldexp(1 + (double)j / m, e) * (1 - 4 * DBL_EPSILON);
	*hi = ldexp(1 + (double)(j + 1) / m, e) * (1 + 4 * DBL_EPSILON);
}

/* The magnitudes bucket j of st may hold: its own, and every smaller one
 * down to SKETCH_TINY in the bucket that collapsed ones were folded into. */
static void
store_range(const struct sketch *s, const struct sketch_store *st, int j,
    double *lo, double *hi)
{
	edges_of(s, st->off + j, lo, hi);
	if (st->collapsed && j == 0)
		*lo = SKETCH_TINY;
}

void
sketch_bucket_range(const struct sketch *s, size_t i, double *lo,
    double *hi)
{
	size_t nn = (size_t)s->neg.nbins;
	double a, b, slack;

	if (i < nn) {
		store_range(s, &s->neg, s->neg.nbins - 1 - (int)i, &b, &a);
		a = -a;
		b = -b;
	} else if (i == nn) {
		a = s->zero_inexact ? -SKETCH_TINY : 0;
		b = s->zero_inexact ? SKETCH_TINY : 0;
	} else
		store_range(s, &s->pos, (int)(i - nn - 1), &a, &b);
	/* v = ref + d: d was rounded once on the way in and the sum once
	 * on the way out, each by at most half an ulp of its magnitude. */
	slack = 2 * DBL_EPSILON * (fabs(s->ref) + fmax(fabs(a), fabs(b)));
	a = s->ref + a - slack;
	b = s->ref + b + slack;
	*lo = a > s->min ? a : s->min;
	*hi = b < s->max ? b : s->max;
}

double
sketch_rank(const struct sketch *s, uint64_t r)
{
	size_t i, nb = sketch_nbuckets(s);
	uint64_t seen = 0, c;
	double v = NAN;

	if (r >= s->n)
		return NAN;
	if (r == 0)
		return s->min;
	if (r == s->n - 1)
		return s->max;
	for (i = 0; i < nb; i++) {
		sketch_bucket(s, i, &v, &c);
		seen += c;
		if (seen > r)
			break;
	}
	return v < s->min ? s->min : v > s->max ? s->max : v;
}

void
sketch_rank_range(const struct sketch *s, uint64_t r, double *lo,
    double *hi)
{
	size_t i, nb = sketch_nbuckets(s);
	uint64_t seen = 0, c;
	double v;

	*lo = *hi = NAN;
	if (r >= s->n)
		return;
	if (r == 0 || r == s->n - 1) {
		*lo = *hi = r == 0 ? s->min : s->max;
		return;
	}
	for (i = 0; i < nb; i++) {
		sketch_bucket(s, i, &v, &c);
		seen += c;
		if (seen > r) {
			sketch_bucket_range(s, i, lo, hi);
			return;
		}
	}
}

double
sketch_quantile(const struct sketch *s, double q)
{
	double h, lo, hi, vlo, vhi;

	if (s->n == 0 || !(q >= 0 && q <= 1))
		return NAN;
	h = (double)(s->n - 1) * q;
	lo = floor(h);
	hi = ceil(h);
	vlo = sketch_rank(s, (uint64_t)lo);
	if (hi == lo)
		return vlo;
	vhi = sketch_rank(s, (uint64_t)hi);
	return vlo + (h - lo) * (vhi - vlo);
}

void
sketch_quantile_range(const struct sketch *s, double q, double *lo,
    double *hi)
{
	double h, f, a1, b1, a2, b2;

	*lo = *hi = NAN;
	if (s->n == 0 || !(q >= 0 && q <= 1))
		return;
	h = (double)(s->n - 1) * q;
	f = h - floor(h);
	sketch_rank_range(s, (uint64_t)floor(h), &a1, &b1);
	if (f == 0) {
		*lo = a1;
		*hi = b1;
		return;
	}
	sketch_rank_range(s, (uint64_t)ceil(h), &a2, &b2);
	/* x1 + f (x2 - x1) grows with x1 and with x2. */
	*lo = a1 + f * (a2 - a1);
	*hi = b1 + f * (b2 - b1);
	if (a1 != a2)
		*lo -= 2 * DBL_EPSILON * (fabs(a1) + fabs(a2));
	if (b1 != b2)
		*hi += 2 * DBL_EPSILON * (fabs(b1) + fabs(b2));
}

uint64_t
sketch_count_outside(const struct sketch *s, double lo, double hi)
{
	size_t i, nb = sketch_nbuckets(s);
	uint64_t c, out = 0;
	double v;

	for (i = 0; i < nb; i++) {
		sketch_bucket(s, i, &v, &c);
		if (v < lo || v > hi)
			out += c;
	}
	return out;
}

void
sketch_count_range(const struct sketch *s, double llo, double lhi,
    double hlo, double hhi, double lm, double hm, uint64_t *sure,
    uint64_t *est, uint64_t *maybe)
{
	size_t i, nb = sketch_nbuckets(s);
	uint64_t c;
	double v, a, b;

	*sure = *est = *maybe = 0;
	for (i = 0; i < nb; i++) {
		sketch_bucket(s, i, &v, &c);
		if (c == 0)
			continue;
		sketch_bucket_range(s, i, &a, &b);
		if (b < llo || a > hhi)
			*sure += c;
		if ((a + b) / 2 < lm || (a + b) / 2 > hm)
			*est += c;
		if (a < lhi || b > hlo)
			*maybe += c;
	}
}

struct dev {
	double d;
	uint64_t c;
};

static int
cmp_dev(const void *a, const void *b)
{
	const struct dev *x = a, *y = b;

	return (x->d > y->d) - (x->d < y->d);
}

double
sketch_mad(const struct sketch *s, double m)
{
	size_t i, k = 0, nb = sketch_nbuckets(s);
	struct dev *d;
	uint64_t seen = 0, half;
	double v, mad = NAN;

	if (s->n == 0)
		return NAN;
	d = xreallocarray(NULL, nb, sizeof *d);
	for (i = 0; i < nb; i++) {
		sketch_bucket(s, i, &v, &d[k].c);
		if (d[k].c == 0)
			continue;
		d[k++].d = fabs(v - m);
	}
	qsort(d, k, sizeof *d, cmp_dev);
	half = (s->n - 1) / 2;
	for (i = 0; i < k; i++) {
		seen += d[i].c;
		if (seen > half) {
			mad = d[i].d;
			break;
		}
	}
	free(d);
	return mad;
}

/* The deviation at weighted rank r of d[0..k), sorted here. */
static double
dev_rank(struct dev *d, size_t k, uint64_t r)
{
	uint64_t seen = 0;
	size_t i;

	qsort(d, k, sizeof *d, cmp_dev);
	for (i = 0; i < k; i++) {
		seen += d[i].c;
		if (seen > r)
			return d[i].d;
	}
	return NAN;
}

void
sketch_mad_range(const struct sketch *s, double mlo, double mhi,
    double *lo, double *hi)
{
	size_t i, k = 0, nb = sketch_nbuckets(s);
	struct dev *dl, *dh;
	uint64_t c;
	double v, a, b, slack;

	*lo = *hi = NAN;
	if (s->n == 0 || !(mlo <= mhi))
		return;
	dl = xreallocarray(NULL, nb, sizeof *dl);
	dh = xreallocarray(NULL, nb, sizeof *dh);
	for (i = 0; i < nb; i++) {
		sketch_bucket(s, i, &v, &c);
		if (c == 0)
			continue;
		sketch_bucket_range(s, i, &a, &b);
		/* |x - m| over x in [a, b] and m in [mlo, mhi], and the
		 * rounding of x - m (relative to its result) as the exact
		 * computation does it and as it is done here. */
		dl[k].d = a > mhi ? a - mhi : b < mlo ? mlo - b : 0;
		dh[k].d = fmax(b - mlo, mhi - a);
		slack = 4 * DBL_EPSILON * dh[k].d;
		dl[k].d = fmax(0, dl[k].d - slack);
		dh[k].d += slack;
		dl[k].c = dh[k].c = c;
		k++;
	}
	/* Each exact deviation lies between its bounds, so each order
	 * statistic of the deviations lies between theirs. */
	*lo = (dev_rank(dl, k, (s->n - 1) / 2) + dev_rank(dl, k, s->n / 2)) / 2;
	*hi = (dev_rank(dh, k, (s->n - 1) / 2) + dev_rank(dh, k, s->n / 2)) / 2;
	*hi += 2 * DBL_EPSILON * *hi;
	free(dl);
	free(dh);
}

size_t
sketch_bytes(const struct sketch *s)
{
	return sizeof *s + ((size_t)s->pos.cap + (size_t)s->neg.cap) *
	    sizeof(uint64_t);
}
