/* jsonbin.c - JSON values in a binary form: see jsonbin.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonbin.h"
#include "util/xalloc.h"

void
jsonbin_put(struct jsonbin *r, const void *p, size_t n)
{
	if (r->len + n > r->cap) {
		r->cap = (r->len + n) * 2;
		r->b = xreallocarray(r->b, r->cap, 1);
	}
	memcpy(r->b + r->len, p, n);
	r->len += n;
}

static void
put_str(struct jsonbin *r, const char *s, size_t n)
{
	uint32_t u = (uint32_t)n;

	jsonbin_put(r, &u, 4);
	jsonbin_put(r, s, n);
}

void
jsonbin_enc(struct jsonbin *r, const json_t *v)
{
	const char *k;
	json_t *x;
	json_int_t iv;
	double d;
	uint32_t u;
	size_t i;
	char t;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		jsonbin_put(r, "o", 1);
		u = (uint32_t)json_object_size(v);
		jsonbin_put(r, &u, 4);
		json_object_foreach((json_t *)v, k, x) {
			put_str(r, k, strlen(k));
			jsonbin_enc(r, x);
		}
		break;
	case JSON_ARRAY:
		jsonbin_put(r, "a", 1);
		u = (uint32_t)json_array_size(v);
		jsonbin_put(r, &u, 4);
		json_array_foreach(v, i, x)
			jsonbin_enc(r, x);
		break;
	case JSON_STRING:
		jsonbin_put(r, "s", 1);
		put_str(r, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		iv = json_integer_value(v);
		jsonbin_put(r, "i", 1);
		jsonbin_put(r, &iv, sizeof iv);
		break;
	case JSON_REAL:
		d = json_real_value(v);
		jsonbin_put(r, "r", 1);
		jsonbin_put(r, &d, sizeof d);
		break;
	default:
		t = json_is_true(v) ? 't' : json_is_false(v) ? 'f' : 'n';
		jsonbin_put(r, &t, 1);
		break;
	}
}

json_t *
jsonbin_dec(const char **p, const char *end)
{
	json_t *v = NULL, *x;
	json_int_t iv;
	uint32_t u, i, n;
	const char *k;
	double d;
	char t;

#define NEED(m) do { if ((size_t)(end - *p) < (size_t)(m)) goto bad; } while (0)
	NEED(1);
	t = *(*p)++;
	switch (t) {
	case 'o':
	case 'a':
		NEED(4);
		memcpy(&n, *p, 4);
		*p += 4;
		v = t == 'o' ? json_object() : json_array();
		for (i = 0; i < n; i++) {
			k = NULL;
			if (t == 'o') {
				NEED(4);
				memcpy(&u, *p, 4);
				NEED(4 + (size_t)u);
				k = *p + 4;
				*p += 4 + u;
			}
			if ((x = jsonbin_dec(p, end)) == NULL)
				goto bad;
			if (k ? json_object_setn_new_nocheck(v, k, u, x) :
			    json_array_append_new(v, x))
				xoom();
		}
		return v;
	case 's':
		NEED(4);
		memcpy(&u, *p, 4);
		NEED(4 + (size_t)u);
		v = json_stringn_nocheck(*p + 4, u);
		*p += 4 + u;
		break;
	case 'i':
		NEED(sizeof iv);
		memcpy(&iv, *p, sizeof iv);
		*p += sizeof iv;
		v = json_integer(iv);
		break;
	case 'r':
		NEED(sizeof d);
		memcpy(&d, *p, sizeof d);
		*p += sizeof d;
		v = json_real(d);
		break;
	case 't':
	case 'f':
	case 'n':
		v = t == 't' ? json_true() : t == 'f' ? json_false() :
		    json_null();
		break;
	default:
		goto bad;
	}
#undef NEED
	if (v == NULL)
		xoom();
	return v;
bad:
	json_decref(v);
	return NULL;
}
