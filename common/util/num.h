/* num.h - numbers in data: strict, fast parsing of CSV fields and
 * deterministic formatting ('.' as the decimal point whatever the locale). */
#ifndef NUM_H
#define NUM_H

#include <stddef.h>

/*
 * Parses the whole of s[0..len) as a finite decimal number (optional sign,
 * digits, fraction, exponent).  Returns 1 and stores the value; 0 when the
 * field is empty (a missing value); -1 when it is not a number ("abc",
 * "1.2.3", "nan", "inf", hex, blanks); -2 when it is a number a double
 * cannot hold ("1e400", or "1e-400", which would become 0).  Plain decimals of up to 19 digits
 * take an exact fast path; the rest go through strtod.
 */
int num_parse(const char *s, size_t len, double *out);
/*
 * num_parse for a field that can be read NUM_FIELD_PAD bytes from s,
 * whatever len (csvread's fields can): the same answers, with the digits
 * of a short field (at most 8 bytes after its sign) converted eight at a
 * time rather than one by one.
 */
#define NUM_FIELD_PAD 16
int num_parse_field(const char *s, size_t len, double *out);

/*
 * Formats v with at most `decimals` digits after the point, trailing zeros
 * removed ("12.5", "3", "-0.001"); NaN gives the empty string.  Returns buf.
 * buf should hold at least NUM_BUFSZ bytes.
 */
#define NUM_BUFSZ 64
char *num_fmt(char *buf, double v, int decimals);
/* Formats v with `sig` significant digits, plain notation where the
 * exponent is moderate, as %g would otherwise; NaN gives "".  Returns buf. */
char *num_fmt_sig(char *buf, double v, int sig);
/* v rounded to sig significant digits (NaN and infinities as they are):
 * for figures whose own error makes further digits noise. */
double num_round_sig(double v, int sig);

#endif
