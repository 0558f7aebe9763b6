/* test_num.c - number parsing (fast path against strtod) and formatting. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/num.h"
#include "tap.h"

static void
parses(const char *s, double want)
{
	double v = NAN;

	tap_ok(num_parse(s, strlen(s), &v) == 1 && v == want,
	    "'%s' parses to %.17g", s, want);
}

static void
refused(const char *s)
{
	double v;

	tap_int(num_parse(s, strlen(s), &v), -1, s);
}

int
main(void)
{
	char buf[NUM_BUFSZ], s[64];
	double v;
	int i, same = 1;

	tap_int(num_parse("", 0, &v), 0, "empty field is missing");
	parses("0", 0);
	parses("-0.5", -0.5);
	parses("+3", 3);
	parses("12.25", 12.25);
	parses(".5", 0.5);
	parses("5.", 5);
	parses("1e3", 1000);
	parses("1.5E-3", 1.5e-3);
	parses("0.1", 0.1);
	parses("1712345678.123456", 1712345678.123456);
	parses("123456789012345678901234", 123456789012345678901234.0);
	parses("1e-320", 1e-320);
	parses("4.9406564584124654e-324", 4.9406564584124654e-324);
	refused("abc");
	refused("1.2.3");
	refused("nan");
	refused("inf");
	refused("0x10");
	refused(" 1");
	refused("1 ");
	refused("-");
	refused(".");
	refused("1e");
	refused("1e+");
	tap_int(num_parse("1e999", 5, &v), -2, "1e999: out of range");
	tap_int(num_parse("-1e400", 6, &v), -2, "-1e400: out of range");
	tap_int(num_parse("1e-400", 6, &v), -2, "1e-400: out of range, not 0");
	parses("4.9e-324", 4.9e-324);
	refused("--1");
	/* The fast path must agree with strtod to the last bit. */
	srand(7);
	for (i = 0; i < 200000; i++) {
		double r = (double)rand() / RAND_MAX * pow(10, rand() % 30 - 15);

		snprintf(s, sizeof s, "%.*g", 1 + rand() % 17, r);
		if (num_parse(s, strlen(s), &v) != 1 || v != strtod(s, NULL)) {
			same = 0;
			printf("# differs on '%s'\n", s);
			break;
		}
	}
	tap_ok(same, "200000 random decimals parse exactly as strtod does");
	/* And in the form perf-sample and perf-time write (no exponent), on
	 * both sides of 19 digits and of 2^53, with a sign, a leading or
	 * trailing point, leading zeros. */
	for (i = 0; i < 200000 && same; i++) {
		double r = (double)rand() / RAND_MAX * pow(10, rand() % 24 - 4);
		static const char *const form[] = { "%.*f", "-%.*f", "+%.*f",
		    "0%.*f", "%.*f0" };
		int k = rand() % 5;
		size_t n;

		snprintf(s, sizeof s, form[k], rand() % 22, r);
		n = strlen(s);
		if (i % 7 == 0 && s[n - 1] != '.' && !strchr(s, '.') &&
		    n + 1 < sizeof s)
			strcat(s, ".");			/* "12." */
		if (i % 11 == 0 && strncmp(s, "0.", 2) == 0 && s[2])
			memmove(s, s + 1, strlen(s));	/* ".25" */
		if (num_parse(s, strlen(s), &v) != 1 || v != strtod(s, NULL)) {
			same = 0;
			printf("# differs on '%s'\n", s);
		}
	}
	tap_ok(same, "200000 random plain decimals parse exactly as strtod "
	    "does");

	{
		/* num_parse_field: every short field over an alphabet of what
		 * numbers are made of and what they are not, with bytes of
		 * every kind after it (it reads past len), gives num_parse's
		 * answer to the bit. */
		static const char abc[] = "0123456789.-+eEx 9\x80\xff";
		char f[8 + NUM_FIELD_PAD];
		double a, b;
		size_t n, j, bad = 0, plain = 0;
		int ra, rb;

		for (i = 0; i < 400000; i++) {
			n = (size_t)(rand() % 11);
			for (j = 0; j < sizeof f; j++)
				f[j] = j < n ? abc[rand() % (sizeof abc - 1)] :
				    (char)rand();
			/* Half of them plain: digits and at most one point. */
			if (i % 2)
				for (j = 0; j < n; j++)
					if (f[j] < '0' || f[j] > '9')
						f[j] = j == n / 2 ? '.' : '7';
			if (i % 4 == 1 && n > 0)
				f[0] = '-';
			a = b = -1;
			ra = num_parse_field(f, n, &a);
			rb = num_parse(f, n, &b);
			plain += rb == 1;
			if (ra != rb || (ra == 1 && memcmp(&a, &b, sizeof a))) {
				if (bad++ == 0)
					printf("# differs on '%.*s': %d %.17g "
					    "against %d %.17g\n", (int)n, f, ra,
					    a, rb, b);
			}
		}
		tap_ok(bad == 0 && plain > 150000, "400000 short fields, "
		    "bytes of every kind after them: num_parse_field as "
		    "num_parse to the bit");
		tap_ok(num_parse_field("0.016663xxxxxxxx", 8, &a) == 1 &&
		    a == 0.016663 && num_parse_field("-12345678zzzzzzzz", 9,
		    &b) == 1 && b == -12345678, "num_parse_field: eight "
		    "digits, with a sign");
		tap_ok(num_parse_field("1.2.3...........", 5, &a) == -1 &&
		    num_parse_field("................", 1, &a) == -1 &&
		    num_parse_field("-...............", 1, &a) == -1 &&
		    num_parse_field("1e5.............", 3, &a) == 1 &&
		    a == 1e5, "num_parse_field: two points, a point alone, "
		    "a sign alone refused; an exponent parsed");
	}
	{
		/* Found by tests/fuzz/lf/num: the slow path read past len. */
		char *f = malloc(5);

		memcpy(f, "1e400", 5);
		tap_ok(num_parse(f, 5, &v) == -2, "1e400 unterminated: out of range, "
		    "nothing read past len");
		memcpy(f, "1e40x", 5);
		tap_ok(num_parse(f, 4, &v) == 1 && v == 1e40, "reads len bytes only");
		free(f);
	}
	tap_str(num_fmt(buf, 12.5, 3), "12.5", "fmt trims zeros");
	tap_str(num_fmt(buf, 3, 3), "3", "fmt drops the point");
	tap_str(num_fmt(buf, -0.0001, 3), "0", "fmt -0 is 0");
	tap_str(num_fmt(buf, NAN, 3), "", "fmt NaN is empty");
	tap_str(num_fmt(buf, 1e300, 3), "1.0000000000000001e+300",
	    "fmt 1e300: exact, not cut at the buffer's end");
	tap_str(num_fmt(buf, -1.7976931348623157e308, 6),
	    "-1.7976931348623157e+308", "fmt -DBL_MAX");
	tap_str(num_fmt(buf, 1e20, 2), "100000000000000000000",
	    "fmt 1e20: digits while they fit");
	tap_str(num_fmt(buf, 1712345678.1234567, 6), "1712345678.123457",
	    "fmt epoch time");
	tap_str(num_fmt_sig(buf, 0.000123456, 3), "0.000123", "sig small");
	tap_str(num_fmt_sig(buf, 123456.789, 4), "123457", "sig large");
	tap_str(num_fmt_sig(buf, 1.5e-9, 3), "1.5e-09", "sig tiny uses exponent");
	tap_str(num_fmt_sig(buf, 0, 3), "0", "sig zero");
	tap_ok(num_round_sig(1.08457711443, 4) == 1.085, "round to 4 digits");
	tap_ok(num_round_sig(-0.000123456, 2) == -0.00012, "negative, small");
	tap_ok(num_round_sig(0, 3) == 0 && isnan(num_round_sig(NAN, 3)),
	    "0 and NaN as they are");
	return tap_done();
}
