/* num.c - strict, fast number parsing and deterministic formatting. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"

/* Powers of ten that a double holds exactly. */
static const double pow10_exact[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* The slow path: strtod on a NUL-terminated copy, checked end to end. */
static int
parse_slow(const char *s, size_t len, double *out)
{
	char tmp[128], *e;
	double v;

	if (len >= sizeof tmp)
		return -1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	errno = 0;
	v = strtod(tmp, &e);
	if (e != tmp + len)
		return -1;
	/* Beyond a double either way: 1e400, or 1e-400 gone to zero. */
	if (!isfinite(v) || (errno == ERANGE && v == 0))
		return -2;
	*out = v;
	return 1;
}

/* Any number num_parse takes: digits counted as they come, leading zeros
 * aside, an exponent read. */
static int
parse_general(const char *s, size_t len, double *out)
{
	const char *p = s, *end = s + len;
	uint64_t mant = 0;
	int neg = 0, ndig = 0, frac = 0, exp10 = 0, any = 0;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; p < end && *p >= '0' && *p <= '9'; p++, any = 1)
		if (mant || *p != '0') {
			if (++ndig > 19)
				goto slow;
			mant = mant * 10 + (uint64_t)(*p - '0');
		}
	if (p < end && *p == '.')
		for (p++; p < end && *p >= '0' && *p <= '9'; p++, any = 1) {
			frac++;
			if (mant || *p != '0') {
				if (++ndig > 19)
					goto slow;
				mant = mant * 10 + (uint64_t)(*p - '0');
			}
		}
	if (!any)
		return -1;
	if (p < end && (*p == 'e' || *p == 'E')) {
		int eneg = 0, edig = 0;

		p++;
		if (p < end && (*p == '-' || *p == '+'))
			eneg = *p++ == '-';
		for (; p < end && *p >= '0' && *p <= '9'; p++)
			if (++edig < 6)
				exp10 = exp10 * 10 + (*p - '0');
		if (edig == 0 || edig >= 6)
			return edig == 0 ? -1 : parse_slow(s, len, out);
		if (eneg)
			exp10 = -exp10;
	}
	if (p != end)
		return -1;
	exp10 -= frac;
	/* Exact when the mantissa and the power of ten are both exact doubles:
	 * one correctly rounded operation (Clinger's fast path). */
	if (mant <= (UINT64_C(1) << 53) && exp10 >= -22 && exp10 <= 22) {
		double v = (double)mant;

		v = exp10 < 0 ? v / pow10_exact[-exp10] : v * pow10_exact[exp10];
		*out = neg ? -v : v;
		return 1;
	}
slow:
	/* Only digits, sign, point and exponent reach here; strtod decides.
	 * s need not be NUL-terminated at len (strspn would read past it). */
	for (p = s; p < end; p++)
		if (!memchr("0123456789+-.eE", *p, 15))
			return -1;
	return parse_slow(s, len, out);
}

char *
num_fmt(char *buf, double v, int decimals)
{
	char *p;

	if (isnan(v) || isinf(v)) {
		buf[0] = '\0';
		return buf;
	}
	/* A value too long for "%f" in the buffer (1e300 has 301 digits) is
	 * written in an exact exponent form, never cut short. */
	if (snprintf(buf, NUM_BUFSZ, "%.*f", decimals, v) >= NUM_BUFSZ) {
		snprintf(buf, NUM_BUFSZ, "%.17g", v);
		return buf;
	}
	if (strchr(buf, '.') != NULL) {
		p = buf + strlen(buf) - 1;
		while (*p == '0')
			*p-- = '\0';
		if (*p == '.')
			*p = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return buf;
}

char *
num_fmt_sig(char *buf, double v, int sig)
{
	double a = fabs(v);
	int mag, dec;

	if (isnan(v) || isinf(v)) {
		buf[0] = '\0';
		return buf;
	}
	if (a == 0)
		return strcpy(buf, "0");
	mag = (int)floor(log10(a));
	if (mag < -6 || mag >= 15) {
		snprintf(buf, NUM_BUFSZ, "%.*g", sig, v);
		return buf;
	}
	dec = sig - 1 - mag;
	return num_fmt(buf, v, dec < 0 ? 0 : dec);
}

double
num_round_sig(double v, int sig)
{
	char buf[NUM_BUFSZ];
	double r;

	if (!isfinite(v) || v == 0)
		return v;
	snprintf(buf, sizeof buf, "%.*e", sig - 1, v);
	return num_parse(buf, strlen(buf), &r) == 1 ? r : v;
}

/*
 * The common case first, in a loop of one test a digit: [sign] digits
 * [. digits], 19 digits at most, no exponent, as perf-sample and perf-time
 * write numbers (it was a tenth of perf-trend's time).  Anything else
 * goes the general way.  The same answers either way: the mantissa and
 * the power of ten are exact, and one division rounds them correctly.
 */
int
num_parse(const char *s, size_t len, double *out)
{
	const char *p = s, *end = s + len, *d;
	uint64_t mant = 0;
	size_t nint, nfrac = 0;
	double v;
	int neg = 0;

	if (len == 0)
		return 0;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (d = p; p < end && (unsigned)(*p - '0') < 10; p++)
		mant = mant * 10 + (uint64_t)(*p - '0');
	nint = (size_t)(p - d);
	if (p < end && *p == '.') {
		for (d = ++p; p < end && (unsigned)(*p - '0') < 10; p++)
			mant = mant * 10 + (uint64_t)(*p - '0');
		nfrac = (size_t)(p - d);
	}
	if (p != end || nint + nfrac > 19 || nint + nfrac == 0 ||
	    mant > (UINT64_C(1) << 53) || nfrac > 22)
		return parse_general(s, len, out);
	v = nfrac ? (double)mant / pow10_exact[nfrac] : (double)mant;
	*out = neg ? -v : v;
	return 1;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS (ONES << 7)
#define ZEROS (ONES * '0')

/* The low n bytes of a word (n 0 to 8). */
static uint64_t
low_bytes(size_t n)
{
	return n >= 8 ? ~UINT64_C(0) : (UINT64_C(1) << (8 * n)) - 1;
}

/* 0x80 in each byte of w that is zero, exactly (no borrow between
 * bytes, unlike the shorter test for whether there is one). */
static uint64_t
zero_bytes(uint64_t w)
{
	uint64_t low7 = ~HIGHS;

	return ~(((w & low7) + low7) | w | low7);
}

/*
 * The value of the m digits in the low bytes of w (1 <= m <= 8, the
 * first digit in the lowest byte, as loaded from memory), or -1 if a byte
 * is not a digit.  Lemire's eight digits at a time: three multiplies.
 */
static int64_t
swar_digits(uint64_t w, size_t m)
{
	uint64_t v;

	/* Right-aligned behind leading '0's: "123" as "00000123". */
	v = (w << (8 * (8 - m))) | (m == 8 ? 0 : ZEROS >> (8 * m));
	/* Any byte outside '0'..'9': below it borrows, above it carries
	 * into its high bit (the lowest such byte is always caught). */
	if (((v + ONES * 0x46) | (v - ZEROS)) & HIGHS)
		return -1;
	v -= ZEROS;
	v = v * 10 + (v >> 8);
	v = ((v & UINT64_C(0x000000FF000000FF)) * (100 + (UINT64_C(1000000) << 32)) +
	    ((v >> 16) & UINT64_C(0x000000FF000000FF)) * (1 + (UINT64_C(10000) << 32))) >> 32;
	return (int64_t)v;
}

int
num_parse_field(const char *s, size_t len, double *out)
{
	const char *p = s;
	uint64_t w, dots, lo;
	size_t m = len, q, nd, nfrac = 0;
	int64_t mant;
	double v;
	int neg = 0;

	if (len == 0)
		return 0;
	if (*p == '-' || *p == '+') {
		neg = *p++ == '-';
		m--;
	}
	if (m == 0 || m > 8)
		return num_parse(s, len, out);
	memcpy(&w, p, 8);	/* within NUM_FIELD_PAD of s */
	w &= low_bytes(m);
	dots = zero_bytes(w ^ (ONES * '.')) & low_bytes(m) & HIGHS;
	nd = m;
	if (dots) {
		if (dots & (dots - 1))
			return num_parse(s, len, out);	/* two points */
		q = (size_t)__builtin_ctzll(dots) / 8;
		/* The point taken out: the bytes above it shifted down. */
		lo = w & low_bytes(q);
		w = q == 7 ? lo : lo | ((w >> (8 * (q + 1))) << (8 * q));
		nd = m - 1;
		nfrac = nd - q;
		if (nd == 0)
			return num_parse(s, len, out);	/* "." alone */
	}
	if ((mant = swar_digits(w, nd)) < 0)
		return num_parse(s, len, out);	/* not plain: exponent, junk */
	v = nfrac ? (double)mant / pow10_exact[nfrac] : (double)mant;
	*out = neg ? -v : v;
	return 1;
}
#else
int
num_parse_field(const char *s, size_t len, double *out)
{
	return num_parse(s, len, out);
}
#endif
