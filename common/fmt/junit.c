/* junit.c - JUnit XML documents (Ant/Jenkins form) of a gate's checks,
 * with every piece of data escaped for XML 1.0. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/junit.h"
#include "fmt/markup.h"
#include "util/atomicfile.h"
#include "util/xalloc.h"

static const char *const tag[] = { NULL, "failure", "error", "skipped" };

void
junit_init(struct junit *j, const char *suite)
{
	memset(j, 0, sizeof *j);
	j->suite = xstrdup(suite);
}

static char *
dup0(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void
junit_add(struct junit *j, const char *classname, const char *name,
    enum junit_status status, const char *type, const char *message,
    const char *out)
{
	struct junit_case *c;

	if (j->n == j->cap) {
		j->cap = j->cap ? 2 * j->cap : 16;
		j->c = xreallocarray(j->c, j->cap, sizeof *j->c);
	}
	c = &j->c[j->n++];
	c->classname = xstrdup(classname);
	c->name = xstrdup(name);
	c->status = status;
	c->type = dup0(type);
	c->message = dup0(message);
	c->out = dup0(out);
	j->count[status]++;
}

static void
attr(const char *name, const char *value, FILE *fp)
{
	if (value == NULL)
		return;
	fprintf(fp, " %s=\"", name);
	markup_xml(value, fp);
	putc('"', fp);
}

static void
counts(const struct junit *j, FILE *fp, int skipped)
{
	fprintf(fp, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\"", j->n,
	    j->count[JUNIT_FAILURE], j->count[JUNIT_ERROR]);
	/* The Ant form counts skipped cases per suite only. */
	if (skipped)
		fprintf(fp, " skipped=\"%zu\"", j->count[JUNIT_SKIPPED]);
}

static void
testcase(const struct junit_case *c, FILE *fp)
{
	fputs("    <testcase", fp);
	attr("classname", c->classname, fp);
	attr("name", c->name, fp);
	if (c->status == JUNIT_PASS && c->out == NULL) {
		fputs("/>\n", fp);
		return;
	}
	fputs(">\n", fp);
	if (c->status != JUNIT_PASS) {
		fprintf(fp, "      <%s", tag[c->status]);
		attr("type", c->type, fp);
		attr("message", c->message, fp);
		if (c->message && c->status != JUNIT_SKIPPED) {
			putc('>', fp);
			markup_xml(c->message, fp);
			fprintf(fp, "</%s>\n", tag[c->status]);
		} else
			fputs("/>\n", fp);
	}
	if (c->out) {
		fputs("      <system-out>", fp);
		markup_xml(c->out, fp);
		fputs("</system-out>\n", fp);
	}
	fputs("    </testcase>\n", fp);
}

int
junit_write(const struct junit *j, FILE *fp)
{
	size_t i;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", fp);
	attr("name", j->suite, fp);
	counts(j, fp, 0);
	fputs(">\n  <testsuite", fp);
	attr("name", j->suite, fp);
	counts(j, fp, 1);
	fputs(">\n", fp);
	for (i = 0; i < j->n; i++)
		testcase(&j->c[i], fp);
	fputs("  </testsuite>\n</testsuites>\n", fp);
	return ferror(fp) ? -1 : 0;
}

int
junit_save(const struct junit *j, const char *path, struct perr *e)
{
	struct atomicfile af;

	if (atomicfile_open(&af, path, e) < 0)
		return -1;
	if (junit_write(j, af.fp) < 0) {
		perr_set(e, "%s: write error: %s", path, strerror(errno));
		atomicfile_abort(&af);
		return -1;
	}
	return atomicfile_commit(&af, e);
}

void
junit_free(struct junit *j)
{
	size_t i;

	for (i = 0; i < j->n; i++) {
		free(j->c[i].classname);
		free(j->c[i].name);
		free(j->c[i].type);
		free(j->c[i].message);
		free(j->c[i].out);
	}
	free(j->c);
	free(j->suite);
	memset(j, 0, sizeof *j);
}
