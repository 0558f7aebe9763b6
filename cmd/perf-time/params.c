/* params.c - parameter lists, ranges, combinations and substitution. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/cli.h"
#include "util/num.h"
#include "params.h"
#include "util/xalloc.h"

#define PARAMS_MAX 1000000

void
params_init(struct params *ps)
{
	ps->p = NULL;
	ps->n = 0;
}

void
params_free(struct params *ps)
{
	size_t i, j;

	for (i = 0; i < ps->n; i++) {
		for (j = 0; j < ps->p[i].nvalues; j++)
			free(ps->p[i].values[j]);
		free(ps->p[i].values);
		free(ps->p[i].name);
	}
	free(ps->p);
	params_init(ps);
}

/* The length of the name at s: a letter or '_', then letters, digits, '_'. */
static size_t
namelen(const char *s)
{
	size_t n = 0;

	if (!(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z') ||
	    (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	while (s[n] == '_' || (s[n] >= 'a' && s[n] <= 'z') ||
	    (s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9'))
		n++;
	return n;
}

/* Checks the name and appends an empty parameter; returns it or NULL. */
static struct param *
newparam(struct params *ps, const char *name, size_t len, struct perr *e)
{
	struct param *p;
	size_t i;

	if (len == 0 || namelen(name) != len) {
		perr_set(e, "parameter name '%.*s': not a name (letters,"
		    " digits, '_')", (int)len, name);
		return NULL;
	}
	for (i = 0; i < ps->n; i++)
		if (strlen(ps->p[i].name) == len &&
		    strncmp(ps->p[i].name, name, len) == 0) {
			perr_set(e, "parameter '%.*s': given twice", (int)len,
			    name);
			return NULL;
		}
	ps->p = xreallocarray(ps->p, ps->n + 1, sizeof *ps->p);
	p = &ps->p[ps->n++];
	p->name = xstrndup(name, len);
	p->values = NULL;
	p->nvalues = 0;
	return p;
}

/* Removes the last parameter (after an error while filling it). */
static int
dropparam(struct params *ps)
{
	struct param *p = &ps->p[--ps->n];
	size_t j;

	for (j = 0; j < p->nvalues; j++)
		free(p->values[j]);
	free(p->values);
	free(p->name);
	return -1;
}

static void
addvalue(struct param *p, char *v)
{
	p->values = xreallocarray(p->values, p->nvalues + 1, sizeof *p->values);
	p->values[p->nvalues++] = v;
}

static int
fill_list(struct params *ps, const char *list, struct perr *e)
{
	struct param *p = &ps->p[ps->n - 1];
	const char *s = list, *c;

	if (*list == '\0') {
		perr_set(e, "parameter '%s': empty list", p->name);
		return dropparam(ps);
	}
	for (;;) {
		c = strchr(s, ',');
		if ((c != NULL ? (size_t)(c - s) : strlen(s)) == 0) {
			perr_set(e, "parameter '%s': empty value in '%s'",
			    p->name, list);
			return dropparam(ps);
		}
		if (p->nvalues >= PARAMS_MAX) {
			perr_set(e, "parameter '%s': more than %d values",
			    p->name, PARAMS_MAX);
			return dropparam(ps);
		}
		addvalue(p, c != NULL ? xstrndup(s, (size_t)(c - s)) :
		    xstrdup(s));
		if (c == NULL)
			return 0;
		s = c + 1;
	}
}

/* Parses one bound of a range into v; -1 with the reason in e. */
static int
bound(const struct param *p, const char *what, const char *s, double *v,
    struct perr *e)
{
	char why[128];

	if (cli_double(s, -1e15, 1e15, v, why, sizeof why) < 0)
		return perr_set(e, "parameter '%s': %s '%s': %s", p->name, what,
		    s, why);
	return 0;
}

static int
fill_range(struct params *ps, const char *smin, const char *smax,
    const char *sstep, struct perr *e)
{
	struct param *p = &ps->p[ps->n - 1];
	char buf[NUM_BUFSZ];
	double min, max, step = 1, n, i;
	int integral;

	if (bound(p, "minimum", smin, &min, e) < 0 ||
	    bound(p, "maximum", smax, &max, e) < 0 ||
	    (sstep != NULL && bound(p, "step", sstep, &step, e) < 0))
		return dropparam(ps);
	if (step <= 0) {
		perr_set(e, "parameter '%s': step '%s': not positive", p->name,
		    sstep);
		return dropparam(ps);
	}
	if (max < min) {
		perr_set(e, "parameter '%s': maximum '%s' below minimum '%s'",
		    p->name, smax, smin);
		return dropparam(ps);
	}
	/* Counted by index, so that 0.1 steps do not drift; a value within
	 * a millionth of a step of the maximum still counts. */
	n = floor((max - min) / step + 1e-6) + 1;
	if (n > PARAMS_MAX) {
		perr_set(e, "parameter '%s': more than %d values", p->name,
		    PARAMS_MAX);
		return dropparam(ps);
	}
	integral = min == floor(min) && step == floor(step);
	for (i = 0; i < n; i++)
		addvalue(p, xstrdup(num_fmt(buf, min + i * step,
		    integral ? 0 : 9)));
	return 0;
}

int
params_add(struct params *ps, const char *spec, struct perr *e)
{
	const char *eq = strchr(spec, '='), *v, *c1, *c2;
	char *lo, *hi;
	int r;

	if (eq == NULL)
		return perr_set(e, "parameter '%s': not NAME=LIST or"
		    " NAME=MIN:MAX[:STEP]", spec);
	if (newparam(ps, spec, (size_t)(eq - spec), e) == NULL)
		return -1;
	v = eq + 1;
	if ((c1 = strchr(v, ':')) == NULL || strchr(v, ',') != NULL)
		return fill_list(ps, v, e);
	c2 = strchr(c1 + 1, ':');
	lo = xstrndup(v, (size_t)(c1 - v));
	hi = c2 != NULL ? xstrndup(c1 + 1, (size_t)(c2 - c1 - 1)) :
	    xstrdup(c1 + 1);
	r = fill_range(ps, lo, hi, c2 != NULL ? c2 + 1 : NULL, e);
	free(lo);
	free(hi);
	return r;
}

int
params_add_list(struct params *ps, const char *name, const char *list,
    struct perr *e)
{
	if (newparam(ps, name, strlen(name), e) == NULL)
		return -1;
	return fill_list(ps, list, e);
}

int
params_add_range(struct params *ps, const char *name, const char *min,
    const char *max, const char *step, struct perr *e)
{
	if (newparam(ps, name, strlen(name), e) == NULL)
		return -1;
	return fill_range(ps, min, max, step, e);
}

size_t
params_count(const struct params *ps)
{
	size_t i, k = 1;

	for (i = 0; i < ps->n; i++) {
		if (ps->p[i].nvalues != 0 && k > SIZE_MAX / ps->p[i].nvalues)
			return 0;
		k *= ps->p[i].nvalues;
	}
	return k;
}

void
params_combo(const struct params *ps, size_t k, const char **vals)
{
	size_t i;

	for (i = ps->n; i-- > 0;) {
		vals[i] = ps->p[i].values[k % ps->p[i].nvalues];
		k /= ps->p[i].nvalues;
	}
}

/* The index of the parameter named s[0..len), or -1. */
static long
lookup(const struct params *ps, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (strlen(ps->p[i].name) == len &&
		    strncmp(ps->p[i].name, s, len) == 0)
			return (long)i;
	return -1;
}

char *
params_subst(const struct params *ps, const char *const *vals,
    const char *s, struct perr *e)
{
	const char *orig = s;
	char *out;
	size_t cap = strlen(s) + 1, n = 0, len, vl;
	long k;

	out = xmalloc(cap);
	while (*s != '\0') {
		len = s[0] == '{' && ps->n ? namelen(s + 1) : 0;
		if (len > 0 && s[len + 1] == '}') {
			if ((k = lookup(ps, s + 1, len)) < 0) {
				perr_set(e, "'{%.*s}' in '%s': no such"
				    " parameter", (int)len, s + 1, orig);
				free(out);
				return NULL;
			}
			vl = strlen(vals[k]);
			if (n + vl + strlen(s) + 1 > cap) {
				cap = n + vl + strlen(s) + 1;
				out = xreallocarray(out, cap, 1);
			}
			memcpy(out + n, vals[k], vl);
			n += vl;
			s += len + 2;
			continue;
		}
		out[n++] = *s++;
	}
	out[n] = '\0';
	return out;
}

int
params_used(const struct params *ps, const char *s)
{
	size_t len;

	for (; *s != '\0'; s++)
		if (*s == '{' && (len = namelen(s + 1)) > 0 &&
		    s[len + 1] == '}' && lookup(ps, s + 1, len) >= 0)
			return 1;
	return 0;
}
