/* filecheck.c - libFuzzer target (lf-cmd: perf-validate): perf-validate's
 * file mode, the reader of trend, findings, validation and report JSON
 * (jsonio_read on jansson, then format and schema members) and of samples
 * and runs CSV (Table Schema types, time order, gaps, the runs'
 * statistics). The schemas are the repository's (LF_SCHEMAS, set by the
 * build). */
#include <stdlib.h>

#include <jansson.h>

#include "check.h"
#include "filecheck.h"
#include "lfutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct checklist l;
	json_t *in;

	checklist_init(&l);
	in = filecheck_file(lf_file(0, data, size), LF_SCHEMAS, "perf-validate",
	    &l);
	json_decref(in);
	checklist_free(&l);
	return 0;
}
