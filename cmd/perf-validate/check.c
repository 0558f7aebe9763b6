/* check.c - the list of checks, their totals and verdict, and their
 * text, Markdown and JUnit forms. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "fmt/jsonio.h"
#include "jsonbin.h"
#include "fmt/markup.h"
#include "util/num.h"
#include "util/scratch.h"
#include "util/xalloc.h"

static const char *const names[CHECK_NSTATUS] = { "pass", "warn", "fail",
	"unknown" };

void
checklist_init(struct checklist *l)
{
	memset(l, 0, sizeof *l);
	if ((l->arr = json_array()) == NULL)
		xoom();
}

void
checklist_free(struct checklist *l)
{
	json_decref(l->arr);
	json_decref(l->last);
	if (l->file)
		fclose(l->file);
	free(l->line);
	memset(l, 0, sizeof *l);
}

/* Check o (taken) as a record of the file: its length (4 bytes), then
 * its JSON in jsonbin's form (exact reals, no parsing to read it back:
 * text through JSON took as long as the rest of the program). */
static void
to_file(struct checklist *l, json_t *o)
{
	struct jsonbin b = { NULL, 0, 0 };
	uint32_t n = 0;

	jsonbin_put(&b, &n, 4);
	jsonbin_enc(&b, o);
	n = (uint32_t)(b.len - 4);
	memcpy(b.b, &n, 4);
	if (!l->err && fwrite(b.b, 1, b.len, l->file) != b.len)
		l->err = errno ? errno : EIO;
	free(b.b);
	json_decref(o);
}

/* Puts check o (taken) after the others: held, or in the file once more
 * than CHECKLIST_MEM are (all held when no file can be made). */
static void
hold(struct checklist *l, json_t *o)
{
	json_t *c;
	size_t i;

	if (l->file) {
		to_file(l, o);
		return;
	}
	json_array_append_new(l->arr, o);
	if (json_array_size(l->arr) <= CHECKLIST_MEM || l->nofile)
		return;
	if ((l->file = scratch_open("perf-validate", NULL)) == NULL) {
		l->nofile = 1;
		return;
	}
	json_array_foreach(l->arr, i, c)
		to_file(l, json_incref(c));
	json_array_clear(l->arr);
}

json_t *
checklist_last(struct checklist *l)
{
	return l->last;
}

void
checklist_restatus(struct checklist *l, enum check_status s, const char *hint)
{
	const char *was = json_string_value(json_object_get(l->last, "status"));
	int k;

	for (k = 0; k < CHECK_NSTATUS; k++)
		if (was && strcmp(was, names[k]) == 0)
			l->count[k]--;
	l->count[s]++;
	xjsonio_set(l->last, "status", json_string(names[s]));
	xjsonio_set(l->last, "hint", s == CHECK_PASS || hint == NULL ?
	    json_null() : json_string(hint));
}

int
checklist_get(void *vl, size_t i, json_t **c)
{
	struct checklist *l = vl;
	const char *p;
	uint32_t u;

	if (i == 0) {
		if (l->last)
			hold(l, l->last);
		l->last = NULL;
		if (l->file && !l->err && (fflush(l->file) == EOF ||
		    fseek(l->file, 0, SEEK_SET) != 0))
			l->err = errno ? errno : EIO;
	}
	if (l->err) {
		errno = l->err;
		return -1;
	}
	if (l->file == NULL) {
		if (i >= json_array_size(l->arr))
			return 0;
		*c = json_incref(json_array_get(l->arr, i));
		return 1;
	}
	if (fread(&u, 4, 1, l->file) != 1) {
		if (!ferror(l->file))
			return 0;
		errno = l->err = errno ? errno : EIO;
		return -1;
	}
	if (u > l->linecap) {
		l->linecap = u;
		l->line = xreallocarray(l->line, u, 1);
	}
	if (fread(l->line, 1, u, l->file) != u) {
		errno = l->err = ferror(l->file) && errno ? errno : EIO;
		return -1;
	}
	p = l->line;
	if ((*c = jsonbin_dec(&p, l->line + u)) == NULL || p != l->line + u) {
		json_decref(*c);
		errno = l->err = EIO;
		return -1;
	}
	return 1;
}

void
check_begin(struct check *c, const char *name, const char *group,
    const char *subject)
{
	memset(c, 0, sizeof *c);
	c->name = name;
	c->group = group;
	c->subject = subject;
	c->status = CHECK_UNKNOWN;
	c->unit = "none";
}

void
check_detail(struct check *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->detail, sizeof c->detail, fmt, ap);
	va_end(ap);
}

const char *
check_status_name(enum check_status s)
{
	return names[s];
}

json_t *
check_range(double lo, double hi)
{
	json_t *o = json_object();

	if (!isnan(lo) || isnan(hi))
		xjsonio_set(o, "min", xjsonio_num(lo));
	if (!isnan(hi) || isnan(lo))
		xjsonio_set(o, "max", xjsonio_num(hi));
	return o;
}

json_t *
check_word(const char *v)
{
	json_t *o = json_object(), *a = json_array();

	json_array_append_new(a, xjsonio_text(v));
	xjsonio_set(o, "values", a);
	return o;
}

enum check_status
check_grade(double v, double lo, double hi, double wlo, double whi)
{
	if (isnan(v))
		return CHECK_UNKNOWN;
	if ((isnan(lo) || v >= lo) && (isnan(hi) || v <= hi))
		return CHECK_PASS;
	if ((isnan(wlo) || v >= wlo) && (isnan(whi) || v <= whi))
		return CHECK_WARN;
	return CHECK_FAIL;
}

void
check_add(struct checklist *l, struct check *c)
{
	json_t *o = json_object();

	xjsonio_set(o, "name", json_string(c->name));
	xjsonio_set(o, "group", json_string(c->group));
	xjsonio_set(o, "status", json_string(names[c->status]));
	xjsonio_set(o, "subject", xjsonio_text(c->subject));
	xjsonio_set(o, "measured", c->measured ? c->measured : json_null());
	xjsonio_set(o, "expected", c->expected ? c->expected :
	    check_range(NAN, NAN));
	xjsonio_set(o, "unit", json_string(c->unit));
	/* Text from files (paths, values) may not be UTF-8. */
	xjsonio_set(o, "detail", xjsonio_text(c->detail[0] ? c->detail : "-"));
	xjsonio_set(o, "hint", c->status == CHECK_PASS || c->hint == NULL ?
	    json_null() : json_string(c->hint));
	l->count[c->status]++;
	c->measured = c->expected = NULL;
	if (l->last)
		hold(l, l->last);
	l->last = o;
}

enum check_status
checklist_finish(const struct checklist *l, json_t *doc)
{
	json_t *t = json_object();
	size_t decided = l->count[CHECK_PASS] + l->count[CHECK_WARN] +
	    l->count[CHECK_FAIL], total = decided + l->count[CHECK_UNKNOWN];
	enum check_status worst = CHECK_PASS;
	const char *verdict = "unknown";
	int s;

	for (s = 0; s < CHECK_NSTATUS; s++)
		xjsonio_set(t, names[s], json_integer((json_int_t)l->count[s]));
	xjsonio_set(t, "total", json_integer((json_int_t)total));
	xjsonio_set(doc, "totals", t);
	xjsonio_set(doc, "success_rate_pct", decided ? json_real(100.0 *
	    (double)l->count[CHECK_PASS] / (double)decided) : json_null());
	if (l->count[CHECK_FAIL]) {
		verdict = "untrustworthy";
		worst = CHECK_FAIL;
	} else if (l->count[CHECK_WARN]) {
		verdict = "caution";
		worst = CHECK_WARN;
	} else if (l->count[CHECK_PASS])
		verdict = "trustworthy";
	xjsonio_set(doc, "verdict", json_string(verdict));
	return worst;
}

/* Formats a JSON value (number, string, boolean, null) into buf. */
static const char *
fmtval(const json_t *v, char *buf, size_t len)
{
	char nb[NUM_BUFSZ];

	if (json_is_number(v))
		snprintf(buf, len, "%s", num_fmt_sig(nb, json_number_value(v), 4));
	else if (json_is_string(v))
		snprintf(buf, len, "%s", json_string_value(v));
	else if (json_is_boolean(v))
		snprintf(buf, len, "%s", json_is_true(v) ? "true" : "false");
	else
		snprintf(buf, len, "?");
	return buf;
}

static void
fmtexpected(const json_t *e, char *buf, size_t len)
{
	const json_t *lo = json_object_get(e, "min"), *hi = json_object_get(e,
	    "max"), *vs = json_object_get(e, "values"), *v;
	char a[128], b[128];
	size_t i, n = 0;

	buf[0] = '\0';
	if (vs) {
		json_array_foreach(vs, i, v)
			n += (size_t)snprintf(buf + (n < len ? n : len),
			    n < len ? len - n : 0, "%s%s", i ? "|" : "",
			    fmtval(v, a, sizeof a));
	} else if (lo && hi && !json_is_null(lo) && !json_is_null(hi))
		snprintf(buf, len, "%s..%s", fmtval(lo, a, sizeof a),
		    fmtval(hi, b, sizeof b));
	else if (hi && !json_is_null(hi))
		snprintf(buf, len, "<= %s", fmtval(hi, a, sizeof a));
	else if (lo && !json_is_null(lo))
		snprintf(buf, len, ">= %s", fmtval(lo, a, sizeof a));
	else
		snprintf(buf, len, "-");
}

/* The measured value of check c with its unit, and the expected one,
 * as the text and Markdown forms print them. */
static void
measured(const json_t *c, char *m, size_t mlen, char *e, size_t elen)
{
	const char *unit = json_string_value(json_object_get(c, "unit"));
	char v[256], x[512];

	if (strcmp(unit, "text") == 0 || strcmp(unit, "bool") == 0 ||
	    strcmp(unit, "none") == 0 || json_is_null(json_object_get(c,
	    "measured")))
		unit = "";
	fmtval(json_object_get(c, "measured"), v, sizeof v);
	fmtexpected(json_object_get(c, "expected"), x, sizeof x);
	snprintf(m, mlen, "%s%s%s", v, *unit ? " " : "", unit);
	snprintf(e, elen, "%s%s%s", x, *unit ? " " : "", unit);
}

static const char *
sget(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* "verdict: caution (18 checks: 11 pass, ...; success rate 84.6%)"
 * without the "verdict: ". */
static void
verdict(const json_t *doc, FILE *fp)
{
	const json_t *t = json_object_get(doc, "totals");
	char nb[NUM_BUFSZ];
	double rate;

	rate = json_is_number(json_object_get(doc, "success_rate_pct")) ?
	    json_number_value(json_object_get(doc, "success_rate_pct")) : NAN;
	fprintf(fp, "%s (%lld checks: %lld pass, %lld warn, %lld fail,"
	    " %lld unknown; success rate %s%s)\n", sget(doc, "verdict"),
	    (long long)json_integer_value(json_object_get(t, "total")),
	    (long long)json_integer_value(json_object_get(t, "pass")),
	    (long long)json_integer_value(json_object_get(t, "warn")),
	    (long long)json_integer_value(json_object_get(t, "fail")),
	    (long long)json_integer_value(json_object_get(t, "unknown")),
	    isnan(rate) ? "-" : num_fmt(nb, rate, 1), isnan(rate) ? "" : "%");
}

static int
check_md(const json_t *doc, struct checklist *l, FILE *fp)
{
	static const char *const head[] = { "status", "group", "subject",
	    "check", "measured", "expected", "detail", "hint" };
	const char *cells[8];
	char m[512], e[1024];
	json_t *c;
	size_t i;
	int got;

	fputs("## perf-validate\n\nVerdict: ", fp);
	verdict(doc, fp);
	fputs("\n", fp);
	markup_md_row(fp, head, 8);
	markup_md_rule(fp, "llllrrll", 8);
	for (i = 0; (got = checklist_get(l, i, &c)) > 0; i++) {
		measured(c, m, sizeof m, e, sizeof e);
		cells[0] = sget(c, "status");
		cells[1] = sget(c, "group");
		cells[2] = sget(c, "subject");
		cells[3] = sget(c, "name");
		cells[4] = m;
		cells[5] = e;
		cells[6] = sget(c, "detail");
		cells[7] = sget(c, "hint");
		markup_md_row(fp, cells, 8);
		json_decref(c);
	}
	return got < 0 || ferror(fp) ? -1 : 0;
}

int
check_text(const json_t *doc, struct checklist *l, FILE *fp, int md)
{
	json_t *c;
	char m[512], e[1024];
	const char *hint;
	size_t i;
	int got;

	if (md)
		return check_md(doc, l, fp);
	for (i = 0; (got = checklist_get(l, i, &c)) > 0; i++) {
		measured(c, m, sizeof m, e, sizeof e);
		fprintf(fp, "%-7s %-10s %s %s = %s (expected %s): %s\n",
		    sget(c, "status"), sget(c, "group"), sget(c, "subject"),
		    sget(c, "name"), m, e, sget(c, "detail"));
		hint = json_string_value(json_object_get(c, "hint"));
		if (hint)
			fprintf(fp, "        hint: %s\n", hint);
		json_decref(c);
	}
	if (got < 0)
		return -1;
	fputs("verdict: ", fp);
	verdict(doc, fp);
	return ferror(fp) ? -1 : 0;
}

int
check_junit(struct checklist *l, struct junit *j, enum check_status fail_on)
{
	json_t *c;
	const char *st;
	char m[512], e[1024], *cls, *msg;
	enum check_status s;
	size_t i;
	int got;

	for (i = 0; (got = checklist_get(l, i, &c)) > 0; i++) {
		st = sget(c, "status");
		for (s = CHECK_PASS; s < CHECK_NSTATUS &&
		    strcmp(st, check_status_name(s)) != 0; s++)
			;
		measured(c, m, sizeof m, e, sizeof e);
		cls = xasprintf("%s.%s", sget(c, "group"), sget(c, "subject"));
		msg = xasprintf("%s: %s = %s (expected %s): %s", st,
		    sget(c, "name"), m, e, sget(c, "detail"));
		if (s == CHECK_UNKNOWN)
			junit_add(j, cls, sget(c, "name"), JUNIT_SKIPPED, NULL,
			    msg, NULL);
		else if (s != CHECK_PASS && s >= fail_on)
			junit_add(j, cls, sget(c, "name"), JUNIT_FAILURE, st,
			    msg, json_string_value(json_object_get(c, "hint")));
		else
			junit_add(j, cls, sget(c, "name"), JUNIT_PASS, NULL,
			    NULL, msg);
		free(cls);
		free(msg);
		json_decref(c);
	}
	return got < 0 ? -1 : 0;
}
