/* test_jsonbin.c - JSON values through perf-validate's binary form: the
 * same value back, bit for bit for reals, keys in order, strings with
 * NULs; a cut-short or foreign record is refused, never read past. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsonbin.h"
#include "tap.h"

/* v encoded and decoded: a new reference, or NULL. */
static json_t *
round_trip(const json_t *v, size_t *len)
{
	struct jsonbin b = { NULL, 0, 0 };
	const char *p;
	json_t *w;

	jsonbin_enc(&b, v);
	p = b.b;
	w = jsonbin_dec(&p, b.b + b.len);
	if (p != b.b + b.len) {
		json_decref(w);
		w = NULL;
	}
	*len = b.len;
	free(b.b);
	return w;
}

int
main(void)
{
	json_t *v, *w, *o;
	struct jsonbin b = { NULL, 0, 0 };
	const char *p;
	char *s1, *s2;
	size_t len, cut, bad = 0;
	double reals[] = { 0.1, -0.0, 1e-308, 4.9e-324, 1.7976931348623157e308,
	    -123456.789012345678, 1.0 / 3 };
	size_t i;

	v = json_pack("{s:s, s:I, s:f, s:b, s:n, s:[f, s, {}], s:{s:f, s:n}}",
	    "name", "cv", "big", (json_int_t)-9007199254740993LL, "r", 0.1,
	    "t", 1, "z", "a", 2.5, "x", "expected", "min", 1.0, "max");
	json_object_set_new(v, "nul", json_stringn("a\0b", 3));
	w = round_trip(v, &len);
	tap_ok(w != NULL && json_equal(v, w), "an object of every type back whole");
	s1 = json_dumps(v, JSON_PRESERVE_ORDER);
	s2 = w ? json_dumps(w, JSON_PRESERVE_ORDER) : NULL;
	tap_ok(s2 != NULL && strcmp(s1, s2) == 0, "its keys in their order");
	tap_int(w ? (long long)json_string_length(json_object_get(w, "nul")) : 0,
	    3, "a string with a NUL keeps its length");
	tap_ok(w != NULL && json_is_integer(json_object_get(w, "big")) &&
	    json_integer_value(json_object_get(w, "big")) ==
	    -9007199254740993LL, "an integer past 2^53 exact");
	free(s1);
	free(s2);
	json_decref(w);

	for (i = 0; i < sizeof reals / sizeof *reals; i++) {
		o = json_real(reals[i]);
		w = round_trip(o, &len);
		bad += w == NULL || !json_is_real(w) ||
		    memcmp(&reals[i], &(double){ json_real_value(w) },
		    sizeof(double)) != 0;
		json_decref(o);
		json_decref(w);
	}
	tap_int((long long)bad, 0, "reals back bit for bit (-0, subnormal, max)");

	/* Every cut of the record is refused within its bytes. */
	jsonbin_enc(&b, v);
	for (cut = 0, bad = 0; cut < b.len; cut++) {
		char *c = malloc(cut ? cut : 1);

		memcpy(c, b.b, cut);
		p = c;
		w = jsonbin_dec(&p, c + cut);
		bad += w != NULL || p > c + cut;
		json_decref(w);
		free(c);
	}
	tap_int((long long)bad, 0, "every cut-short record refused, nothing read past it");
	p = "?";
	tap_ok(jsonbin_dec(&p, p + 1) == NULL, "an unknown tag refused");
	free(b.b);
	json_decref(v);
	return tap_done();
}
