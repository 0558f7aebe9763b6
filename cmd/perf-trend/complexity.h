/* complexity.h - asymptotic complexity fits: time = c * f(n) for the usual
 * classes, by least squares through the origin, as Google Benchmark does. */
#ifndef COMPLEXITY_H
#define COMPLEXITY_H

#include <stddef.h>

#include "util/perr.h"

/* The candidate classes, simplest first (ties go to the simpler one). */
enum complexity_class {
	COMPLEXITY_1,		/* O(1) */
	COMPLEXITY_LOGN,	/* O(log n), log base 2 */
	COMPLEXITY_N,		/* O(n) */
	COMPLEXITY_NLOGN,	/* O(n log n), log base 2 */
	COMPLEXITY_N2,		/* O(n^2) */
	COMPLEXITY_N3,		/* O(n^3) */
	COMPLEXITY_NCLASS
};

struct complexity_fit {
	double coef;	/* c in time = c * f(n) */
	double rms;	/* sqrt(mean((time - c f(n))^2)), in time's unit */
	double nrms;	/* rms / mean(time): Google Benchmark's "RMS" */
	double r2;	/* 1 - SSE / sum((time - mean)^2); may be
			 * negative, as the fit goes through the origin;
			 * NaN when the times are constant */
};

struct complexity_result {
	struct complexity_fit fit[COMPLEXITY_NCLASS];	/* by class */
	enum complexity_class best;	/* lowest nrms */
};

/*
 * Fits time[i] = c * f(n[i]) for every class and picks the best by lowest
 * normalized RMS.  Needs len >= 2, every n >= 1 and finite, at least two
 * distinct n, every time finite.  Returns 0, or -1 with the reason in e
 * (r is then untouched).
 */
int complexity_fit(const double *n, const double *time, size_t len,
    struct complexity_result *r, struct perr *e);

/* The class's name: "O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)",
 * "O(n^3)" (static storage). */
const char *complexity_name(enum complexity_class c);
/* f(n) for the class (log base 2). */
double complexity_f(enum complexity_class c, double n);

#endif
