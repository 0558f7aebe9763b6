/* psi.c - pressure stall information files (psi.h). */
#include <math.h>
#include <string.h>

#include "sys/procfile.h"
#include "sys/psi.h"

const char *const psi_names[PSI_N] = { "cpu", "memory", "io" };

int
psi_parse(const char *text, size_t len, struct psi *ps)
{
	const char *p = text, *end = text + len, *q, *eol;
	double *avg;
	uint64_t *tot;
	int line = 1;

	ps->some_avg10 = ps->full_avg10 = NAN;
	ps->some_total = ps->full_total = PROCFILE_NONE;
	for (; p < end; p = eol, line++) {
		/* Each line is read up to its own end: a line without total=
		 * must not take the next line's. */
		eol = procfile_scan_nextline(p, end);
		if ((q = procfile_scan_key(p, eol, "some avg10=", 11)) != NULL) {
			avg = &ps->some_avg10, tot = &ps->some_total;
		} else if ((q = procfile_scan_key(p, eol, "full avg10=", 11)) != NULL) {
			avg = &ps->full_avg10, tot = &ps->full_total;
		} else if (*p == '\n') {
			continue;
		} else {
			return -line;
		}
		if ((q = procfile_scan_dec(q, eol, avg)) == NULL)
			return -line;
		q = memchr(q, 't', (size_t)(eol - q));
		if (q == NULL || (q = procfile_scan_key(q, eol, "total=", 6)) == NULL ||
		    procfile_scan_u64(q, eol, tot) == NULL)
			return -line;
	}
	return 0;
}
