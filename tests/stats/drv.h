/* drv.h - what the statistics test drivers (statsdrv, trenddrv) share:
 * reading requests on stdin and writing one line of results for each.
 *
 * A request is a function name, its scalar arguments, then samples each
 * introduced by '|':  "describe 0.95 | 3 1 2".  Numbers are read by
 * num_parse; "inf" and "nan" are accepted too.  An answer is the results
 * separated by blanks, %.17g, NaN as "nan"; a request that cannot be
 * answered gets "error: ..." and the driver's exit status becomes 2. */
#ifndef DRV_H
#define DRV_H

#include <stddef.h>

#define DRV_MAXARG 8
#define DRV_MAXSAMP 4

struct drv_req {
	char *name;
	double arg[DRV_MAXARG];
	size_t narg;
	double *s[DRV_MAXSAMP];		/* samples, owned by drv_run */
	size_t ns[DRV_MAXSAMP], cap[DRV_MAXSAMP], nsamp;
	int matched;			/* a handler took the name */
};

/* Prints v[0..n) as one answer line. */
void drv_out(const double *v, size_t n);
/* Whether r has narg arguments and nsamp samples; if not, answers with an
 * error.  Marks r as matched either way: call it once the name is known. */
int drv_need(struct drv_req *r, size_t narg, size_t nsamp);
/* Answers with "error: " and the message; returns 0. */
int drv_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The driver's main: reads requests from stdin and hands each to dispatch,
 * which must answer with exactly one line.  With -t each answer is followed
 * by "# elapsed_s S cpu_s C", the wall-clock and process CPU time the call
 * took.  Returns the exit status: 0, or 2 after any error. */
int drv_run(int argc, char **argv, void (*dispatch)(struct drv_req *));

#endif
