/* test_procfile.c - pread-at-zero reading and the hand-written scanners. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sys/procfile.h"
#include "tap.h"

static void
u64(const char *s, int ok, uint64_t want, size_t used, const char *name)
{
	uint64_t v = 7;
	const char *q = procfile_scan_u64(s, s + strlen(s), &v);

	if (!ok) {
		tap_ok(q == NULL && v == 7, "%s: refused", name);
		return;
	}
	tap_ok(q != NULL && v == want && (size_t)(q - s) == used,
	    "%s: %llu, %zu characters", name, (unsigned long long)want, used);
}

static void
dec(const char *s, double want, const char *name)
{
	double v = NAN;
	const char *q = procfile_scan_dec(s, s + strlen(s), &v);

	if (isnan(want))
		tap_ok(q == NULL, "%s: refused", name);
	else
		tap_num(q ? v : NAN, want, 1e-15, 0, name);
}

static void
keys(void)
{
	static const struct pkey k[3] = {
		{ "MemTotal:", 9 }, { "Cached:", 7 }, { "Slab:", 5 }
	};
	const char *t, *at[3];
	size_t off[3] = { PROCFILE_NOWHERE, PROCFILE_NOWHERE, PROCFILE_NOWHERE };

	t = "MemTotal: 1\nSwapCached: 2\nCached: 3\n";
	tap_int((long long)procfile_scan_keys(t, strlen(t), k, 3, off, at), 2,
	    "keys: two of three");
	tap_ok(at[0] == t + 9 && at[1] == t + 33 && at[2] == NULL,
	    "keys: at line starts only (not SwapCached:)");
	tap_ok(off[0] == 0 && off[1] == 26 && off[2] == PROCFILE_NOWHERE,
	    "keys: where they were found");
	t = "MemTotal: 10\nSwapCached: 2\nCached: 3\nSlab: 4\n";
	tap_int((long long)procfile_scan_keys(t, strlen(t), k, 3, off, at), 3,
	    "keys: moved a byte, and a new one");
	tap_ok(off[1] == 27 && at[1] == t + 34 && off[2] == 37,
	    "keys: found where they went");
	t = "Slab: 4\nCached: 3\n";
	tap_int((long long)procfile_scan_keys(t, strlen(t), k, 3, off, at), 2,
	    "keys: moved back");
	tap_ok(at[0] == NULL && off[1] == 8 && off[2] == 0,
	    "keys: before where they were");
	tap_int((long long)procfile_scan_keys("", 0, k, 3, off, at), 0,
	    "keys: empty text");
	t = "Cached:";
	tap_int((long long)procfile_scan_keys(t, 6, k, 3, off, at), 0,
	    "keys: a key cut by the end of the text");
}

int
main(void)
{
	struct procfile_buf b;
	struct procfile f;
	struct perr e;
	const char *s, *w, *q, *path;
	char *big;
	size_t n;
	FILE *fp;

	u64("0", 1, 0, 1, "zero");
	u64("  \t42 rest", 1, 42, 5, "leading blanks skipped");
	u64("18446744073709551615", 1, UINT64_MAX, 20, "largest");
	u64("99999999999999999999999", 1, UINT64_MAX, 23, "overflow saturates");
	u64("", 0, 0, 0, "empty");
	u64("x1", 0, 0, 0, "not a digit");
	u64("\n1", 0, 0, 0, "a newline is not skipped");
	u64("-1", 0, 0, 0, "no sign");
	u64("9999999999999999999", 1, 9999999999999999999u, 19,
	    "19 digits: no overflow check needed");
	u64("18446744073709551616", 1, UINT64_MAX, 20, "largest + 1 saturates");
	u64("0000000000000000000000042", 1, 42, 25, "leading zeros");
	u64("                 \t  7\n", 1, 7, 21, "a long run of blanks");
	u64("        8", 1, 8, 9, "eight blanks, then a digit");
	u64("                ", 0, 0, 0, "blanks to the end");
	u64("         \n1", 0, 0, 0, "blanks up to a newline");

	dec("0.45", 0.45, "fraction");
	dec("12", 12, "integer");
	dec("3.", 3, "point without digits");
	dec("100.00 avg60", 100, "stops at a blank");
	dec(".5", NAN, "no integer part");
	dec("", NAN, "empty");

	s = "cpu0 1 2\nnext";
	q = procfile_scan_word(s, s + strlen(s), &w, &n);
	tap_ok(q != NULL && n == 4 && memcmp(w, "cpu0", 4) == 0, "word");
	tap_ok(procfile_scan_word(s + 8, s + strlen(s), &w, &n) == NULL,
	    "no word at a newline");
	tap_str(procfile_scan_nextline(s, s + strlen(s)), "next", "next line");
	tap_ok(procfile_scan_nextline(s + 9, s + strlen(s)) == s + strlen(s),
	    "last line: the end");
	tap_ok(procfile_scan_key(s, s + strlen(s), "cpu0 ", 5) == s + 5, "key");
	tap_ok(procfile_scan_key(s, s + strlen(s), "cpu1 ", 5) == NULL, "other key");
	tap_ok(procfile_scan_key(s, s + 3, "cpu0 ", 5) == NULL, "key past the end");

	keys();

	procfile_buf_init(&b);
	path = tap_file("one", "first\n");
	procfile_init(&f, "/", path);
	tap_ok(procfile_read(&f, &b, 0, &e) == 0 && strcmp(b.p, "first\n") == 0,
	    "reads a file");
	tap_ok(f.fd >= 0, "keeps it open");
	fp = fopen(path, "r+");
	fputs("again\n", fp);
	fclose(fp);
	tap_ok(procfile_read(&f, &b, 0, &e) == 0 && strcmp(b.p, "again\n") == 0,
	    "reads it again from offset 0");
	procfile_close(&f);

	procfile_init(&f, tap_tmpdir(), "none");
	errno = 0;
	tap_ok(procfile_read(&f, &b, 0, &e) < 0 && errno == ENOENT && f.missing,
	    "a missing file: ENOENT");
	tap_ok(strstr(e.msg, "/none: No such file or directory") != NULL,
	    "message names the file");
	tap_ok(b.len == 0 && b.p[0] == '\0', "buffer left empty");
	procfile_close(&f);

	big = malloc(100001);
	memset(big, 'x', 100000);
	big[100000] = '\0';
	path = tap_file("big", big);
	procfile_init(&f, "", path);
	tap_ok(procfile_read(&f, &b, 1, &e) == 0 && b.len == 100000 &&
	    b.cap > 100000 && b.p[100000] == '\0', "the buffer grows to fit");
	tap_ok(f.fd < 0, "reopen closes it again");
	procfile_close(&f);
	free(big);

	tap_ok(procfile_slurp(tap_file("empty", ""), &b, &e) == 0 && b.len == 0,
	    "an empty file");

	/* Larger than a short read: read on to the end. */
	big = malloc(6001);
	for (n = 0; n < 6000; n++)
		big[n] = n % 100 == 99 ? '\n' : 'y';
	big[6000] = '\0';
	procfile_buf_free(&b);
	procfile_buf_init(&b);
	path = tap_file("head", big);
	procfile_init(&f, "", path);
	tap_ok(procfile_read(&f, &b, PROCFILE_HEAD, &e) == 0 && b.partial &&
	    b.len == 4000 && b.p[3999] == '\n' && b.p[4000] == '\0',
	    "PROCFILE_HEAD: one read, whole lines only, partial");
	tap_ok(procfile_read(&f, &b, 0, &e) == 0 && !b.partial && b.len == 6000 &&
	    memcmp(b.p, big, 6000) == 0, "then the whole file");
	tap_ok(procfile_read(&f, &b, PROCFILE_HEAD, &e) == 0 && b.len == 6000,
	    "PROCFILE_HEAD: all of it when the buffer holds it");
	procfile_close(&f);
	big[2500] = '\0';
	path = tap_file("mid", big);
	procfile_init(&f, "", path);
	tap_ok(procfile_read(&f, &b, 0, &e) == 0 && b.len == 2500 && !b.partial,
	    "a file past PROCFILE_SHORT that fits");
	procfile_close(&f);
	free(big);
	procfile_buf_free(&b);
	return tap_done();
}
