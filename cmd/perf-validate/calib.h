/* calib.h - what perf-validate learns about this machine for perf-time:
 * the calibration block of a validation document and the calibration file
 * (schemas/calibration.schema.json). */
#ifndef CALIB_H
#define CALIB_H

#include <stddef.h>
#include <jansson.h>

#include "util/perr.h"

/* The spread of repeated wall times (s); n 0 when not measured. */
struct calib_dist {
	size_t n;
	double median, mean, sd, p5, p95, min, max;
};

/* Every value NaN, NULL or -1 (ints) when not known. */
struct calib {
	const char *host;
	double time;
	double timer_resolution, clock_overhead;	/* s */
	double spawn_floor, shell_overhead;		/* s */
	double noise_cv_pct;
	long cpu_count;
	char governor[64];		/* "" unknown */
	double freq_min_hz, freq_max_hz;
	int turbo, smt;			/* 1, 0, -1 unknown */
	char isolated[256];		/* "" none; isolated_known says if read */
	int isolated_known;
	char clocksource[64];		/* "" unknown */
	char virt[64];			/* "" unknown */
	long aslr, paranoid;		/* LONG_MIN unknown */
	double load1;
	struct calib_dist spawn, shell;	/* /bin/true, sh -c true */
};

void calib_init(struct calib *c);
/* Describes x[0..n) (sorted in place) into d. */
void calib_dist_set(struct calib_dist *d, double *x, size_t n);
/* The calibration object of schemas/validation.schema.json.  New ref. */
json_t *calib_json(const struct calib *c);
/* Writes the calibration file (format perf-calibration/1) whole to path.
 * Returns 0, or -1 with the reason in e. */
int calib_write(const struct calib *c, const char *path, struct perr *e);

#endif
