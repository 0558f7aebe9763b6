/* import.c - libFuzzer target (lf-cmd: perf-import): the importers of
 * hyperfine's --export-json and sysstat's sadf -j (the input as JSON) and
 * sadf -d (the input as semicolon CSV), each fed the same bytes. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "hfimport.h"
#include "lfutil.h"
#include "sadfimport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Runs one importer on a fresh table, as perf-import does per file. */
static void
one(int which, const json_t *doc, FILE *fp)
{
	struct import_opts o = { "fuzz", NULL, 1767225600 };
	struct import_skipped sk = { NULL, 0 };
	struct wide w;
	struct perr e;

	wide_init(&w);
	if (which == 0)
		(void)hfimport_json(doc, &o, &w, &sk, &e);
	else if (which == 1)
		(void)sadfimport_json(doc, &o, &w, &sk, &e);
	else
		(void)sadfimport_csv(fp, &o, &w, &sk, &e);
	free(import_skipped_list(&sk));
	import_skipped_free(&sk);
	wide_free(&w);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t err;
	json_t *doc;
	FILE *fp;

	if ((doc = json_loadb((const char *)data, size, JSON_DECODE_ANY,
	    &err)) != NULL) {
		one(0, doc, NULL);
		one(1, doc, NULL);
		json_decref(doc);
	}
	if ((fp = fopen(lf_file(0, data, size), "r")) != NULL) {
		one(2, NULL, fp);
		fclose(fp);
	}
	return 0;
}
