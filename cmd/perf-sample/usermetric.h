/* usermetric.h - columns the user names (--metric, --metric-cmd): a number
 * read from a file, or printed by a command, at each sample. */
#ifndef USERMETRIC_H
#define USERMETRIC_H

#include <stddef.h>

#include "sampler.h"
#include "util/perr.h"

struct usermetric {
	char *name;		/* the column */
	char *costname;		/* a command's NAME_cmd_s, else NULL */
	char *path;		/* a file, or NULL */
	char *field;		/* in the file: NULL the first number, digits
				 * the Nth word, else the number after KEY */
	char **argv;		/* a command, or NULL */
	int fd;			/* a kept /proc or /sys file, -1: none */
	double v, cost;		/* the latest value and command time; NaN:
				 * unknown */
	int warned;		/* the reasons already said (bits) */
};

struct usermetrics {
	struct usermetric *m;
	size_t n;
	double timeout;		/* a command's limit, seconds */
	double interval;	/* the sampling interval, for the warning */
};

/*
 * Adds a metric from the text of --metric (cmd 0: NAME=PATH[:FIELD]) or
 * --metric-cmd (cmd 1: NAME=COMMAND, split into words as sh would, without
 * a shell).  Returns 0, or -1 with why in e: a name that is not
 * snake_case, given twice, no '=', an empty path, a command with an
 * unterminated quote.
 */
int usermetric_add(struct usermetrics *u, const char *spec, int cmd,
    struct perr *e);
/* Reads every metric now: files read, commands run (each at most
 * u->timeout, then killed); an unreadable file, a failed or killed
 * command, output with no number give NaN, with a warning the first time
 * for each reason. */
void usermetric_sample(struct usermetrics *u);
/* Adds the columns (declaring: NAME, and NAME_cmd_s for a command) with
 * the latest values. */
void usermetric_put(const struct usermetrics *u, struct sampler_row *r);
void usermetric_free(struct usermetrics *u);

/* The number in text t[0..n) picked by field (see struct usermetric), NaN
 * when there is none.  For the tests. */
double usermetric_pick(const char *t, size_t n, const char *field);

#endif
