/* rsec.c - the pieces the report's sections are built of. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "fmt/jsonio.h"
#include "rsec.h"
#include "util/xalloc.h"

/* A JSON string of any bytes: invalid UTF-8 replaced, never NULL. */
json_t *
rsec_str(const char *s)
{
	char *u = escape_utf8(s);
	json_t *j = json_string(u);

	free(u);
	return j;
}

/* A table from a column list "name:type:unit,..." (type n or s, unit empty
 * for none). */
json_t *
rsec_table(const char *title, const char *spec)
{
	json_t *t = json_object(), *cols = json_array(), *c;
	char *s = xstrdup(spec), *save, *tok, *name, *type, *unit;

	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",",
	    &save)) {
		name = tok;
		type = strchr(name, ':');
		*type++ = '\0';
		unit = strchr(type, ':');
		*unit++ = '\0';
		c = json_object();
		xjsonio_set(c, "name", json_string(name));
		xjsonio_set(c, "type", json_string(*type == 'n' ? "number" :
		    "string"));
		xjsonio_set(c, "unit", *unit ? json_string(unit) : json_null());
		json_array_append_new(cols, c);
	}
	free(s);
	xjsonio_set(t, "title", json_string(title));
	xjsonio_set(t, "columns", cols);
	xjsonio_set(t, "rows", json_array());
	return t;
}

/* Appends a row: fmt has 's' (const char *, NULL is null) or 'n' (double,
 * NaN is null) per cell. */
void
rsec_row(json_t *t, const char *fmt, ...)
{
	json_t *r = json_array();
	const char *s;
	va_list ap;

	va_start(ap, fmt);
	for (; *fmt; fmt++)
		if (*fmt == 's') {
			s = va_arg(ap, const char *);
			json_array_append_new(r, s ? rsec_str(s) :
			    json_null());
		} else
			json_array_append_new(r, xjsonio_num(va_arg(ap,
			    double)));
	va_end(ap);
	json_array_append_new(json_object_get(t, "rows"), r);
}

static void
vlinea(json_t *arr, const char *fmt, va_list ap)
{
	char *s = xvasprintf(fmt, ap);

	json_array_append_new(arr, rsec_str(s));
	free(s);
}

/* Appends a line of text to the array arr (text from data included, its
 * bytes that are not UTF-8 replaced). */
void
rsec_linea(json_t *arr, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlinea(arr, fmt, ap);
	va_end(ap);
}

/* Appends a line to the section's text. */
void
rsec_line(json_t *sec, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlinea(json_object_get(sec, "lines"), fmt, ap);
	va_end(ap);
}

json_t *
rsec_new(json_t *doc, const char *id, const char *title)
{
	json_t *s = json_object();

	xjsonio_set(s, "id", json_string(id));
	xjsonio_set(s, "title", json_string(title));
	xjsonio_set(s, "sources", json_array());
	xjsonio_set(s, "lines", json_array());
	xjsonio_set(s, "tables", json_array());
	xjsonio_set(s, "charts", json_array());
	json_array_append_new(json_object_get(doc, "sections"), s);
	return s;
}

/* Adds the sources of a {"label", "sources", "doc"} input to sec. */
void
rsec_sources(json_t *sec, json_t *v)
{
	json_t *x;
	size_t i;

	json_array_foreach(json_object_get(v, "sources"), i, x)
		rsec_source(sec, json_string_value(x));
}

void
rsec_source(json_t *sec, const char *name)
{
	json_t *a = json_object_get(sec, "sources");
	size_t i;
	json_t *v;

	json_array_foreach(a, i, v)
		if (strcmp(json_string_value(v), name) == 0)
			return;
	json_array_append_new(a, json_string(name));
}

json_t *
rsec_find(json_t *doc, const char *id)
{
	json_t *s;
	size_t i;

	json_array_foreach(json_object_get(doc, "sections"), i, s)
		if (strcmp(rsec_text(s, "id"), id) == 0)
			return s;
	return NULL;
}

/* Drops sections that got nothing to say. */
void
rsec_prune(json_t *doc)
{
	json_t *a = json_object_get(doc, "sections"), *s;
	size_t i;

	for (i = json_array_size(a); i-- > 0;) {
		s = json_array_get(a, i);
		if (json_array_size(json_object_get(s, "lines")) == 0 &&
		    json_array_size(json_object_get(s, "tables")) == 0)
			json_array_remove(a, i);
	}
}

double
rsec_num(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_number(v) ? json_number_value(v) : NAN;
}

const char *
rsec_text(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

void
rsec_addtable(json_t *sec, json_t *t)
{
	if (json_array_size(json_object_get(t, "rows")) == 0)
		json_decref(t);
	else
		json_array_append_new(json_object_get(sec, "tables"), t);
}

/* A trend group's label: its host, then its keys, the command left out
 * when a name says it. */
char *
rsec_group_label(json_t *g)
{
	json_t *keys = json_object_get(g, "keys"), *v;
	const char *host = rsec_text(g, "host"), *k;
	char *s = xstrdup(host && *host ? host : ""), *t;

	json_object_foreach(keys, k, v) {
		if (!json_is_string(v) || !*json_string_value(v) ||
		    strcmp(k, "measured_by") == 0 ||
		    (strcmp(k, "command") == 0 && json_object_get(keys, "name")
		    && *json_string_value(json_object_get(keys, "name"))))
			continue;
		t = *s ? xasprintf("%s %s=%s", s, k, json_string_value(v)) :
		    xasprintf("%s=%s", k, json_string_value(v));
		free(s);
		s = t;
	}
	if (!*s) {
		free(s);
		s = xstrdup("(all)");
	}
	return s;
}

/* The format of a trend document's first input: samples or runs. */
const char *
rsec_trend_of(json_t *doc)
{
	json_t *in = json_array_get(json_object_get(doc, "inputs"), 0);
	const char *f = rsec_text(in, "format");

	return f ? f : "";
}

/* A span of time for people: "45 s", "12 min", "3.5 h", "6.2 days". */
char *
rsec_duration(double s, char *buf, size_t len)
{
	if (!isfinite(s))
		snprintf(buf, len, "?");
	else if (s < 1)
		snprintf(buf, len, "%.3g s", s);
	else if (s < 120)
		snprintf(buf, len, "%.0f s", s);
	else if (s < 7200)
		snprintf(buf, len, "%.0f min", s / 60);
	else if (s < 172800)
		snprintf(buf, len, "%.1f h", s / 3600);
	else
		snprintf(buf, len, "%.1f days", s / 86400);
	return buf;
}

