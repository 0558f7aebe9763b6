/* trendfmt.c - tidy CSV and text tables from a trend document: both walk
 * the JSON, so every format says the same thing. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/csvwrite.h"
#include "fmt/jsonio.h"
#include "util/num.h"
#include "trendfmt.h"
#include "util/xalloc.h"

char *
trendfmt_label(const json_t *g, int text)
{
	const char *k, *host = json_string_value(json_object_get(g, "host"));
	json_t *v;
	char *s = xstrdup(""), *t;

	if (host && *host) {
		free(s);
		s = xasprintf("host=%s", host);
	}
	json_object_foreach(json_object_get(g, "keys"), k, v) {
		/* perf-time's name already names its command (the command
		 * itself when no --name was given). */
		if (*json_string_value(v) == '\0' || (strcmp(k, "command") == 0 &&
		    text && json_object_get(json_object_get(g, "keys"), "name")))
			continue;
		t = xasprintf("%s%s%s=%s", s, *s ? ";" : "", k,
		    json_string_value(v));
		free(s);
		s = t;
	}
	if (*s == '\0') {
		free(s);
		s = xstrdup("all");
	}
	return s;
}

static void
value(struct csvwrite *w, const json_t *v)
{
	if (json_is_string(v))
		csvwrite_str(w, json_string_value(v));
	else if (json_is_integer(v))
		csvwrite_int(w, (long long)json_integer_value(v));
	else if (json_is_real(v)) {
		csvwrite_num_sig(w, json_real_value(v), 12);
	} else if (json_is_boolean(v))
		csvwrite_str(w, json_is_true(v) ? "true" : "false");
	else
		csvwrite_empty(w);
}

/* Writes the leaves under v, their statistic named by the path so far. */
static int
walk(struct csvwrite *w, const char *group, const char *metric,
    const char *path, const json_t *v)
{
	const char *k;
	json_t *c;
	size_t i;
	char *p;
	int rv = 0;

	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, k, c) {
			p = *path ? xasprintf("%s.%s", path, k) : xstrdup(k);
			rv |= walk(w, group, metric, p, c);
			free(p);
		}
		return rv;
	}
	if (json_is_array(v)) {
		json_array_foreach(v, i, c) {
			p = xasprintf("%s.%zu", path, i);
			rv |= walk(w, group, metric, p, c);
			free(p);
		}
		return rv;
	}
	csvwrite_str(w, group);
	csvwrite_str(w, metric);
	csvwrite_str(w, path);
	value(w, v);
	return csvwrite_end(w);
}

static int csv(const json_t *doc, const struct trendfmt_groups *gs,
    FILE *fp);

int
trendfmt_csv(const json_t *doc, FILE *fp)
{
	return csv(doc, NULL, fp);
}

int
trendfmt_csv_stream(const json_t *doc, const struct trendfmt_groups *gs,
    FILE *fp)
{
	return csv(doc, gs, fp);
}

/* The rows of one group. */
static int
csv_group(struct csvwrite *w, const json_t *g)
{
	const char *name;
	char *label = trendfmt_label(g, 0);
	json_t *v;
	int rv = 0;

	json_object_foreach(json_object_get(g, "metrics"), name, v)
		rv |= walk(w, label, name, "", v);
	free(label);
	return rv;
}

static int
csv(const json_t *doc, const struct trendfmt_groups *gs, FILE *fp)
{
	static const char *const hdr[] = { "group", "metric", "statistic",
	    "value" };
	static const char *const sections[] = { "comparisons", "complexity" };
	struct csvwrite w;
	const json_t *g, *m;
	const char *name;
	json_t *v, *o;
	size_t i, s;
	char *label, *path;
	int rv, got;

	csvwrite_init(&w, fp);
	rv = csvwrite_header(&w, hdr, 4);
	if (gs) {
		for (i = 0; (got = gs->make(gs->ctx, i, &o)) > 0; i++) {
			rv |= csv_group(&w, o);
			json_decref(o);
		}
		if (got < 0)
			return -1;
	} else
		json_array_foreach(json_object_get(doc, "groups"), i, g)
			rv |= csv_group(&w, g);
	json_object_foreach(json_object_get(doc, "geomean"), name, v)
		rv |= walk(&w, "*", name, "geomean", v);
	for (s = 0; s < 2; s++)
		json_array_foreach(json_object_get(doc, sections[s]), i, m) {
			label = trendfmt_label(m, 0);
			name = json_string_value(json_object_get(m, "metric"));
			o = json_deep_copy(m);
			json_object_del(o, "host");
			json_object_del(o, "keys");
			json_object_del(o, "metric");
			path = xasprintf("%s", s == 0 ? "compare" : "complexity");
			rv |= walk(&w, label, name ? name : "", path, o);
			free(path);
			json_decref(o);
			free(label);
		}
	return rv < 0 || ferror(fp) ? -1 : 0;
}
