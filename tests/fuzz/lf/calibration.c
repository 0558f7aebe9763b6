/* calibration.c - libFuzzer target (lf-cmd: perf-time): perf-time
 * --calibration FILE, the reader of perf-validate's calibration (a
 * perf-calibration/1 file or a validation document).  Oracles: what it
 * accepts has a spawn floor from 0 to 1 s and a host that is a string. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "timerun.h"
#include "util/perr.h"
#include "lfutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct timerun_cal c;
	struct perr e;

	if (timerun_calibration(lf_file(0, data, size), &c, &e) == 0) {
		if (!(c.floor >= 0 && c.floor <= 1) ||
		    memchr(c.host, '\0', sizeof c.host) == NULL)
			abort();
	} else if (e.msg[0] == '\0') {
		abort();	/* refused without saying why */
	}
	return 0;
}
