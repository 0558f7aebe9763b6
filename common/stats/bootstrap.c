/* bootstrap.c - xoshiro256** seeded by splitmix64, and the percentile
 * bootstrap of a ratio of medians. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bootstrap.h"
#include "stats.h"
#include "util/xalloc.h"

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void
bootstrap_seed(struct bootstrap_rng *r, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

uint64_t
bootstrap_next(struct bootstrap_rng *r)
{
	uint64_t *s = r->s, res = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return res;
}

uint64_t
bootstrap_below(struct bootstrap_rng *r, uint64_t n)
{
	uint64_t x, min;

	if (n == 0)
		return 0;
	min = -n % n;		/* (2^64 - n) mod n: below it the bias lies */
	do
		x = bootstrap_next(r);
	while (x < min);
	return x % n;
}

double
bootstrap_uniform(struct bootstrap_rng *r)
{
	return (bootstrap_next(r) >> 11) * 0x1p-53;
}

/* (a + b) / 2 as np.median takes it, without overflow near DBL_MAX. */
static double
midpoint(double a, double b)
{
	double s = a + b;

	return isfinite(s) ? s / 2 : a / 2 + b / 2;
}

/* The median of a[0..n), n >= 1, by quickselect; reorders a. */
static double
median_select(double *a, size_t n)
{
	size_t k = (n - 1) / 2, i;
	double w;

	stats_select(a, n, k);
	if (n % 2)
		return a[k];
	/* a[k] is in place and a[k + 1..n) holds the larger values. */
	for (w = a[k + 1], i = k + 2; i < n; i++)
		if (a[i] < w)
			w = a[i];
	return midpoint(a[k], w);
}

int
bootstrap_median_ratio(const double *base, size_t nb, const double *cand,
    size_t nc, double conf, size_t resamples, uint64_t seed,
    struct bootstrap_ratio *r)
{
	struct bootstrap_rng rng;
	double *buf, *ratios, mb, mc;
	size_t b, i, ok = 1;

	if (resamples == 0)
		resamples = BOOTSTRAP_RESAMPLES;
	r->ratio = r->lo = r->hi = NAN;
	r->resamples = resamples;
	if (nb == 0 || nc == 0)
		return -1;
	buf = xreallocarray(NULL, nb > nc ? nb : nc, sizeof *buf);
	memcpy(buf, base, nb * sizeof *buf);
	mb = median_select(buf, nb);
	memcpy(buf, cand, nc * sizeof *buf);
	mc = median_select(buf, nc);
	if (mb == 0) {
		free(buf);
		return -1;
	}
	r->ratio = mc / mb;
	if (nb < 2 || nc < 2 || !(conf > 0 && conf < 1)) {
		free(buf);
		return -1;
	}
	ratios = xreallocarray(NULL, resamples, sizeof *ratios);
	bootstrap_seed(&rng, seed);
	for (b = 0; b < resamples; b++) {
		for (i = 0; i < nb; i++)
			buf[i] = base[bootstrap_below(&rng, nb)];
		mb = median_select(buf, nb);
		for (i = 0; i < nc; i++)
			buf[i] = cand[bootstrap_below(&rng, nc)];
		mc = median_select(buf, nc);
		if (mb == 0)
			ok = 0;
		ratios[b] = mc / mb;
	}
	if (ok) {
		qsort(ratios, resamples, sizeof *ratios, stats_cmp);
		r->lo = stats_quantile(ratios, resamples, (1 - conf) / 2);
		r->hi = stats_quantile(ratios, resamples, 1 - (1 - conf) / 2);
	}
	free(ratios);
	free(buf);
	return ok ? 0 : -1;
}
