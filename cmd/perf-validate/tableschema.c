/* tableschema.c - Table Schema loading and value checks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/jsonio.h"
#include "tableschema.h"
#include "util/num.h"
#include "util/xalloc.h"

static int
anchored(regex_t *re, const char *pat)
{
	char *a = xasprintf("^(%s)$", pat);
	int rv = regcomp(re, a, REG_EXTENDED | REG_NOSUB);

	free(a);
	return rv;
}

static int
load_field(struct tableschema_field *f, json_t *j, int pattern,
    struct perr *e, const char *path)
{
	json_t *c = json_object_get(j, "constraints"), *v;
	const char *s;
	size_t i;

	memset(f, 0, sizeof *f);
	f->min = f->max = NAN;
	if (pattern) {
		if ((s = json_string_value(json_object_get(j, "pattern"))) == NULL ||
		    anchored(&f->re, s) != 0)
			return perr_set(e, "%s: a field pattern is not a regular "
			    "expression", path);
	} else if ((s = json_string_value(json_object_get(j, "name"))) == NULL)
		return perr_set(e, "%s: a field has no name", path);
	else
		f->name = xstrdup(s);
	s = json_string_value(json_object_get(j, "type"));
	snprintf(f->type, sizeof f->type, "%s", s ? s : "string");
	f->kind = strcmp(f->type, "number") == 0 ? TS_NUMBER :
	    strcmp(f->type, "integer") == 0 ? TS_INTEGER :
	    strcmp(f->type, "boolean") == 0 ? TS_BOOLEAN : TS_STRING;
	if (c == NULL)
		return 0;
	f->required = json_is_true(json_object_get(c, "required"));
	if (json_is_number(v = json_object_get(c, "minimum")))
		f->min = json_number_value(v);
	if (json_is_number(v = json_object_get(c, "maximum")))
		f->max = json_number_value(v);
	if (json_is_array(v = json_object_get(c, "enum"))) {
		f->enumv = xcalloc(json_array_size(v) + 1, sizeof *f->enumv);
		for (i = 0; i < json_array_size(v); i++)
			f->enumv[i] = xstrdup(json_is_string(json_array_get(v, i)) ?
			    json_string_value(json_array_get(v, i)) : "");
	}
	if ((s = json_string_value(json_object_get(c, "pattern"))) != NULL) {
		if (anchored(&f->vpattern, s) != 0)
			return perr_set(e, "%s: pattern '%s' is not a regular "
			    "expression", path, s);
		f->has_pattern = 1;
	}
	return 0;
}

int
tableschema_load(struct tableschema *s, const char *path, struct perr *e)
{
	json_t *doc, *fields, *pats;
	size_t i, n;

	memset(s, 0, sizeof *s);
	if ((doc = jsonio_read(path, e)) == NULL)
		return -1;
	fields = json_object_get(doc, "fields");
	pats = json_object_get(doc, "x-fieldPatterns");
	if (!json_is_array(fields)) {
		json_decref(doc);
		return perr_set(e, "%s: not a Table Schema (no fields)", path);
	}
	n = json_array_size(fields) + json_array_size(pats);
	s->f = xcalloc(n, sizeof *s->f);
	for (i = 0; i < json_array_size(fields); i++, s->n++)
		if (load_field(&s->f[s->n], json_array_get(fields, i), 0, e,
		    path) < 0)
			goto bad;
	for (i = 0; i < json_array_size(pats); i++, s->n++)
		if (load_field(&s->f[s->n], json_array_get(pats, i), 1, e,
		    path) < 0)
			goto bad;
	json_decref(doc);
	return 0;
bad:
	s->n++;
	json_decref(doc);
	tableschema_free(s);
	return -1;
}

void
tableschema_free(struct tableschema *s)
{
	size_t i, k;

	for (i = 0; i < s->n; i++) {
		if (s->f[i].name)
			free(s->f[i].name);
		else if (s->f[i].type[0])
			regfree(&s->f[i].re);
		for (k = 0; s->f[i].enumv && s->f[i].enumv[k]; k++)
			free(s->f[i].enumv[k]);
		free(s->f[i].enumv);
		if (s->f[i].has_pattern)
			regfree(&s->f[i].vpattern);
	}
	free(s->f);
	memset(s, 0, sizeof *s);
}

const struct tableschema_field *
tableschema_find(const struct tableschema *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->f[i].name && strcmp(s->f[i].name, name) == 0)
			return &s->f[i];
	for (i = 0; i < s->n; i++)
		if (s->f[i].name == NULL && regexec(&s->f[i].re, name, 0, NULL,
		    0) == 0)
			return &s->f[i];
	return NULL;
}

const char *
tableschema_check(const struct tableschema_field *f, const char *v,
    size_t len)
{
	static const char *const truth[] = { "true", "True", "TRUE", "1",
		"false", "False", "FALSE", "0", NULL };
	double x;
	size_t k;
	int found;

	if (len == 0)
		return f->required ? "empty but required" : NULL;
	if (f->kind == TS_NUMBER || f->kind == TS_INTEGER) {
		if (num_parse_field(v, len, &x) != 1)
			return "not a number";
		if (f->kind == TS_INTEGER && x != floor(x))
			return "not an integer";
		if (!isnan(f->min) && x < f->min)
			return "below the minimum";
		if (!isnan(f->max) && x > f->max)
			return "above the maximum";
	} else if (f->kind == TS_BOOLEAN) {
		for (k = 0; truth[k] && strcmp(truth[k], v) != 0; k++)
			;
		if (truth[k] == NULL)
			return "not a boolean";
	}
	if (f->enumv) {
		for (k = 0, found = 0; f->enumv[k]; k++)
			found |= strcmp(f->enumv[k], v) == 0;
		if (!found)
			return "not one of the allowed values";
	}
	if (f->has_pattern && regexec(&f->vpattern, v, 0, NULL, 0) != 0)
		return "does not match the pattern";
	return NULL;
}
