/* tap.h - a tiny Test Anything Protocol emitter for the C unit tests;
 * tests/run counts the "ok" and "not ok" lines of every test binary. */
#ifndef TAP_H
#define TAP_H

#include <stddef.h>

/* Each prints one TAP line and returns whether the check passed. */
int tap_ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int tap_str(const char *got, const char *want, const char *name);
int tap_int(long long got, long long want, const char *name);
/* Passes when |got - want| <= abs_tol + rel_tol * |want|, or both are NaN. */
int tap_num(double got, double want, double rel_tol, double abs_tol,
    const char *name);
/* Prints the plan line; returns the exit status for main (1 if any failed). */
int tap_done(void);
/* A temporary directory for the test's files (removed by tap_done). */
const char *tap_tmpdir(void);
/* Writes text to a new file in the temporary directory; returns its path
 * (static storage, overwritten by the next call). */
const char *tap_file(const char *name, const char *text);
/* Writes text to root/rel, making the directories on the way: the
 * hand-written /proc, /sys and cgroup trees of the reader tests.  Exits 2
 * when the file cannot be written. */
void tap_put(const char *root, const char *rel, const char *text);

#endif
