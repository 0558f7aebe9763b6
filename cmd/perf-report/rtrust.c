/* rtrust.c - the report's first sections: can the numbers be trusted
 * (perf-validate), and what is wrong (perf-bottleneck's findings). */
#include <stdlib.h>
#include <string.h>

#include "fmt/jsonio.h"
#include "rsec.h"
#include "rtrust.h"
#include "util/xalloc.h"

/* Findings listed in words at most (the table holds them all). */
#define MAX_FINDING_LINES 12
/* Checks that did not pass listed at most, worst first; past that, a
 * count by check (2,000 commands made 4,000 rows at the report's head,
 * before any number). */
#define MAX_CHECK_ROWS 30

/* ---- validation ---- */

static int
status_rank(const char *s)
{
	return strcmp(s, "fail") == 0 ? 0 : strcmp(s, "warn") == 0 ? 1 :
	    strcmp(s, "unknown") == 0 ? 2 : 3;
}

static const char *
worse_verdict(const char *a, const char *b)
{
	static const char *const order[] = { "untrustworthy", "caution",
		"unknown", "trustworthy" };
	size_t i;

	if (a == NULL)
		return b;
	for (i = 0; i < 4; i++)
		if (strcmp(a, order[i]) == 0 || strcmp(b, order[i]) == 0)
			return order[i];
	return a;
}

/* A check that did not pass, as a row of the checks' table. */
static void
check_row(json_t *t, json_t *c)
{
	rsec_row(t, "sssss", rsec_text(c, "status"), rsec_text(c, "name"),
	    rsec_text(c, "subject"), rsec_text(c, "detail"),
	    rsec_text(c, "hint"));
}

/*
 * The table of the checks that did not pass, worst first, at most
 * MAX_CHECK_ROWS of them; when there are more, the title says how many,
 * and a table by check counts them all, added to sec.
 */
static json_t *
not_passed(json_t *sec, json_t *checks)
{
	json_t *t, *c, *by = json_object(), *k, *bt;
	size_t j, shown = 0, total = 0;
	const char *name;
	char *title;
	int rank;

	t = rsec_table("checks that did not pass, worst first",
	    "status:s:,check:s:,subject:s:,detail:s:,hint:s:");
	for (rank = 0; rank < 3; rank++)
		json_array_foreach(checks, j, c) {
			if (status_rank(rsec_text(c, "status")) != rank)
				continue;
			total++;
			if (shown < MAX_CHECK_ROWS) {
				check_row(t, c);
				shown++;
			}
			name = rsec_text(c, "name");
			if ((k = json_object_get(by, name ? name : "?")) ==
			    NULL) {
				k = json_pack("[iii]", 0, 0, 0);
				json_object_set_new(by, name ? name : "?", k);
			}
			json_array_set_new(k, (size_t)rank, json_integer(
			    json_integer_value(json_array_get(k,
			    (size_t)rank)) + 1));
		}
	if (total > shown) {
		title = xasprintf("checks that did not pass, worst first: the "
		    "first %zu of %zu (counted by check above; the validation "
		    "JSON has them all)", shown, total);
		json_object_set_new(t, "title", rsec_str(title));
		free(title);
		bt = rsec_table("checks that did not pass, by check",
		    "check:s:,fail:n:,warn:n:,unknown:n:");
		json_object_foreach(by, name, k)
			rsec_row(bt, "snnn", name,
			    (double)json_integer_value(json_array_get(k, 0)),
			    (double)json_integer_value(json_array_get(k, 1)),
			    (double)json_integer_value(json_array_get(k, 2)));
		rsec_addtable(sec, bt);
	}
	json_decref(by);
	return t;
}

const char *
rtrust_validation(json_t *doc, json_t *summary_lines,
    const struct rdoc_in *ri)
{
	json_t *sec = rsec_new(doc, "validation", "Can these numbers be "
	    "trusted?"), *v, *vd, *t, *tot, *r;
	const char *verdict = NULL, *vv, *st;
	size_t i, j;

	json_array_foreach(ri->validations, i, v) {
		vd = json_object_get(v, "doc");
		rsec_sources(sec, v);
		vv = rsec_text(vd, "verdict");
		if (vv == NULL)
			continue;
		verdict = worse_verdict(verdict, vv);
		tot = json_object_get(vd, "totals");
		rsec_line(sec, "%s: %s: %.0f checks passed, %.0f warned, %.0f "
		    "failed, %.0f unknown", rsec_text(v, "label"), vv,
		    rsec_num(tot, "pass"), rsec_num(tot, "warn"),
		    rsec_num(tot, "fail"), rsec_num(tot, "unknown"));
		t = not_passed(sec, json_object_get(vd, "checks"));
		/* The first two problems go to the summary: a reader sees
		 * them before any number they undermine. */
		for (j = 0; j < 2; j++) {
			r = json_array_get(json_object_get(t, "rows"), j);
			st = json_string_value(json_array_get(r, 0));
			/* Past the last row r is NULL, and so is st. */
			if (st == NULL || strcmp(st, "unknown") == 0)
				break;
			/* With its subject: two hosts' (or commands') same
			 * warning read as one said twice. */
			rsec_linea(summary_lines, "trust: %s %s (%s): %s", st,
			    json_string_value(json_array_get(r, 1)),
			    json_string_value(json_array_get(r, 2)) ?
			    json_string_value(json_array_get(r, 2)) : "-",
			    json_string_value(json_array_get(r, 3)) ?
			    json_string_value(json_array_get(r, 3)) : "");
		}
		rsec_addtable(sec, t);
	}
	if (verdict)
		json_array_insert_new(summary_lines, 0, jsonio_fmt(
		    "measurements: %s (perf-validate)", verdict));
	return verdict;
}

/* ---- findings ---- */

static int
sev_rank(const char *s)
{
	return s == NULL ? 3 : strcmp(s, "critical") == 0 ? 0 :
	    strcmp(s, "warning") == 0 ? 1 : 2;
}

struct fref {
	json_t *f;
	int rank;
	double dur;
};

static int
fref_cmp(const void *a, const void *b)
{
	const struct fref *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank - y->rank;
	if (x->dur != y->dur)
		return x->dur > y->dur ? -1 : 1;
	return strcmp(rsec_text(x->f, "id"), rsec_text(y->f, "id"));
}

/* A host's health: its row in ht and its summary line.  Returns its
 * score. */
static long
host_health(json_t *ht, json_t *summary_lines, json_t *h)
{
	json_t *tot = json_object_get(h, "totals");
	const char *host = rsec_text(h, "host"), *grade = rsec_text(h, "grade");
	const char *cause = rsec_text(h, "main_cause");
	long sc = (long)rsec_num(h, "score");

	rsec_row(ht, "snsnns", host, rsec_num(h, "score"), grade,
	    rsec_num(tot, "critical"), rsec_num(tot, "warning"),
	    cause ? cause : "");
	rsec_linea(summary_lines, "%s: health %ld (%s), %s",
	    *host ? host : "(no host)", sc, grade,
	    cause ? cause : "no bottleneck found");
	return sc;
}

void
rtrust_findings(json_t *doc, json_t *summ, json_t *summary_lines,
    const struct rdoc_in *ri, double *start, double *end)
{
	json_t *sec = rsec_new(doc, "findings", "Bottlenecks and health"),
	    *v, *fd, *h, *f, *ht, *ft;
	struct fref *fr = NULL;
	size_t i, j, n = 0;
	const char *host;
	long lowest = -1;
	int worst = 3;
	char a[32], b[32], d[32];

	ht = rsec_table("health per host", "host:s:,score:n:,grade:s:,"
	    "critical_count:n:count,warning_count:n:count,main_cause:s:");
	ft = rsec_table("findings, worst first", "severity:s:,host:s:,"
	    "resource:s:,kind:s:,metric:s:,start:s:,duration_s:n:s,peak:n:,"
	    "threshold:n:");
	json_array_foreach(ri->findings, i, v) {
		fd = json_object_get(v, "doc");
		rsec_sources(sec, v);
		json_array_foreach(json_object_get(fd, "hosts"), j, h) {
			long sc = host_health(ht, summary_lines, h);

			if (lowest < 0 || sc < lowest)
				lowest = sc;
			if (rsec_num(h, "start") < *start)
				*start = rsec_num(h, "start");
			if (rsec_num(h, "end") > *end)
				*end = rsec_num(h, "end");
		}
		json_array_foreach(json_object_get(fd, "findings"), j, f) {
			fr = xreallocarray(fr, n + 1, sizeof *fr);
			fr[n].f = f;
			fr[n].rank = sev_rank(rsec_text(f, "severity"));
			fr[n].dur = rsec_num(f, "end") - rsec_num(f, "start");
			n++;
		}
	}
	if (n)
		qsort(fr, n, sizeof *fr, fref_cmp);
	for (i = 0; i < n; i++) {
		f = fr[i].f;
		if (fr[i].rank < worst)
			worst = fr[i].rank;
		host = rsec_text(f, "host");
		rsec_row(ft, "ssssssnnn", rsec_text(f, "severity"), host,
		    rsec_text(f, "resource"), rsec_text(f, "kind"),
		    rsec_text(f, "metric"),
		    rdoc_time(rsec_num(f, "start"), a, sizeof a), fr[i].dur,
		    rsec_num(f, "peak"), rsec_num(f, "threshold"));
		if (i >= MAX_FINDING_LINES)
			continue;
		rsec_line(sec, "%zu. %s %s %s on %s, %s to %s UTC (%s): %s",
		    i + 1, rsec_text(f, "severity"), rsec_text(f, "resource"),
		    rsec_text(f, "kind"), *host ? host : "(no host)", a,
		    rdoc_time(rsec_num(f, "end"), b, sizeof b) + 11,
		    rsec_duration(fr[i].dur, d, sizeof d),
		    rsec_text(f, "evidence"));
		rsec_line(sec, "   what to do: %s",
		    rsec_text(f, "recommendation"));
	}
	if (n > MAX_FINDING_LINES)
		rsec_line(sec, "... and %zu more findings, in the table",
		    n - MAX_FINDING_LINES);
	if (json_array_size(ri->findings) && n == 0)
		rsec_line(sec, "no bottleneck found");
	rsec_addtable(sec, ht);
	rsec_addtable(sec, ft);
	free(fr);
	xjsonio_set(summ, "worst_severity", worst == 0 ? json_string(
	    "critical") : worst == 1 ? json_string("warning") : worst == 2 ?
	    json_string("info") : json_null());
	xjsonio_set(summ, "lowest_score", lowest < 0 ? json_null() :
	    json_integer(lowest));
}

