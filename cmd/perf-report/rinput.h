/* rinput.h - what each input file is: CSV told by its header (samples,
 * runs), JSON by its "format" tag (trend, findings, validation). */
#ifndef RINPUT_H
#define RINPUT_H

#include <jansson.h>

#include "util/perr.h"

enum rkind { RK_SAMPLES, RK_RUNS, RK_TREND, RK_FINDINGS, RK_VALIDATION };

struct rinput {
	char *name;		/* as given; "<stdin>" for standard input */
	char *path;		/* where to read it (stdin is copied to a file) */
	enum rkind kind;
	json_t *doc;		/* the JSON document, NULL for CSV */
	long rows;		/* CSV rows, counted when read; -1 for JSON */
};

/* The format's name as the schemas spell it ("samples", "trend"). */
const char *rinput_kind_name(enum rkind k);

/*
 * Recognises arg ("-" is standard input, copied into workdir).  Returns 0
 * and fills in, or -1 with "FILE: message" (or "FILE:LINE: message") in e:
 * a file that cannot be read, an empty input, malformed JSON, a JSON
 * document of another program or major version, a CSV that is neither
 * samples nor runs (in then holds nothing to free).
 */
int rinput_open(const char *arg, const char *workdir, struct rinput *in,
    struct perr *e);
void rinput_free(struct rinput *in);

/* The inputs of kind k (k2 too, unless it is k): their paths and names
 * (new arrays, NULL-terminated); with cover (not RK_SAMPLES), only those
 * no given document of that kind was made from (its "inputs" name them):
 * those are derived.  Returns how many. */
size_t rinput_of_kind(struct rinput *in, size_t nin, enum rkind k,
    enum rkind k2, enum rkind cover, char ***paths, const char ***names);
/* Warns of each given document made from none of the nraw raw files
 * given beside it: its figures are about other files. */
void rinput_unrelated(const struct rinput *in, size_t nin, size_t nraw);
/* The path of standard input's copy, or NULL when it is no input. */
const char *rinput_stdin(const struct rinput *in, size_t nin);
/* Renames the copy (path, n bytes) <stdin> in every string of v that
 * starts with it; returns whether any changed. */
int rinput_rename_stdin(json_t *v, const char *path, size_t n);

#endif
