/* rdoc.c - the report document: its summary, then the sections in the
 * order a reader needs them (rtrust.c, rmeasure.c, rchange.c), from the
 * inputs' JSON (perf-trend, perf-bottleneck, perf-validate) and the raw
 * rows. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fmt/jsonio.h"
#include "rchange.h"
#include "rdoc.h"
#include "rmeasure.h"
#include "rsec.h"
#include "rtrust.h"
#include "util/xalloc.h"

char *
rdoc_time(double t, char *buf, size_t len)
{
	struct tm tm;
	time_t s;

	/* Converted only when a time_t holds it (inf is no time: a file
	 * without times; beyond year 10^7 neither). */
	if (!(fabs(t) < 1e14) || (s = (time_t)floor(t), gmtime_r(&s, &tm) ==
	    NULL))
		snprintf(buf, len, "?");
	else
		strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
	return buf;
}

static char *
default_title(const struct rdoc_in *ri, double start)
{
	const char *host = NULL;
	char d[32];

	if (ri->samples && ri->samples->nh)
		host = ri->samples->h[0].name;
	rdoc_time(start, d, sizeof d);
	d[10] = '\0';
	if (host && *host)
		return isfinite(start) ? xasprintf("perfpipe report: %s%s, %s",
		    host, ri->samples->nh + ri->samples->more_hosts > 1 ?
		    " and others" : "", d) : xasprintf("perfpipe report: %s",
		    host);
	return isfinite(start) ? xasprintf("perfpipe report, %s", d) :
	    xstrdup("perfpipe report");
}

void
rdoc_in_init(struct rdoc_in *ri, const struct rinput *in, size_t nin,
    json_t *trends, json_t *findings, json_t *validations,
    const struct rsamples *samples, const struct rruns *runs)
{
	memset(ri, 0, sizeof *ri);
	ri->in = in;
	ri->nin = nin;
	ri->trends = trends;
	ri->findings = findings;
	ri->validations = validations;
	ri->samples = samples;
	ri->runs = runs;
}

json_t *
rdoc_build(const struct rdoc_in *ri)
{
	json_t *doc = json_object(), *summ = json_object(), *lines,
	    *inputs = json_array(), *o;
	double start = INFINITY, end = -INFINITY;
	const char *verdict;
	char *title;
	long regressions;
	size_t i, j, hosts = 0;
	int anycmp;

	for (i = 0; i < ri->nin; i++) {
		o = json_object();
		xjsonio_set(o, "path", rsec_str(ri->in[i].name));
		xjsonio_set(o, "format", json_string(rinput_kind_name(
		    ri->in[i].kind)));
		xjsonio_set(o, "rows", ri->in[i].rows < 0 ? json_null() :
		    json_integer(ri->in[i].rows));
		json_array_append_new(inputs, o);
	}
	lines = json_array();
	xjsonio_set(doc, "format", json_string("perf-report/1"));
	xjsonio_set(doc, "title", json_string("-"));
	xjsonio_set(doc, "generated", json_integer((json_int_t)
	    ri->generated));
	xjsonio_set(doc, "inputs", inputs);
	xjsonio_set(doc, "options", ri->options);
	xjsonio_set(doc, "summary", summ);
	xjsonio_set(doc, "sections", json_array());
	xjsonio_set(doc, "charts", json_array());

	/* Trust first, then what is wrong, then the numbers. */
	verdict = rtrust_validation(doc, lines, ri);
	rtrust_findings(doc, summ, lines, ri, &start, &end);
	rmeasure_samples(doc, lines, ri);
	rmeasure_runs(doc, lines, ri);
	rmeasure_spans(doc, lines, ri);
	regressions = rchange_comparisons(doc, lines, ri, &anycmp);
	rchange_trends(doc, ri);
	rsec_prune(doc);

	if (ri->samples && ri->samples->rows) {
		start = fmin(start, ri->samples->start);
		end = fmax(end, ri->samples->end);
		hosts = ri->samples->nh + ri->samples->more_hosts;
	}
	if (ri->runs && ri->runs->rows && isfinite(ri->runs->start)) {
		start = fmin(start, ri->runs->start);
		end = fmax(end, ri->runs->end);
	}
	if (hosts == 0)
		json_array_foreach(ri->findings, i, o)
			hosts += json_array_size(json_object_get(
			    json_object_get(o, "doc"), "hosts"));
	if (hosts == 0 && ri->runs && ri->runs->rows)
		hosts = 1;
	if (json_array_size(lines) == 0)
		json_array_append_new(lines, json_string("nothing to report: "
		    "the inputs hold no rows"));
	xjsonio_set(summ, "lines", lines);
	xjsonio_set(summ, "hosts", json_integer((json_int_t)hosts));
	xjsonio_set(summ, "start", isfinite(start) ? json_real(start) :
	    json_null());
	xjsonio_set(summ, "end", isfinite(end) ? json_real(end) : json_null());
	xjsonio_set(summ, "regressions", anycmp ? json_integer(regressions) :
	    json_null());
	if (!json_object_get(summ, "worst_severity"))
		xjsonio_set(summ, "worst_severity", json_null());
	if (!json_object_get(summ, "lowest_score"))
		xjsonio_set(summ, "lowest_score", json_null());
	xjsonio_set(summ, "verdict", verdict ? json_string(verdict) :
	    json_null());
	title = ri->title ? xstrdup(ri->title) : default_title(ri, start);
	xjsonio_set(doc, "title", rsec_str(*title ? title : "perfpipe report"));
	free(title);
	(void)j;
	return doc;
}

