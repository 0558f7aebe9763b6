/* cli.c - strict number and duration parsing, checked stdout, --version. */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "num.h"

static const struct {
	const char *suffix;
	double scale;
} units[] = {
	{ "ns", 1e-9 }, { "us", 1e-6 }, { "ms", 1e-3 }, { "s", 1 },
	{ "m", 60 }, { "h", 3600 }, { "d", 86400 },
};

/* Parses a finite double that fills s up to end (NULL: the whole string;
 * otherwise the number is the longest run of its characters, and a unit
 * may follow), through the one strict parser of numbers (num.h). */
static int
parse_real(const char *s, const char **end, double *out, char *why,
    size_t whylen)
{
	size_t n = end != NULL ? strspn(s, "0123456789+-.eE") : strlen(s);

	switch (num_parse(s, n, out)) {
	case 1:
		if (end)
			*end = s + n;
		return 0;
	case -2:
		snprintf(why, whylen, "out of range");
		return -1;
	default:
		snprintf(why, whylen, "not a number");
		return -1;
	}
}

int
cli_int(const char *s, long long min, long long max, long long *out,
    char *why, size_t whylen)
{
	char *e;
	long long v;

	if (*s == '\0' || isspace((unsigned char)*s) || *s == '+') {
		snprintf(why, whylen, "not an integer");
		return -1;
	}
	errno = 0;
	v = strtoll(s, &e, 10);
	if (*e != '\0' || e == s) {
		snprintf(why, whylen, "not an integer");
		return -1;
	}
	if (errno == ERANGE || v < min) {
		if (errno == ERANGE && v > 0)
			goto toolarge;
		snprintf(why, whylen, "too small (allowed %lld-%lld)", min, max);
		return -1;
	}
	if (v > max) {
toolarge:
		snprintf(why, whylen, "too large (allowed %lld-%lld)", min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int
cli_double(const char *s, double min, double max, double *out, char *why,
    size_t whylen)
{
	double v;

	if (parse_real(s, NULL, &v, why, whylen) < 0)
		return -1;
	if (v < min || v > max) {
		snprintf(why, whylen, "%s (allowed %g-%g)",
		    v < min ? "too small" : "too large", min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int
cli_duration(const char *s, double min, double max, double *out, char *why,
    size_t whylen)
{
	char lo[32], hi[32];
	const char *e;
	double v, scale = -1;
	size_t i;

	if (parse_real(s, &e, &v, why, whylen) < 0) {
		snprintf(why, whylen, "not a duration (e.g. 250ms, 1.5s, 2m)");
		return -1;
	}
	if (*e == '\0')
		scale = 1;
	for (i = 0; i < sizeof units / sizeof units[0] && scale < 0; i++)
		if (strcmp(e, units[i].suffix) == 0)
			scale = units[i].scale;
	if (scale < 0) {
		snprintf(why, whylen, "unknown unit '%s' (use ns, us, ms, s, m, h, d)",
		    e);
		return -1;
	}
	v *= scale;
	if (v < min || v > max) {
		snprintf(why, whylen, "%s (allowed %s-%s)",
		    v < min ? "too small" : "too large",
		    cli_fmt_duration(min, lo, sizeof lo),
		    cli_fmt_duration(max, hi, sizeof hi));
		return -1;
	}
	*out = v;
	return 0;
}

int
cli_percent(const char *s, double min, double max, double *out, char *why,
    size_t whylen)
{
	const char *e;
	double v, slack;

	if (parse_real(s, &e, &v, why, whylen) < 0)
		return -1;
	if (strcmp(e, "%") == 0) {
		v /= 100;
	} else if (*e != '\0') {
		snprintf(why, whylen, "not a percentage (e.g. 2%% or 0.02)");
		return -1;
	} else if (!(v < 1 && v > -1) && v != 0) {
		/* "1" may mean 1% or 100%, "90" 90% or a slip: say it. */
		snprintf(why, whylen, "ambiguous: write a percentage with %% "
		    "(%s%%) or a fraction below 1 (%g)", s, v / 100);
		return -1;
	}
	/* 99.9% is 0.9990000000000001 once divided: the bounds are
	 * compared with the rounding of that division forgiven. */
	slack = 1e-12 * (fabs(min) > fabs(max) ? fabs(min) : fabs(max));
	if (v < min - slack || v > max + slack) {
		snprintf(why, whylen, "%s (allowed %g%%-%g%%)",
		    v < min ? "too small" : "too large", min * 100, max * 100);
		return -1;
	}
	*out = v < min ? min : v > max ? max : v;
	return 0;
}

long long
xcli_int(const char *what, const char *s, long long min, long long max)
{
	char why[128];
	long long v;

	if (cli_int(s, min, max, &v, why, sizeof why) < 0)
		errx(EXIT_TROUBLE, "%s '%s': %s", what, s, why);
	return v;
}

/* The dying form of a real-valued parser: fn's reason, with what and s. */
static double
xreal(int (*fn)(const char *, double, double, double *, char *, size_t),
    const char *what, const char *s, double min, double max)
{
	char why[128];
	double v;

	if (fn(s, min, max, &v, why, sizeof why) < 0)
		errx(EXIT_TROUBLE, "%s '%s': %s", what, s, why);
	return v;
}

double
xcli_double(const char *what, const char *s, double min, double max)
{
	return xreal(cli_double, what, s, min, max);
}

double
xcli_duration(const char *what, const char *s, double min, double max)
{
	return xreal(cli_duration, what, s, min, max);
}

double
xcli_percent(const char *what, const char *s, double min, double max)
{
	return xreal(cli_percent, what, s, min, max);
}

void
xcli_misuse(void (*usage)(FILE *), const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	usage(stderr);
	exit(EXIT_TROUBLE);
}

void
xcli_badopt(int c, char *const argv[], void (*usage)(FILE *))
{
	const char *arg = argv[optind - 1];
	int isshort = optopt > 0 && optopt < 256 && strncmp(arg, "--", 2) != 0;

	/* A short option may sit in a cluster ("-qx"): name it alone. */
	if (c == ':' && isshort)
		warnx("option '-%c' needs an argument", optopt);
	else if (c == ':')
		warnx("option '%s' needs an argument", arg);
	else if (isshort)
		warnx("unknown option '-%c'", optopt);
	else
		warnx("unknown option '%s'", arg);
	usage(stderr);
	exit(EXIT_TROUBLE);
}

char *
cli_fmt_duration(double secs, char *buf, size_t len)
{
	size_t i = sizeof units / sizeof units[0];

	/* The largest unit in which the value is at least 1. */
	while (i > 1 && secs < units[i - 1].scale)
		i--;
	if (secs == 0)
		i = 4;	/* "0s" */
	snprintf(buf, len, "%g%s", secs / units[i - 1].scale,
	    units[i - 1].suffix);
	return buf;
}

int
cli_close_stdout(void)
{
	int bad = fflush(stdout) != 0 || ferror(stdout);
	int saved = errno;

	if (fclose(stdout) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	if (bad) {
		errno = saved;
		warn("<stdout>: write error");
		return -1;
	}
	return 0;
}

void
cli_exit(int status)
{
	if (cli_close_stdout() < 0)
		status = EXIT_TROUBLE;
	exit(status);
}

void
cli_version(void)
{
	printf("%s (perfpipe) %s\n", program_invocation_short_name,
	    PERFPIPE_VERSION);
	cli_exit(EXIT_OK);
}
