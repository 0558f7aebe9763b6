/* sampleout.h - writing sample rows: the CSV header and rows (leading
 * text fields, then the numbers of a row), the header check before
 * appending to a file, Prometheus files replaced whole, and the host name
 * and capture time of a /proc tree. */
#ifndef SAMPLEOUT_H
#define SAMPLEOUT_H

#include <stddef.h>

#include "fmt/csvwrite.h"
#include "util/perr.h"
#include "promtext.h"
#include "sampler.h"

/* A reusable line buffer for sampleout_row. */
struct sampleout_line {
	char *p;
	size_t cap;
};

/* Writes the header: the names of the leading fields, then r's columns.
 * Returns 0, or -1 if the stream has an error. */
int sampleout_header(struct csvwrite *w, const char *const *lead, size_t nlead,
    const struct sampler_row *r);

/*
 * Writes one row: the leading fields (quoted by csvwrite where needed),
 * then r's values in r0's formats (r0 declared the columns), NaN as an
 * empty field; the numbers go out in one write.  Returns 0, or -1 if the
 * stream has an error.  Allocates only when the line buffer must grow.
 */
int sampleout_row(struct csvwrite *w, struct sampleout_line *l, const char *const *lead,
    size_t nlead, const struct sampler_row *r0, const struct sampler_row *r);

/*
 * Before appending to path: 1 when it is not a regular file or is empty
 * (the header is still to be written), 0 when its header (read by the CSV
 * reader) names exactly these columns and its last line is whole, -1
 * with "PATH:1: header differs ...", "PATH: the last line has no
 * newline ..." or a read error in e.
 */
int sampleout_check(const char *path, const char *const *lead, size_t nlead,
    const struct sampler_row *r, struct perr *e);

/* Replaces path whole (atomicfile) with the rows in the Prometheus text
 * format (see promtext_write).  Returns 0, or -1 with the reason in e. */
int sampleout_prom(const char *path, const struct sampler_row *const *rows,
    size_t nrows, const struct promtext_label *const *labels, size_t nlabels,
    struct perr *e);

/* The host name of root: ROOT/proc/sys/kernel/hostname, else this
 * machine's.  Writes it into buf and returns buf. */
char *sampleout_hostname(const char *root, char *buf, size_t len);

/* The time a captured tree was taken: ROOT/perfpipe-time, epoch seconds.
 * Returns 0, or -1 with "PATH:1: 'TEXT' is not a time" (or why it cannot
 * be read) in e. */
int sampleout_tree_time(const char *root, double *t, struct perr *e);

#endif
