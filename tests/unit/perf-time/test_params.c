/* test_params.c - parameter lists, ranges, combinations, substitution. */
#include <stdlib.h>
#include <string.h>

#include "params.h"
#include "tap.h"

/* The values of parameter i joined by '|'. */
static const char *
values(const struct params *ps, size_t i)
{
	static char buf[512];
	size_t j;

	buf[0] = '\0';
	for (j = 0; j < ps->p[i].nvalues; j++)
		strcat(strcat(buf, j ? "|" : ""), ps->p[i].values[j]);
	return buf;
}

/* Adds spec expecting failure; returns the message. */
static const char *
bad(const char *spec)
{
	static struct perr e;
	struct params ps;

	params_init(&ps);
	e.msg[0] = '\0';
	if (params_add(&ps, spec, &e) == 0)
		strcpy(e.msg, "(accepted)");
	tap_int((long long)ps.n, 0, "a refused parameter is not kept");
	params_free(&ps);
	return e.msg;
}

int
main(void)
{
	struct params ps;
	struct perr e;
	const char *vals[4];
	char *s;

	params_init(&ps);
	tap_int((long long)params_count(&ps), 1, "no parameter: one combination");
	s = params_subst(&ps, vals, "awk '{x}' {print}", &e);
	tap_str(s, "awk '{x}' {print}", "no parameter: braces left alone");
	free(s);

	tap_int(params_add(&ps, "n=1,10,100", &e), 0, "a list");
	tap_str(values(&ps, 0), "1|10|100", "its values");
	tap_int(params_add(&ps, "x=0:1:0.25", &e), 0, "a range with a step");
	tap_str(values(&ps, 1), "0|0.25|0.5|0.75|1", "fractions counted by index");
	tap_int(params_add_range(&ps, "k", "1", "3", NULL, &e), 0, "-P");
	tap_str(values(&ps, 2), "1|2|3", "step 1 by default, integers");
	tap_int(params_add_list(&ps, "w", "a b", &e), 0, "-L");
	tap_int((long long)params_count(&ps), 3 * 5 * 3 * 1, "the product");
	params_combo(&ps, 0, vals);
	tap_str(vals[0], "1", "combination 0: first value of each");
	params_combo(&ps, 44, vals);
	tap_ok(strcmp(vals[0], "100") == 0 && strcmp(vals[1], "1") == 0 &&
	    strcmp(vals[2], "3") == 0, "the last combination: last values");
	params_combo(&ps, 3, vals);
	tap_ok(strcmp(vals[0], "1") == 0 && strcmp(vals[1], "0.25") == 0 &&
	    strcmp(vals[2], "1") == 0, "the last parameter varies fastest");

	params_combo(&ps, 44, vals);
	s = params_subst(&ps, vals, "run {n} {x}{k} '{w}' {} {1} { n}", &e);
	tap_str(s, "run 100 13 'a b' {} {1} { n}", "substitution, others kept");
	free(s);
	tap_ok(params_subst(&ps, vals, "echo {m}", &e) == NULL, "unknown name");
	tap_str(e.msg, "'{m}' in 'echo {m}': no such parameter", "names it");
	tap_int(params_used(&ps, "a {k} b"), 1, "used");
	tap_int(params_used(&ps, "a {z} b"), 0, "not used");

	tap_int(params_add(&ps, "n=5", &e), -1, "a repeated name");
	tap_str(e.msg, "parameter 'n': given twice", "is refused");
	params_free(&ps);
	tap_int((long long)ps.n, 0, "freed");

	tap_str(bad("n="), "parameter 'n': empty list", "empty list");
	tap_str(bad("n=1,,2"), "parameter 'n': empty value in '1,,2'",
	    "empty value");
	tap_str(bad("n=a:b"), "parameter 'n': minimum 'a': not a number",
	    "bad minimum");
	tap_str(bad("n=5:1"), "parameter 'n': maximum '1' below minimum '5'",
	    "descending");
	tap_str(bad("n=1:5:-1"), "parameter 'n': step '-1': not positive",
	    "negative step");
	tap_str(bad("n=0:1e9"), "parameter 'n': more than 1000000 values",
	    "too many values");
	tap_str(bad("9n=1"), "parameter name '9n': not a name (letters, digits,"
	    " '_')", "bad name");
	tap_str(bad("=1"), "parameter name '': not a name (letters, digits,"
	    " '_')", "empty name");
	tap_str(bad("n"), "parameter 'n': not NAME=LIST or NAME=MIN:MAX[:STEP]",
	    "no '='");
	tap_str(bad("n=1:2:0.3:4"), "parameter 'n': step '0.3:4': not a number",
	    "too many colons");

	/* One value; a range of one; a list that looks like a range. */
	params_init(&ps);
	tap_int(params_add(&ps, "a=7:7", &e), 0, "min == max");
	tap_str(values(&ps, 0), "7", "one value");
	tap_int(params_add(&ps, "t=1:00,2:00", &e), 0, "commas make a list");
	tap_str(values(&ps, 1), "1:00|2:00", "times kept as words");
	params_free(&ps);
	return tap_done();
}
