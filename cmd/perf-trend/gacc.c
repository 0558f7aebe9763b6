/* gacc.c - one metric's accumulator: exact values within a shared budget,
 * then a sketch and a decimated series. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gacc.h"
#include "util/xalloc.h"

void
gacc_init(struct gacc *a, int withx, struct gaxis *ax)
{
	memset(a, 0, sizeof *a);
	stats_acc_init(&a->acc);
	a->withx = withx;
	a->ax = withx ? ax : NULL;
}

void
gaxis_init(struct gaxis *ax)
{
	memset(ax, 0, sizeof *ax);
}

static void
gaxis_drop(struct gaxis *ax, struct gacc_budget *b)
{
	b->used -= ax->cap * sizeof *ax->x;
	free(ax->x);
	ax->x = NULL;
	ax->len = ax->cap = 0;
	ax->dropped = 1;
}

void
gaxis_add(struct gaxis *ax, struct gacc_budget *b, double x)
{
	if (ax->dropped)
		return;
	/* From the second row on, an accumulator that does not read the
	 * axis yet never will (it missed row 0): none left, none to come. */
	if (ax->len > 0 && ax->users == 0) {
		gaxis_drop(ax, b);
		return;
	}
	if (ax->len == ax->cap) {
		b->used += ax->cap ? ax->cap * sizeof *ax->x : 2 * sizeof *ax->x;
		ax->cap = ax->cap ? 2 * ax->cap : 2;
		ax->x = xreallocarray(ax->x, ax->cap, sizeof *ax->x);
	}
	ax->x[ax->len++] = x;
}

void
gaxis_free(struct gaxis *ax, struct gacc_budget *b)
{
	if (!ax->dropped)
		gaxis_drop(ax, b);
}

/* Bytes of budget per value slot: y, and x with it unless shared. */
static size_t
per(const struct gacc *a)
{
	return sizeof(double) * (a->withx && !a->shared ? 2 : 1);
}

/* Stops reading x from the axis: the values so far are rows 0 .. len - 1
 * of it; with keep, their x are copied here first. */
static void
unshare(struct gacc *a, struct gacc_budget *b, int keep)
{
	if (keep) {
		a->x = xreallocarray(NULL, a->cap ? a->cap : 1, sizeof *a->x);
		if (a->len > 0)
			memcpy(a->x, a->ax->x, a->len * sizeof *a->x);
		b->used += a->cap * sizeof *a->x;
	}
	a->shared = 0;
	a->ax->users--;
}

const double *
gacc_xs(const struct gacc *a)
{
	if (a->sk)
		return NULL;
	return a->shared ? a->ax->x : a->x;	/* a->x NULL without x */
}

/* Frees the labels of the values, giving their budget back. */
static void
free_labels(struct gacc *a, struct gacc_budget *b)
{
	size_t i;

	if (a->lab == NULL)
		return;
	for (i = 0; i < a->len; i++) {
		b->used -= 16 + strlen(a->lab[i]);
		free(a->lab[i]);
	}
	free(a->lab);
	a->lab = NULL;
}

void
gacc_free(struct gacc *a, struct gacc_budget *b)
{
	free_labels(a, b);
	b->used -= a->cap * per(a);
	if (a->shared)
		unshare(a, b, 0);
	free(a->y);
	free(a->x);
	if (a->dec) {
		free(a->dec->y);
		free(a->dec->x);
		free(a->dec);
	}
	if (a->sk) {
		sketch_free(a->sk);
		free(a->sk);
	}
	if (a->skd) {
		sketch_free(a->skd);
		free(a->skd);
	}
}

/* Offers a value to the decimated series: kept when its position is a
 * multiple of the stride; a full series keeps every other value and
 * doubles the stride. */
static void
decimate(struct gacc *a, double y, double x)
{
	struct gdec *d = a->dec;
	size_t i;

	if (d->seen++ % d->stride != 0)
		return;
	if (d->len == GACC_DECIMATE) {
		for (i = 0; i < GACC_DECIMATE / 2; i++) {
			d->y[i] = d->y[2 * i];
			if (d->x)
				d->x[i] = d->x[2 * i];
		}
		d->len = GACC_DECIMATE / 2;
		d->stride *= 2;
		if ((d->seen - 1) % d->stride != 0)
			return;
	}
	if (d->len == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 8;
		d->y = xreallocarray(d->y, d->cap, sizeof *d->y);
		if (a->withx)
			d->x = xreallocarray(d->x, d->cap, sizeof *d->x);
	}
	d->y[d->len] = y;
	if (d->x)
		d->x[d->len] = x;
	d->len++;
}

/* Moves the values of a into two new sketches and a decimated series,
 * giving their memory back.  The second sketch holds deviations from the
 * mean so far (y included): its error is relative to the distance from
 * there, not from 0. */
static void
to_sketch(struct gacc *a, struct gacc_budget *b)
{
	const double *x = gacc_xs(a);
	size_t i;

	a->sk = xmalloc(sizeof *a->sk);
	sketch_init(a->sk, b->alpha);
	a->skd = xmalloc(sizeof *a->skd);
	sketch_init_ref(a->skd, b->alpha, stats_acc_mean(&a->acc));
	a->dec = xcalloc(1, sizeof *a->dec);
	a->dec->stride = 1;
	for (i = 0; i < a->len; i++) {
		sketch_add(a->sk, a->y[i]);
		sketch_add(a->skd, a->y[i]);
		decimate(a, a->y[i], x ? x[i] : NAN);
	}
	free_labels(a, b);
	b->used -= a->cap * per(a);
	if (a->shared)
		unshare(a, b, 0);
	free(a->y);
	free(a->x);
	a->y = a->x = NULL;
	a->len = a->cap = 0;
	b->nsketched++;
}

void
gacc_add(struct gacc *a, struct gacc_budget *b, double y, double x,
    const char *lab, size_t lablen)
{
	size_t ncap, grow;

	stats_acc_add(&a->acc, y);
	if (y <= 0)
		a->nonpos++;
	if (a->sk) {
		sketch_add(a->sk, y);
		sketch_add(a->skd, y);
		decimate(a, y, x);
		return;
	}
	/* Value i is row i's: its x is the axis's (the first value must be
	 * row 0's); once a row goes without a value, x is kept here. */
	if (a->ax && a->len == 0 && !a->shared && a->x == NULL &&
	    !a->ax->dropped && a->ax->len == 1) {
		a->shared = 1;
		a->ax->users++;
	} else if (a->shared && a->len + 1 != a->ax->len)
		unshare(a, b, 1);
	if (a->len == a->cap) {
		ncap = a->cap ? a->cap * 2 : 2;
		grow = (ncap - a->cap) * per(a);
		/* Over the budget, or over a quarter of it for one
		 * accumulator (so no single huge series is sorted at the
		 * end while the rest are sketched): to the sketch.  Not a
		 * series smaller than two sketches and their sample would
		 * be: sketching it would take memory, not give it back
		 * (200,000 one-row groups under --memory 1 did). */
		if (b->limit && ncap * per(a) > GACC_SMALL &&
		    (b->used + grow > b->limit ||
		    ncap * per(a) > b->limit / 4)) {
			to_sketch(a, b);
			sketch_add(a->sk, y);
			sketch_add(a->skd, y);
			decimate(a, y, x);
			return;
		}
		a->y = xreallocarray(a->y, ncap, sizeof *a->y);
		if (a->withx && !a->shared)
			a->x = xreallocarray(a->x, ncap, sizeof *a->x);
		if (lab)
			a->lab = xreallocarray(a->lab, ncap, sizeof *a->lab);
		a->cap = ncap;
		b->used += grow;
	}
	a->y[a->len] = y;
	if (a->withx && !a->shared)
		a->x[a->len] = x;
	if (lab) {
		a->lab[a->len] = xstrndup(lab, lablen);
		b->used += 16 + lablen;
	}
	a->len++;
}

int
gacc_exact(const struct gacc *a)
{
	return a->sk == NULL;
}
