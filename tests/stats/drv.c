/* drv.c - the request loop of the statistics test drivers; see drv.h. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "drv.h"
#include "util/num.h"
#include "util/timeutil.h"
#include "util/xalloc.h"

static int bad;

void
drv_out(const double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (isnan(v[i]))
			printf("%snan", i ? " " : "");
		else
			printf("%s%.17g", i ? " " : "", v[i]);
	putchar('\n');
}

int
drv_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("error: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	bad = 1;
	return 0;
}

int
drv_need(struct drv_req *r, size_t narg, size_t nsamp)
{
	r->matched = 1;
	if (r->narg == narg && r->nsamp == nsamp)
		return 1;
	return drv_fail("%s wants %zu arguments and %zu samples", r->name,
	    narg, nsamp);
}

/* Splits line into the request; returns -1 on a field that is no number. */
static int
parse(char *line, struct drv_req *r)
{
	char *tok, *save;
	size_t k;
	double v;

	memset(r, 0, sizeof *r);
	r->name = strtok_r(line, " \t\n", &save);
	if (r->name == NULL)
		return -1;
	while ((tok = strtok_r(NULL, " \t\n", &save)) != NULL) {
		if (strcmp(tok, "|") == 0) {
			if (r->nsamp == DRV_MAXSAMP)
				return -1;
			/* Even an empty sample has storage: no NULL for
			 * memcpy or qsort. */
			r->cap[r->nsamp] = 16;
			r->s[r->nsamp++] = xcalloc(16, sizeof(double));
			continue;
		}
		if (strcmp(tok, "inf") == 0)
			v = INFINITY;
		else if (strcmp(tok, "nan") == 0)
			v = NAN;
		else if (num_parse(tok, strlen(tok), &v) != 1)
			return -1;
		if (r->nsamp == 0) {
			if (r->narg == DRV_MAXARG)
				return -1;
			r->arg[r->narg++] = v;
			continue;
		}
		k = r->nsamp - 1;
		if (r->ns[k] == r->cap[k]) {
			r->cap[k] *= 2;
			r->s[k] = xreallocarray(r->s[k], r->cap[k],
			    sizeof(double));
		}
		r->s[k][r->ns[k]++] = v;
	}
	return 0;
}

static double
cputime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
drv_run(int argc, char **argv, void (*dispatch)(struct drv_req *))
{
	struct drv_req r;
	char *line = NULL;
	size_t cap = 0, i;
	double t0, c0;
	int timed = 0, c;

	while ((c = getopt(argc, argv, "t")) != -1) {
		if (c != 't') {
			fprintf(stderr, "usage: %s [-t] < requests\n", argv[0]);
			return 2;
		}
		timed = 1;
	}
	while (getline(&line, &cap, stdin) != -1) {
		if (parse(line, &r) < 0) {
			drv_fail("cannot parse request");
		} else {
			t0 = timeutil_mono();
			c0 = cputime();
			dispatch(&r);
			if (timed)
				printf("# elapsed_s %.6f cpu_s %.6f\n",
				    timeutil_mono() - t0, cputime() - c0);
		}
		for (i = 0; i < DRV_MAXSAMP; i++)
			free(r.s[i]);
		fflush(stdout);
	}
	free(line);
	return bad ? 2 : 0;
}
