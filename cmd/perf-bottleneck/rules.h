/* rules.h - perf-bottleneck's threshold rules: the built-in USE table
 * (node_exporter mixin equivalents and what the mixin lacks), overrides
 * from --threshold and a thresholds CSV (schemas/thresholds). */
#ifndef RULES_H
#define RULES_H

#include <stddef.h>

#include "util/perr.h"

enum { DIR_ABOVE, DIR_BELOW };
enum { KIND_UTIL, KIND_SAT, KIND_ERR, KIND_BUDGET };
enum { SEV_NONE, SEV_INFO, SEV_WARNING, SEV_CRITICAL };

struct rule {
	char *metric;		/* a column name, or a pattern with '*' */
	const char *resource;	/* cpu, memory, swap, disk, network, fd, cgroup,
				 * custom (a rule of the user's own) */
	int kind;		/* KIND_* */
	int dir;		/* DIR_* */
	double warn, crit;	/* levels; NaN when the rule has none */
	double for_s;		/* how long a level must hold before firing */
	double clear;		/* back past it resolves; NaN: the first level */
	const char *label;	/* the metric in words: "CPU busy" */
	const char *source;	/* "default", "--threshold" or a file name */
};

struct rules {
	struct rule *r;
	size_t n;
};

/* Fills rs with the built-in table.  Free with rules_free. */
void rules_defaults(struct rules *rs);
void rules_free(struct rules *rs);

/*
 * Applies "METRIC=WARN,CRIT[,FOR[,CLEAR]]" (an empty level: none; FOR a
 * duration).  The metric must be a built-in rule's, or a column name one
 * of its patterns matches (which adds a rule for that column alone).
 * Returns 0, or -1 with the reason in e.
 */
int rules_set(struct rules *rs, const char *spec, struct perr *e);
/* Applies every row of a thresholds CSV.  Returns 0, or -1 with
 * "file:line: message" in e. */
int rules_load(struct rules *rs, const char *path, struct perr *e);

/* The rule for a column: an exact metric first, then the first pattern
 * that matches; -1 when none. */
long rules_match(const struct rules *rs, const char *col);
/* Whether the pattern (where '*' matches one or more characters) matches. */
int rules_glob(const char *pat, const char *s);

/* The first level a value must pass (warning, else critical), its
 * severity, and the effective clear level. */
double rule_level(const struct rule *r);
int rule_level_sev(const struct rule *r);
double rule_clear(const struct rule *r);
/* Whether v is past the level (v >= level above, v <= level below). */
int rule_past(const struct rule *r, double v, double level);

const char *rules_kind_name(int kind);
const char *rules_sev_name(int sev);
const char *rules_dir_name(int dir);

#endif
