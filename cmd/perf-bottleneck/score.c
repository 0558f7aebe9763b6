/* score.c - the published health score curve (see score.h). */
#include <math.h>
#include <string.h>

#include "rules.h"
#include "score.h"

static const struct {
	const char *resource;
	double w;
} weights[] = {
	{ "cpu", 1 }, { "memory", 1 }, { "disk", 1 }, { "command", 1 },
	{ "swap", 0.8 }, { "network", 0.8 }, { "fd", 0.8 },
	{ "cgroup", 0.6 }, { "process", 0.6 }, { "pressure", 1 },
	{ "custom", 0.8 },
};
#define NW (sizeof weights / sizeof weights[0])

double
score_penalty(const struct finding *f)
{
	double base = f->sev == SEV_CRITICAL ? 60 : f->sev == SEV_WARNING ?
	    30 : 0, d = f->end - f->start;

	return base * (1 + 0.5 * fmin(1, fmax(0, d) / 3600));
}

static size_t
windex(const char *res)
{
	size_t i;

	for (i = 0; i < NW; i++)
		if (strcmp(weights[i].resource, res) == 0)
			return i;
	return 0;
}

char
score_grade(int s)
{
	return s >= 90 ? 'A' : s >= 80 ? 'B' : s >= 70 ? 'C' : s >= 60 ? 'D' :
	    'F';
}

void
score_host(const struct finding *f, const size_t *idx, size_t n,
    const char *const *res, struct score *out)
{
	double worst[NW], p, w, best = 0, prod = 1;
	size_t i, k;

	memset(worst, 0, sizeof worst);
	out->main = -1;
	for (i = 0; i < n; i++) {
		k = windex(res[i]);
		p = score_penalty(&f[idx[i]]);
		if (p > worst[k])
			worst[k] = p;
		w = weights[k].w * p;
		/* idx is in output order (start, then id): the first wins. */
		if (w > best) {
			best = w;
			out->main = (long)idx[i];
		}
	}
	for (k = 0; k < NW; k++)
		prod *= 1 - weights[k].w * worst[k] / 100;
	out->score = (int)lround(100 * prod);
	out->grade = score_grade(out->score);
}
