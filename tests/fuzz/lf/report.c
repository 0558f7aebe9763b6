/* report.c - libFuzzer target (lf-cmd: perf-report): perf-report's readers
 * and renderings without gnuplot.  The input is up to three files split
 * at LF_SEP; each is recognised as perf-report does (rinput: samples or
 * runs CSV by its header, trend, findings or validation JSON by its
 * "format" tag), the CSV rows are read for the charts (rdata), and the
 * document is built (rdoc) and written as text, Markdown and HTML.  The
 * JSON documents are the user's files as given: rdoc walks whatever they
 * hold, which is the surface this target is for. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts.h"
#include "lfutil.h"
#include "rdata.h"
#include "rdoc.h"
#include "rinput.h"
#include "rhtml.h"
#include "rtext.h"

#define MAXIN 3

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What perf-report's add_doc makes of a document given as a file. */
static void
add(json_t *arr, const struct rinput *in)
{
	json_array_append_new(arr, json_pack("{s:s, s:[s], s:O}", "label",
	    "fuzz", "sources", "fuzz", "doc", in->doc));
}

/* The CSV inputs of kind k: their paths and names. */
static size_t
of_kind(const struct rinput *in, size_t nin, enum rkind k, char **paths,
    const char **names)
{
	size_t i, n = 0;

	for (i = 0; i < nin; i++)
		if (in[i].kind == k) {
			paths[n] = in[i].path;
			names[n++] = in[i].name;
		}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rinput in[MAXIN];
	struct rsamples s;
	struct rruns r;
	struct rdoc_in ri;
	struct perr e;
	json_t *trends, *findings, *validations, *doc;
	const uint8_t *p;
	const char *names[MAXIN];
	char *paths[MAXIN], why[256];
	long rows[MAXIN];
	size_t i, n, pos = 0, nin = 0, ns = 0, nr = 0;
	FILE *null;

	while (nin < MAXIN && (p = lf_piece(data, size, &pos, &n)) != NULL) {
		if (rinput_open(lf_file((int)nin, p, n), "/tmp", &in[nin],
		    &e) != 0)
			goto out;
		nin++;
	}
	trends = json_array();
	findings = json_array();
	validations = json_array();
	for (i = 0; i < nin; i++)
		if (in[i].doc)
			add(in[i].kind == RK_TREND ? trends : in[i].kind ==
			    RK_FINDINGS ? findings : validations, &in[i]);
	memset(&s, 0, sizeof s);
	memset(&r, 0, sizeof r);
	if ((nr = of_kind(in, nin, RK_RUNS, paths, names)) > 0 &&
	    rdata_runs(paths, nr, names, rows, &r, &e) != 0)
		goto done;
	if ((ns = of_kind(in, nin, RK_SAMPLES, paths, names)) > 0) {
		const char *const *m = charts_metrics(&n);

		if (rdata_samples(paths, ns, names, m, n, rows, &s, &e) != 0)
			goto done;
	}
	rdoc_in_init(&ri, in, nin, trends, findings, validations,
	    ns ? &s : NULL, nr ? &r : NULL);
	ri.generated = 1767225600;
	ri.options = json_object();
	doc = rdoc_build(&ri);
	if ((null = fopen("/dev/null", "w")) == NULL)
		abort();
	rtext_text(doc, null);
	rtext_md(doc, null);
	(void)rhtml_write(doc, "/tmp", 0, null, why, sizeof why);
	fclose(null);
	json_decref(doc);
done:
	if (nr)
		rdata_runs_free(&r);
	if (ns)
		rdata_samples_free(&s);
	json_decref(trends);
	json_decref(findings);
	json_decref(validations);
out:
	for (i = 0; i < nin; i++)
		rinput_free(&in[i]);
	return 0;
}
