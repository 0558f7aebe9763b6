/* psi.h - pressure stall information: the text of /proc/pressure/{cpu,
 * memory,io} and of a cgroup's {cpu,memory,io}.pressure, the one parser
 * for both. */
#ifndef PSI_H
#define PSI_H

#include <stddef.h>
#include <stdint.h>

/* One pressure file: NaN and PROCFILE_NONE where a line is absent (the
 * cpu file has no "full" line before Linux 5.13). */
struct psi {
	double some_avg10, full_avg10;	/* % */
	uint64_t some_total, full_total;	/* microseconds stalled */
};

/* The three resources, in the order of their files. */
enum { PSI_CPU, PSI_MEMORY, PSI_IO, PSI_N };

/* The names of the resources ("cpu", "memory", "io"), by PSI_*. */
extern const char *const psi_names[PSI_N];

/* Parses the text of a pressure file into p.  Returns 0, or minus the
 * number of the first malformed line (-1 for line 1). */
int psi_parse(const char *text, size_t len, struct psi *p);

#endif
