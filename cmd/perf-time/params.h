/* params.h - parameter scans for benchmarks: named lists ("n=1,10,100")
 * and numeric ranges ("n=1:100:10"), their cartesian product, and {n}
 * substituted in command text. */
#ifndef PARAMS_H
#define PARAMS_H

#include <stddef.h>

#include "util/perr.h"

struct param {
	char *name;
	char **values;	/* as text, in order */
	size_t nvalues;
};

struct params {
	struct param *p;	/* in the order given */
	size_t n;
};

void params_init(struct params *ps);
void params_free(struct params *ps);

/*
 * Adds a parameter from "NAME=V1,V2,..." (a list of words) or
 * "NAME=MIN:MAX[:STEP]" (numbers from MIN up to MAX inclusive, STEP 1 by
 * default; integers stay integers).  Returns 0, or -1 with the reason in e
 * for a bad name (letters, digits, '_', not starting with a digit), a
 * repeated name, an empty list or value, a bad number, MAX below MIN, a
 * step that is not positive, or more than a million values.
 */
int params_add(struct params *ps, const char *spec, struct perr *e);
/* The same from a name and a comma-separated list (hyperfine's -L). */
int params_add_list(struct params *ps, const char *name, const char *list,
    struct perr *e);
/* The same from a name and a range (hyperfine's -P, -D); step may be NULL. */
int params_add_range(struct params *ps, const char *name, const char *min,
    const char *max, const char *step, struct perr *e);

/* The number of combinations: the product of the value counts, 1 when
 * there is no parameter, 0 if the product would overflow. */
size_t params_count(const struct params *ps);
/* Stores in vals[i] the value of parameter i in combination k (0-based;
 * the first parameter varies slowest).  The strings are ps's. */
void params_combo(const struct params *ps, size_t k, const char **vals);

/*
 * Returns a new string: s with each {NAME} replaced by that parameter's
 * value in vals.  When there are parameters, a {NAME} (a name as above)
 * that is none of them is an error (-1 reported as NULL, the reason in e);
 * with no parameters s is copied as it is.  Other braces stay as they are.
 * Free the result.
 */
char *params_subst(const struct params *ps, const char *const *vals,
    const char *s, struct perr *e);

/* Returns 1 when s holds a {NAME} of some parameter. */
int params_used(const struct params *ps, const char *s);

#endif
