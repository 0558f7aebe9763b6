/* bench.c - planning benches, counting their runs, deciding when to stop. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "stats/stats.h"
#include "run/words.h"
#include "util/xalloc.h"

/* The words w[0..n) joined by blanks, for display. */
static char *
join(char *const *w, int n)
{
	size_t len = 1;
	char *s;
	int i;

	for (i = 0; i < n; i++)
		len += strlen(w[i]) + 1;
	s = xcalloc(len, 1);
	for (i = 0; i < n; i++)
		strcat(strcat(s, i ? " " : ""), w[i]);
	return s;
}

/* The words to run for command text s: SHELL -c s, or s split. */
static char **
towords(const char *s, const struct bench_spec *sp, struct perr *e)
{
	char **w;

	if (sp->noshell)
		return words_split(s, e);
	w = xcalloc(4, sizeof *w);
	w[0] = xstrdup(sp->shell ? sp->shell : "sh"), w[1] = xstrdup("-c");
	w[2] = xstrdup(s);
	return w;
}

/* Fills x for command c; -1 with the reason in e. */
static int
plan1(const struct bench_spec *sp, int c, struct bench *x, struct perr *e)
{
	const struct params *ps = sp->ps;
	char *t;
	int i, h;

	if (sp->shellmode) {
		x->cmd = params_subst(ps, x->pvals, sp->cmds[c], e);
		if (x->cmd == NULL ||
		    (x->argv = towords(x->cmd, sp, e)) == NULL)
			return -1;
	} else {
		x->argv = xcalloc((size_t)sp->ncmds + 1, sizeof *x->argv);
		for (i = 0; i < sp->ncmds; i++)
			if ((x->argv[i] = params_subst(ps, x->pvals,
			    sp->cmds[i], e)) == NULL)
				return -1;
		x->cmd = join(x->argv, sp->ncmds);
	}
	if ((size_t)c < sp->nnames) {
		x->name = params_subst(ps, x->pvals, sp->names[c], e);
		if (x->name == NULL)
			return -1;
	} else
		x->name = sp->shellmode ? xstrdup(sp->cmds[c]) :
		    join(sp->cmds, sp->ncmds);
	for (h = 0; h < BENCH_NHOOKS; h++) {
		if (sp->hooks[h] == NULL)
			continue;
		if ((t = params_subst(ps, x->pvals, sp->hooks[h], e)) == NULL)
			return -1;
		x->hook[h] = towords(t, sp, e);
		free(t);
		if (x->hook[h] == NULL)
			return -1;
	}
	x->s.label = (size_t)c < sp->nnames ? x->name : x->cmd;
	x->s.shell = sp->shellmode && !sp->noshell;
	return 0;
}

struct bench *
bench_plan(const struct bench_spec *sp, size_t *nb, struct perr *e)
{
	struct bench *b;
	size_t ncombo = params_count(sp->ps), ncmd, k, n = 0;
	int c;

	ncmd = sp->shellmode ? (size_t)sp->ncmds : 1;
	if (ncombo == 0 || ncmd > SIZE_MAX / ncombo / sizeof *b) {
		perr_set(e, "too many parameter combinations");
		return NULL;
	}
	b = xcalloc(ncmd * ncombo, sizeof *b);
	for (c = 0; (size_t)c < ncmd; c++)
		for (k = 0; k < ncombo; k++) {
			b[n].pvals = xcalloc(sp->ps->n + 1, sizeof *b[n].pvals);
			params_combo(sp->ps, k, b[n].pvals);
			if (plan1(sp, c, &b[n++], e) < 0) {
				bench_free(b, n);
				return NULL;
			}
		}
	*nb = n;
	return b;
}

static void
freewords(char **w)
{
	size_t i;

	for (i = 0; w != NULL && w[i] != NULL; i++)
		free(w[i]);
	free(w);
}

void
bench_free(struct bench *b, size_t nb)
{
	size_t i;
	int h;

	for (i = 0; b != NULL && i < nb; i++) {
		free(b[i].name);
		free(b[i].cmd);
		freewords(b[i].argv);
		for (h = 0; h < BENCH_NHOOKS; h++)
			freewords(b[i].hook[h]);
		free(b[i].pvals);
		free(b[i].sorted);
		free(b[i].codes);
		free(b[i].s.wall);
		free(b[i].s.user);
		free(b[i].s.sys);
		free(b[i].s.rss);
	}
	free(b);
}

void
bench_count(struct bench *b, const struct measure_result *r)
{
	struct timesum_bench *s = &b->s;
	size_t i;

	b->runs++, s->runs++;
	if (r->timed_out) {
		b->busy += r->wall_s;
		s->timed_out++;
		return;
	}
	if (r->exit_status != 0 || r->signal)
		s->failed++;
	if (isnan(r->wall_s))	/* not started: nothing measured to count */
		return;
	b->busy += r->wall_s;
	if (s->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 64;
		s->wall = xreallocarray(s->wall, b->cap, sizeof *s->wall);
		s->user = xreallocarray(s->user, b->cap, sizeof *s->user);
		s->sys = xreallocarray(s->sys, b->cap, sizeof *s->sys);
		s->rss = xreallocarray(s->rss, b->cap, sizeof *s->rss);
		b->sorted = xreallocarray(b->sorted, b->cap, sizeof *b->sorted);
		b->codes = xreallocarray(b->codes, b->cap, sizeof *b->codes);
	}
	b->codes[s->n] = r->signal ? -1 : r->exit_status;
	s->wall[s->n] = r->wall_s, s->user[s->n] = r->user_s;
	s->sys[s->n] = r->sys_s, s->rss[s->n] = r->max_rss_kib;
	/* Insertion keeps the median's interval at hand for --precision. */
	for (i = s->n; i > 0 && b->sorted[i - 1] > r->wall_s; i--)
		b->sorted[i] = b->sorted[i - 1];
	b->sorted[i] = r->wall_s;
	s->n++;
}

double
bench_precision(const struct bench *b)
{
	size_t lo, hi, n = b->s.n;
	double med;

	if (stats_median_ci_ranks(n, 0.95, &lo, &hi) < 0)
		return NAN;
	med = stats_median(b->sorted, n);
	if (!(med > 0))
		return NAN;
	return fmax(med - b->sorted[lo - 1], b->sorted[hi - 1] - med) / med;
}

int
bench_done(const struct bench *b, const struct bench_rule *rule)
{
	if (rule->runs)
		return b->runs >= (size_t)rule->runs;
	if (b->runs < (size_t)rule->min_runs)
		return 0;
	if (rule->max_runs && b->runs >= (size_t)rule->max_runs)
		return 1;
	if (rule->precision > 0)
		return bench_precision(b) <= rule->precision;
	return b->busy >= rule->min_time;
}

size_t
bench_need(const struct bench *b, const struct bench_rule *rule)
{
	double need, mean;

	if (rule->runs)
		return (size_t)rule->runs;
	if (rule->precision > 0 || b->runs == 0)
		return 0;
	mean = b->busy / (double)b->runs;
	need = mean > 0 ? ceil(rule->min_time / mean) : (double)rule->min_runs;
	if (need < (double)rule->min_runs)
		need = (double)rule->min_runs;
	if (rule->max_runs && need > (double)rule->max_runs)
		need = (double)rule->max_runs;
	return need > 1e12 ? 0 : (size_t)need;
}

size_t
bench_round(const struct bench *b, size_t nb, const struct bench_rule *rule,
    int shuffle, uint64_t *rng, size_t *order)
{
	size_t i, j, t, left = 0;

	for (i = 0; i < nb; i++)
		if (!bench_done(&b[i], rule))
			order[left++] = i;
	for (i = left; shuffle && i > 1; i--) {
		*rng ^= *rng << 13, *rng ^= *rng >> 7, *rng ^= *rng << 17;
		j = (size_t)(*rng % i);
		t = order[i - 1], order[i - 1] = order[j], order[j] = t;
	}
	return left;
}
