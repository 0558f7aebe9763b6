/* alert.c - alert lines for --follow. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "alert.h"
#include "fmt/csvwrite.h"
#include "fmt/jsonio.h"
#include "report.h"
#include "util/num.h"
#include "util/timeutil.h"

static void
text(struct alert *a, const char *host, const struct finding *f,
    const char *state, double t)
{
	char ts[32], v[NUM_BUFSZ];

	fprintf(a->fp, "%s %s %s host '%s' %s %s %s=%s%s: %s\n",
	    timeutil_iso(t, ts, sizeof ts), state, rules_sev_name(f->sev),
	    host, f->resource, rules_kind_name(f->kind), f->metric,
	    isnan(f->value) ? "?" : num_fmt_sig(v, f->value, 3),
	    advice_unit(f->metric), f->evidence);
}

void
alert_event(void *arg, const struct eval *ev, const struct finding *f,
    const char *state, double t)
{
	struct alert *a = arg;
	struct finding c = *f;
	struct csvwrite w;
	json_t *o, *line;
	char *id;

	c.evidence = c.recommendation = NULL;
	advice_fill(ev, &c);
	id = report_id(ev, &c);
	if (strcmp(state, "firing") == 0)
		a->fired[c.sev]++;
	o = report_finding(ev, &c, id);
	line = json_object();
	xjsonio_set(line, "format", json_string("perf-bottleneck-alert/1"));
	xjsonio_set(line, "time", xjsonio_num(t));
	xjsonio_set(line, "state", json_string(state));
	json_object_update(line, o);
	xjsonio_set(line, "value", xjsonio_num(c.value));
	if (strcmp(a->format, "json") == 0) {
		if (json_dumpf(line, a->fp, JSON_COMPACT | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(15)) < 0)
			a->failed = 1;
		fputc('\n', a->fp);
	} else if (strcmp(a->format, "csv") == 0) {
		csvwrite_init(&w, a->fp);
		if (!a->header) {
			reportfmt_csv_header(&w, (const char *const *)
			    ev->l->keyname, ev->l->nkeys, 1);
			csvwrite_end(&w);
			a->header = 1;
		}
		reportfmt_csv_row(&w, line, (const char *const *)ev->l->keyname,
		    ev->l->nkeys, 1);
		csvwrite_end(&w);
	} else {
		text(a, ev->g[f->group].host, &c, state, t);
	}
	if (fflush(a->fp) == EOF || ferror(a->fp))
		a->failed = 1;
	json_decref(o);
	json_decref(line);
	free(id);
	free(c.evidence);
	free(c.recommendation);
}
