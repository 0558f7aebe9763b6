/* thresholds.c - libFuzzer target (lf-cmd: perf-bottleneck):
 * perf-bottleneck's thresholds, a CSV file (rules_load) and the
 * --threshold text (rules_set, the input's first line), on top of the
 * built-in rules. */
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "lfutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rules rs;
	struct perr e;
	const uint8_t *nl = memchr(data, '\n', size);
	char *spec = lf_str(data, nl ? (size_t)(nl - data) : size);

	rules_defaults(&rs);
	(void)rules_set(&rs, spec, &e);
	(void)rules_load(&rs, lf_file(0, data, size), &e);
	(void)rules_match(&rs, "cpu_busy_pct");
	rules_free(&rs);
	free(spec);
	return 0;
}
