/* test_trendfmt.c - group labels, tidy CSV rows and text tables from a
 * trend document. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "trendfmt.h"
#include "trendtext.h"

static char *
render(const json_t *doc, int text)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (text)
		trendtext_write(doc, NULL, fp, 0, 0);
	else
		trendfmt_csv(doc, fp);
	fclose(fp);
	return buf;
}

int
main(void)
{
	json_t *doc, *g;
	char *s;

	g = json_loads("{\"host\": \"a\", \"keys\": {\"name\": \"x,y\", "
	    "\"param_n\": \"\"}}", 0, NULL);
	s = trendfmt_label(g, 0);
	tap_str(s, "host=a;name=x,y", "label skips empty keys");
	free(s);
	json_decref(g);
	g = json_loads("{\"host\": \"\", \"keys\": {}}", 0, NULL);
	s = trendfmt_label(g, 0);
	tap_str(s, "all", "label of no keys");
	free(s);
	json_decref(g);

	doc = json_loads("{\"groups\": [{\"host\": \"\", \"keys\": {\"name\": "
	    "\"a\"}, \"rows\": 2, \"metrics\": {\"wall_s\": {\"n\": 2, "
	    "\"mean\": 1.5, \"sd\": null, \"mean_ci\": {\"lo\": 1, \"hi\": 2}, "
	    "\"notes\": [\"say, \\\"so\\\"\"], \"quantiles\": \"exact\"}}}], "
	    "\"geomean\": {\"wall_s\": {\"value\": 1.5}}, \"comparisons\": "
	    "[{\"host\": \"\", \"keys\": {}, \"metric\": \"wall_s\", "
	    "\"verdict\": \"unchanged\"}]}", 0, NULL);
	s = render(doc, 0);
	tap_str(s, "group,metric,statistic,value\n"
	    "name=a,wall_s,n,2\n"
	    "name=a,wall_s,mean,1.5\n"
	    "name=a,wall_s,sd,\n"
	    "name=a,wall_s,mean_ci.lo,1\n"
	    "name=a,wall_s,mean_ci.hi,2\n"
	    "name=a,wall_s,notes.0,\"say, \"\"so\"\"\"\n"
	    "name=a,wall_s,quantiles,exact\n"
	    "*,wall_s,geomean.value,1.5\n"
	    "all,wall_s,compare.verdict,unchanged\n", "tidy CSV");
	free(s);
	s = render(doc, 1);
	tap_ok(strstr(s, "name=a  wall_s  2        -   1.5  ±33.3%") != NULL,
	    "text table row: %s", s);
	tap_ok(strstr(s, "# comparison") != NULL, "text comparison section");
	free(s);
	json_decref(doc);
	return tap_done();
}
