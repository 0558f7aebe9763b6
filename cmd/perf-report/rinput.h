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

#endif
