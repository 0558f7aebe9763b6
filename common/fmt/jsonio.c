/* jsonio.c - jansson helpers: unknown numbers as null, checked writes. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "fmt/jsonio.h"
#include "util/xalloc.h"

json_t *
xjsonio_num(double v)
{
	json_t *j;

	if (!isfinite(v))
		return json_null();
	/* -0 reads oddly and compares unequal as text; zero is zero. */
	if (v == 0)
		v = 0;
	if ((j = json_real(v)) == NULL)
		xoom();
	return j;
}

void
xjsonio_set(json_t *obj, const char *key, json_t *value)
{
	if (value == NULL || json_object_set_new(obj, key, value) != 0)
		xoom();
}

json_t *
jsonio_fmt(const char *fmt, ...)
{
	va_list ap;
	json_t *j;

	va_start(ap, fmt);
	j = json_vsprintf(fmt, ap);
	va_end(ap);
	return j;
}

void
xjsonio_appendf(json_t *arr, const char *fmt, ...)
{
	va_list ap;
	json_t *j;

	va_start(ap, fmt);
	j = json_vsprintf(fmt, ap);
	va_end(ap);
	if (j != NULL)
		json_array_append_new(arr, j);
}

json_t *
xjsonio_interval(double lo, double hi)
{
	json_t *o = json_object();

	if (o == NULL)
		xoom();
	xjsonio_set(o, "lo", xjsonio_num(lo));
	xjsonio_set(o, "hi", xjsonio_num(hi));
	return o;
}

int
jsonio_write(const json_t *doc, FILE *fp, const char *name, struct perr *e)
{
	size_t flags = JSONIO_DUMP_FLAGS;

	if (json_dumpf(doc, fp, flags) != 0 || putc('\n', fp) == EOF ||
	    ferror(fp))
		return perr_set(e, "%s: write error: %s", name, strerror(errno));
	return 0;
}

json_t *
jsonio_read(const char *path, struct perr *e)
{
	json_error_t je;
	json_t *j;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;

	if (strcmp(path, "-") == 0)
		j = json_loadf(stdin, 0, &je);
	else
		j = json_load_file(path, 0, &je);
	if (j == NULL) {
		if (je.line < 0)
			perr_set(e, "%s: %s", name, je.text);
		else
			perr_set(e, "%s:%d:%d: %s", name, je.line, je.column,
			    je.text);
	}
	return j;
}
