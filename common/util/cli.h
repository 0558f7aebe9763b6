/* cli.h - command-line conventions shared by every program: exit codes,
 * strict numbers and durations, the checked close of stdout, --version. */
#ifndef CLI_H
#define CLI_H

#include <stddef.h>
#include <stdio.h>

#define PERFPIPE_VERSION "0.1.0"

/* Exit statuses, as diff and grep use them; for a command that perfpipe
 * starts, as env(1) and the shell use them. */
enum {
	EXIT_OK = 0,		/* success */
	EXIT_TRIP = 1,		/* the condition asked for tripped */
	EXIT_TROUBLE = 2,	/* bad usage, bad input, I/O or system error */
	EXIT_CANNOT_RUN = 126,	/* a command was found but could not run */
	EXIT_NOT_FOUND = 127,	/* a command was not found */
	EXIT_INTERRUPTED = 130	/* stopped by SIGINT or SIGTERM (128 + 2) */
};

/*
 * Reporting parsers.  Each returns 0 and stores the value, or returns -1
 * and writes why the text was refused into why (e.g. "not a number",
 * "too small (allowed 10ms-1d)"), leaving *out alone.  The whole string
 * must be consumed; leading or trailing blanks are refused.
 */
int cli_int(const char *s, long long min, long long max, long long *out,
    char *why, size_t whylen);
int cli_double(const char *s, double min, double max, double *out,
    char *why, size_t whylen);
/* A duration: a number and a unit (ns, us, ms, s, m, h, d); a bare number
 * is seconds.  Stored in seconds. */
int cli_duration(const char *s, double min, double max, double *out,
    char *why, size_t whylen);
/* A percentage with its sign, "2%", "99.9%", or a bare fraction below 1,
 * "0.02"; a bare number of 1 or more is refused as ambiguous ("1" may mean
 * 1% or 100%).  Stored as a fraction (0.02). */
int cli_percent(const char *s, double min, double max, double *out,
    char *why, size_t whylen);

/*
 * Dying parsers for option sites: on bad text they print
 * "prog: WHAT 'TEXT': WHY" and exit with EXIT_TROUBLE.
 */
long long xcli_int(const char *what, const char *s, long long min,
    long long max);
double xcli_double(const char *what, const char *s, double min, double max);
double xcli_duration(const char *what, const char *s, double min,
    double max);
double xcli_percent(const char *what, const char *s, double min,
    double max);

/*
 * The misuse getopt_long reported as c, '?' (an unknown option) or ':' (a
 * missing argument; the option string must start with ':' or "+:", and
 * opterr be 0 so that getopt itself says nothing): prints "prog: unknown
 * option '--x'" or "prog: option '-x' needs an argument", then the usage
 * by usage(stderr), and exits with EXIT_TROUBLE.
 */
void xcli_badopt(int c, char *const argv[], void (*usage)(FILE *))
    __attribute__((noreturn));
/* Options that parse but do not go together (or a bad word): prints
 * "prog: MESSAGE" and usage(stderr), and exits with EXIT_TROUBLE. */
void xcli_misuse(void (*usage)(FILE *), const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));

/* Writes a short human form of a duration ("10ms", "1.5s", "1d") into buf
 * and returns buf. */
char *cli_fmt_duration(double secs, char *buf, size_t len);

/* Flushes and closes stdout, reporting a write error on stderr.  Returns 0,
 * or -1 after the report. */
int cli_close_stdout(void);
/* Exits with status, or with EXIT_TROUBLE when stdout cannot be written. */
void cli_exit(int status) __attribute__((noreturn));
/* Prints "PROG (perfpipe) VERSION" on stdout and exits 0. */
void cli_version(void) __attribute__((noreturn));

#endif
