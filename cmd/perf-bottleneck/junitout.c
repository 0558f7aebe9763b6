/* junitout.c - perf-bottleneck's rules and budgets as JUnit test cases. */
#include <stdlib.h>
#include <string.h>

#include "junitout.h"
#include "util/xalloc.h"

static const char *const sevname[] = { "none", "info", "warning",
    "critical" };

/* "host=web1;name=sort": the group's non-empty host and keys, "all"
 * when every one is empty. */
static char *
label(const struct eval *ev, size_t gi)
{
	const struct group *g = &ev->g[gi];
	char *s = g->host[0] ? xasprintf("host=%s", g->host) : NULL, *t;
	size_t k;

	for (k = 0; k < ev->l->nkeys; k++) {
		if (g->keyvals[k] == NULL || g->keyvals[k][0] == '\0')
			continue;
		t = xasprintf("%s%s%s=%s", s ? s : "", s ? ";" : "",
		    ev->l->keyname[k], g->keyvals[k]);
		free(s);
		s = t;
	}
	return s ? s : xstrdup("all");
}

/* The worst finding of group gi that matches: on series si (a rule), or
 * on budget b (si ignored).  NULL when none. */
static const struct finding *
worst(const struct eval *ev, size_t gi, size_t si, const struct budget *b)
{
	const struct finding *f, *w = NULL;
	size_t i;

	for (i = 0; i < ev->nf; i++) {
		f = &ev->f[i];
		if (f->group != gi || (f->kind == KIND_BUDGET) != (b != NULL) ||
		    (b == NULL && f->worded))
			continue;
		if (b ? strcmp(f->metric, b->metric) != 0 ||
		    f->threshold != b->limit : f->series != si)
			continue;
		if (w == NULL || f->sev > w->sev)
			w = f;
	}
	return w;
}

/* One case: failed at level or above, else passed with the finding (if
 * any) as its output. */
static void
verdict(struct junit *j, const char *cls, const char *name,
    const struct finding *f, int level)
{
	char *msg;

	if (f == NULL) {
		junit_add(j, cls, name, JUNIT_PASS, NULL, NULL, NULL);
		return;
	}
	msg = xasprintf("%s: %s", sevname[f->sev], f->evidence ? f->evidence :
	    "");
	if (f->sev >= level)
		junit_add(j, cls, name, JUNIT_FAILURE, sevname[f->sev], msg,
		    f->recommendation);
	else
		junit_add(j, cls, name, JUNIT_PASS, NULL, NULL, msg);
	free(msg);
}

void
junitout_cases(struct junit *j, const struct eval *ev,
    const struct budgets *bs, int level)
{
	const struct layout *l = ev->l;
	char *cls, *why;
	size_t gi, i, k;
	int fed;

	for (gi = 0; gi < ev->ng; gi++) {
		cls = label(ev, gi);
		for (i = 0; i < l->ns; i++)
			if (ev->known[i] > 0)
				verdict(j, cls, l->s[i].name, worst(ev, gi, i,
				    NULL), level);
		for (k = 0; k < bs->n; k++)
			if (bs->b[k].col >= 0 && gi < bs->ngroups &&
			    bs->nvals[gi * bs->n + k] > 0)
				verdict(j, cls, bs->b[k].text, worst(ev, gi, 0,
				    &bs->b[k]), level);
		/* Leaks (blame.c): a case for each one found. */
		for (i = 0; i < ev->nf; i++)
			if (ev->f[i].group == gi && ev->f[i].worded &&
			    ev->f[i].kind != KIND_BUDGET) {
				why = xasprintf("%s grows steadily",
				    ev->f[i].metric);
				verdict(j, cls, why, &ev->f[i], level);
				free(why);
			}
		free(cls);
	}
	for (i = 0; i < l->ns; i++)
		if (ev->known[i] == 0) {
			why = xasprintf("not judged: %s has no value in any row",
			    l->s[i].name);
			junit_add(j, "perf-bottleneck", l->s[i].name,
			    JUNIT_SKIPPED, NULL, why, NULL);
			free(why);
		}
	for (k = 0; !l->runs && k < ev->rs->n; k++) {
		for (i = 0, fed = 0; i < l->ns && !fed; i++)
			fed = l->s[i].rule == k;
		if (fed)
			continue;
		why = xasprintf("not judged: no column for rule %s in the "
		    "input", ev->rs->r[k].metric);
		junit_add(j, "perf-bottleneck", ev->rs->r[k].metric,
		    JUNIT_SKIPPED, NULL, why, NULL);
		free(why);
	}
	for (k = 0; k < bs->n; k++)
		if (bs->b[k].col < 0) {
			why = xasprintf("not judged: no column '%s' in the input",
			    bs->b[k].metric);
			junit_add(j, "perf-bottleneck", bs->b[k].text,
			    JUNIT_SKIPPED, NULL, why, NULL);
			free(why);
		}
}
