/* downsample.c - min, max and mean per bucket of rows, buckets merged in
 * pairs as the series grows. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "downsample.h"
#include "util/xalloc.h"

void
downsample_init(struct downsample *d, size_t nm, size_t cap)
{
	size_t k;

	memset(d, 0, sizeof *d);
	d->nm = nm;
	d->cap = cap < 2 ? 2 : cap + (cap & 1);
	d->width = 1;
	d->t0 = xcalloc(d->cap, sizeof *d->t0);
	d->t1 = xcalloc(d->cap, sizeof *d->t1);
	d->brows = xcalloc(d->cap, sizeof *d->brows);
	k = d->cap * (nm ? nm : 1);
	d->sum = xcalloc(k, sizeof *d->sum);
	d->min = xcalloc(k, sizeof *d->min);
	d->max = xcalloc(k, sizeof *d->max);
	d->cnt = xcalloc(k, sizeof *d->cnt);
}

void
downsample_free(struct downsample *d)
{
	free(d->t0);
	free(d->t1);
	free(d->brows);
	free(d->sum);
	free(d->min);
	free(d->max);
	free(d->cnt);
}

/* Folds bucket src into bucket dst (src follows dst in time). */
static void
fold(struct downsample *d, size_t dst, size_t src)
{
	size_t m, a = dst * d->nm, b = src * d->nm;

	d->t1[dst] = d->t1[src];
	d->brows[dst] += d->brows[src];
	for (m = 0; m < d->nm; m++) {
		if (d->cnt[b + m] == 0)
			continue;
		if (d->cnt[a + m] == 0 || d->min[b + m] < d->min[a + m])
			d->min[a + m] = d->min[b + m];
		if (d->cnt[a + m] == 0 || d->max[b + m] > d->max[a + m])
			d->max[a + m] = d->max[b + m];
		d->sum[a + m] += d->sum[b + m];
		d->cnt[a + m] += d->cnt[b + m];
	}
}

/* Moves bucket src to slot dst. */
static void
move(struct downsample *d, size_t dst, size_t src)
{
	size_t nm = d->nm;

	d->t0[dst] = d->t0[src];
	d->t1[dst] = d->t1[src];
	d->brows[dst] = d->brows[src];
	memmove(d->sum + dst * nm, d->sum + src * nm, nm * sizeof *d->sum);
	memmove(d->min + dst * nm, d->min + src * nm, nm * sizeof *d->min);
	memmove(d->max + dst * nm, d->max + src * nm, nm * sizeof *d->max);
	memmove(d->cnt + dst * nm, d->cnt + src * nm, nm * sizeof *d->cnt);
}

void
downsample_add(struct downsample *d, double t, const double *v)
{
	size_t b, m, i;

	if (d->nb == 0 || d->brows[d->nb - 1] >= d->width) {
		if (d->nb == d->cap) {
			/* Halve: every bucket now holds 2 × width rows. */
			for (i = 0; i < d->cap / 2; i++) {
				move(d, i, 2 * i);
				fold(d, i, 2 * i + 1);
			}
			d->nb = d->cap / 2;
			d->width *= 2;
		}
		if (d->nb == 0 || d->brows[d->nb - 1] >= d->width) {
			b = d->nb++;
			d->t0[b] = t;
			d->brows[b] = 0;
			memset(d->cnt + b * d->nm, 0, d->nm * sizeof *d->cnt);
			memset(d->sum + b * d->nm, 0, d->nm * sizeof *d->sum);
		}
	}
	b = d->nb - 1;
	d->t1[b] = t;
	d->brows[b]++;
	d->rows++;
	for (m = 0; m < d->nm; m++) {
		i = b * d->nm + m;
		if (isnan(v[m]))
			continue;
		if (d->cnt[i] == 0 || v[m] < d->min[i])
			d->min[i] = v[m];
		if (d->cnt[i] == 0 || v[m] > d->max[i])
			d->max[i] = v[m];
		d->sum[i] += v[m];
		d->cnt[i]++;
	}
}

double
downsample_time(const struct downsample *d, size_t b)
{
	return d->t0[b] + (d->t1[b] - d->t0[b]) / 2;
}

double
downsample_mean(const struct downsample *d, size_t b, size_t m)
{
	size_t i = b * d->nm + m;

	return d->cnt[i] ? d->sum[i] / (double)d->cnt[i] : NAN;
}

double
downsample_min(const struct downsample *d, size_t b, size_t m)
{
	size_t i = b * d->nm + m;

	return d->cnt[i] ? d->min[i] : NAN;
}

double
downsample_max(const struct downsample *d, size_t b, size_t m)
{
	size_t i = b * d->nm + m;

	return d->cnt[i] ? d->max[i] : NAN;
}
