/* test_csvread.c - the CSV reader: quoting, positions, errors, merging. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fmt/csvread.h"
#include "tap.h"

/* Reads all of path and returns its rows joined as "a|b;c|d" (static). */
static const char *
slurp(const char *path, struct perr *e, int *status)
{
	static char out[4096];
	char *paths[1];
	struct csvread *r;
	struct csvread_row row;
	size_t i;
	int got;

	paths[0] = (char *)path;
	out[0] = '\0';
	if ((r = csvread_open(paths, 1, e)) == NULL) {
		*status = -1;
		return out;
	}
	while ((got = csvread_next(r, &row, e)) == 1) {
		for (i = 0; i < csvread_ncols(r); i++) {
			strcat(out, row.f[i]);
			strcat(out, i + 1 < csvread_ncols(r) ? "|" : "");
		}
		snprintf(out + strlen(out), 16, "@%ld;", row.line);
	}
	*status = got;
	csvread_close(r);
	return out;
}

static void
reads(const char *text, const char *want, const char *name)
{
	struct perr e = { "" };
	int status;
	const char *got = slurp(tap_file("in.csv", text), &e, &status);

	if (status != 0)
		printf("# error: %s\n", e.msg);
	tap_str(got, want, name);
}

static void
fails(const char *text, const char *want, const char *name)
{
	struct perr e = { "" };
	int status;
	char msg[1100];

	slurp(tap_file("bad.csv", text), &e, &status);
	tap_int(status, -1, name);
	/* Messages carry the file's path; compare what follows the directory. */
	snprintf(msg, sizeof msg, "%s", strstr(e.msg, "bad.csv") ? strstr(e.msg,
	    "bad.csv") : e.msg);
	tap_str(msg, want, "  with the message");
}

static void
merge(void)
{
	struct perr e = { "" };
	char *paths[2];
	struct csvread *r;
	struct csvread_row row;
	char a[256], b[256];

	snprintf(a, sizeof a, "%s", tap_file("a.csv", "time,x\n1,10\n"));
	snprintf(b, sizeof b, "%s", tap_file("b.csv", "y,time\n7,2\n"));
	paths[0] = a;
	paths[1] = b;
	r = csvread_open(paths, 2, &e);
	if (!tap_ok(r != NULL, "merge opens two files")) {
		printf("# %s\n", e.msg);
		return;
	}
	tap_int((long long)csvread_ncols(r), 3, "merged header has 3 columns");
	tap_str(csvread_colname(r, 2), "y", "new column comes last");
	tap_int(csvread_col(r, "time"), 0, "time found by name");
	tap_int(csvread_col(r, "nope"), -1, "missing column is -1");
	tap_int(csvread_next(r, &row, &e), 1, "first row");
	tap_ok(strcmp(row.f[0], "1") == 0 && strcmp(row.f[1], "10") == 0 &&
	    row.f[2][0] == '\0' && row.src == 0, "first file's row mapped");
	tap_int(csvread_next(r, &row, &e), 1, "second row");
	tap_ok(strcmp(row.f[0], "2") == 0 && row.f[1][0] == '\0' &&
	    strcmp(row.f[2], "7") == 0 && row.src == 1 && row.line == 2,
	    "second file's row mapped by name");
	tap_ok(csvread_src_has(r, 1, 2) && !csvread_src_has(r, 1, 1),
	    "which source has which column");
	tap_int(csvread_next(r, &row, &e), 0, "end after both files");
	csvread_close(r);
}

static void
bigfile(void)
{
	struct perr e = { "" };
	char path[256], *paths[1];
	struct csvread *r;
	struct csvread_row row;
	FILE *fp;
	long i, n = 0, bad = 0;

	snprintf(path, sizeof path, "%s/big.csv", tap_tmpdir());
	fp = fopen(path, "w");
	fputs("i,text\n", fp);
	for (i = 0; i < 50000; i++)
		fprintf(fp, "%ld,\"line %ld\nwith, comma\"\n", i, i);
	fclose(fp);
	paths[0] = path;
	r = csvread_open(paths, 1, &e);
	while (csvread_next(r, &row, &e) == 1) {
		if (atol(row.f[0]) != n || row.line != 2 + 2 * n)
			bad++;
		n++;
	}
	csvread_close(r);
	tap_int(n, 50000, "rows across many chunks");
	tap_int(bad, 0, "every row's value and line number right");
}

/* A NUL byte or a newline at every place of fields of 1 to 40 bytes
 * (fields are checked a word at a time): each NUL refused at its line,
 * each quoted newline counted in the next row's line number. */
static void
every_place(void)
{
	char text[128], *paths[1], field[41];
	size_t len, at, n;
	size_t badnul = 0, badnl = 0;
	struct csvread *r;
	struct csvread_row row;
	struct perr e;
	const char *path;
	FILE *fp;
	int got;

	for (len = 1; len <= 40; len++)
		for (at = 0; at < len; at++) {
			memset(field, 'x', len);
			/* NUL: a,b / 1,2 / field,3 -> refused at line 3 */
			field[at] = '\0';
			n = (size_t)snprintf(text, sizeof text, "a,b\n1,2\n");
			memcpy(text + n, field, len);
			n += len;
			n += (size_t)snprintf(text + n, sizeof text - n, ",3\n");
			path = tap_file("nul.csv", "");
			fp = fopen(path, "w");
			fwrite(text, 1, n, fp);
			fclose(fp);
			paths[0] = (char *)path;
			r = csvread_open(paths, 1, &e);
			got = 0;
			while (r && (got = csvread_next(r, &row, &e)) == 1)
				;
			/* (refused on opening, when the first read reaches
			 * it, or on reading the row) */
			badnul += (r != NULL && got != -1) ||
			    strstr(e.msg, ":3: a NUL byte") == NULL;
			csvread_close(r);
			/* Newline in a quoted field: the row after it is
			 * on line 4. */
			field[at] = '\n';
			n = (size_t)snprintf(text, sizeof text, "a,b\n\"%.*s\",1\n"
			    "2,3\n", (int)len, field);
			fp = fopen(path, "w");
			fwrite(text, 1, n, fp);
			fclose(fp);
			r = csvread_open(paths, 1, &e);
			got = r ? csvread_next(r, &row, &e) : -1;
			got = got == 1 ? csvread_next(r, &row, &e) : -1;
			badnl += got != 1 || row.line != 4;
			csvread_close(r);
		}
	tap_int(badnul, 0, "a NUL byte at every place of fields of 1 to 40 "
	    "bytes: refused at its line");
	tap_int(badnl, 0, "a quoted newline at every place: counted");
}

/* Reads path to its end: an FNV-1a hash of every row's fields, lengths
 * and line, and the rows read and the error, if any, in msg. */
static unsigned long long
digest(const char *path, long *rows, char *msg, size_t len)
{
	unsigned long long h = 14695981039346656037ULL;
	char *paths[1] = { (char *)path };
	struct csvread *r;
	struct csvread_row row;
	struct perr e = { "" };
	size_t i, k;
	int got = -1;

	*rows = 0;
	if ((r = csvread_open(paths, 1, &e)) != NULL) {
		while ((got = csvread_next(r, &row, &e)) == 1) {
			for (i = 0; i < csvread_ncols(r); i++) {
				for (k = 0; k <= row.len[i]; k++)
					h = (h ^ (unsigned char)row.f[i][k]) *
					    1099511628211ULL;
				h = (h ^ row.len[i]) * 1099511628211ULL;
			}
			h = (h ^ (unsigned long long)row.line) * 1099511628211ULL;
			(*rows)++;
		}
		csvread_close(r);
	}
	snprintf(msg, len, "%s", got == 0 ? "" : e.msg);
	return h;
}

/* Reads path both ways, csvread's own split of plain lines and libcsv
 * alone: 1 when the rows, lines and errors are the same (its rows and
 * error in *rows and msg), else 0, the first difference printed with
 * what (the case) once. */
static int
same_both_ways(const char *path, long *rows, char *msg, size_t len,
    const char *what)
{
	static int told;
	unsigned long long h[2];
	long n[2];
	char m[2][1100];
	int mode;

	for (mode = 0; mode < 2; mode++) {
		csvread_libcsv_only(mode);
		h[mode] = digest(path, &n[mode], m[mode], sizeof m[mode]);
	}
	csvread_libcsv_only(0);
	*rows = n[0];
	snprintf(msg, len, "%s", m[0]);
	if (h[0] == h[1] && n[0] == n[1] && strcmp(m[0], m[1]) == 0)
		return 1;
	if (!told++)
		printf("# %s: %ld rows, '%s' against libcsv alone %ld rows, "
		    "'%s'\n", what, n[0], m[0], n[1], m[1]);
	return 0;
}

/* Random text, mostly plain rows with quotes, CRs, NULs, blank lines,
 * spaces and tabs at the ends of fields, quoted newlines and commas, and
 * malformed quotes among them, over several chunks; each special byte at
 * every offset from the 16-byte blocks plain lines are scanned in; lines
 * longer than a chunk: the same rows, line numbers and errors whether
 * csvread splits the plain lines itself or libcsv reads every byte. */
static void
both_ways(void)
{
	static const char *bits[] = { "1", "23", "4.5", "abc", "", " 7",
	    "8 ", "\t9", "x y", "\"q\"", "\"a,b\"", "\"l\nm\"", "\"p\"\"q\"",
	    "\r", "\"", "z\"z", "\"o\"x", "  ", "\0" };
	static const char *sp[] = { " 7", "8 ", "\t", " ", "\"q\"", "\r",
	    "x\"", "", "9\t" };
	char path[256], msg[1100], what[64];
	unsigned long seed = 12345;
	long rows, differ = 0, trial, nrows, i, j, total = 0, errs = 0;
	int nf, rare;
	FILE *fp;

	snprintf(path, sizeof path, "%s/random.csv", tap_tmpdir());
	for (trial = 0; trial < 400; trial++) {
		fp = fopen(path, "w");
		fputs("a,b,c\n", fp);
		/* Some files of several 64 KiB chunks, most short. */
		nrows = trial % 10 == 0 ? 20000 : 1 + trial % 37;
		/* Specials 1 field in rare: the long files mostly plain. */
		rare = trial % 10 == 0 ? 50000 : trial % 2 ? 40 : 400;
		for (i = 0; i < nrows; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			nf = (seed >> 33) % (10UL * (unsigned long)rare) == 0 ?
			    2 + (seed >> 40) % 3 : 3;
			for (j = 0; j < nf; j++) {
				seed = seed * 6364136223846793005UL + 1442695040888963407UL;
				if ((seed >> 33) % (unsigned long)rare == 0) {
					const char *b = bits[4 + (seed >> 20) %
					    (sizeof bits / sizeof bits[0] - 4)];
					fwrite(b, 1, strcmp(b, "\0") == 0 ? 1 :
					    strlen(b), fp);
				} else
					fputs(bits[(seed >> 20) % 4], fp);
				if (j + 1 < nf)
					fputc(',', fp);
			}
			fputs((seed >> 40) % 97 == 0 ? "\n\n" : "\n", fp);
		}
		if (trial % 3 == 0)
			fputs("5,6,7", fp);	/* no final newline */
		fclose(fp);
		snprintf(what, sizeof what, "random file %ld", trial);
		differ += !same_both_ways(path, &rows, msg, sizeof msg, what);
		total += rows;
		errs += msg[0] != '\0';
	}
	printf("# %ld rows read, %ld files refused\n", total, errs);
	tap_ok(total > 50000 && errs > 50 && errs < 380,
	    "  the random files were both read far and refused in places");
	/* First in the row, and after a separator. */
	for (trial = 0; trial < 48 * 2; trial++)
		for (j = 0; j < (long)(sizeof sp / sizeof sp[0]); j++) {
			fp = fopen(path, "w");
			fputs("a,b,c\n", fp);
			for (i = 0; i < trial / 2; i++)
				fputc('1', fp);
			if (trial % 2)
				fprintf(fp, ",%s,2\n", sp[j]);
			else
				fprintf(fp, "%s,1,2\n", sp[j]);
			fputs("3,4,5\n", fp);
			fclose(fp);
			snprintf(what, sizeof what, "pad %ld, special %ld",
			    trial / 2, j);
			differ += !same_both_ways(path, &rows, msg, sizeof msg,
			    what);
		}
	/* 12,000 columns, plain and with a quoted field near the end. */
	for (trial = 0; trial < 2; trial++) {
		fp = fopen(path, "w");
		for (i = 0; i < 12000; i++)
			fprintf(fp, "%sc%ld", i ? "," : "", i);
		fputc('\n', fp);
		for (j = 0; j < 3; j++) {
			for (i = 0; i < 12000; i++)
				if (i == 11990 && trial)
					fprintf(fp, ",\"%ld,%ld\"", i, j);
				else
					fprintf(fp, "%s%ld", i ? "," : "", i * j);
			fputc('\n', fp);
		}
		fclose(fp);
		snprintf(what, sizeof what, "long lines %ld", trial);
		differ += !same_both_ways(path, &rows, msg, sizeof msg, what) ||
		    rows != 3 || msg[0] != '\0';
	}
	tap_int(differ, 0, "400 random files, each special at every offset, "
	    "lines longer than a chunk: the same rows, lines and errors as "
	    "libcsv alone");
}

/* A UTF-8 BOM that comes through a pipe a byte at a time (as a slow
 * writer sends it) is taken off the first column's name all the same,
 * and a start that only looks like one is kept. */
static void
bom_in_pieces(void)
{
	static const char *const text[] = { "\xEF", "\xBB", "\xBF", "a,b\n1,2\n" };
	static const char *const fake[] = { "\xEF", "\xBB", "x,b\n1,2\n" };
	const char *const *parts[] = { text, fake };
	size_t nparts[] = { 4, 3 }, k, i;
	const char *want[] = { "a", "\xEF\xBBx" };
	struct csvread *r;
	struct csvread_row row;
	struct perr e;
	char path[32], *paths[1] = { path };
	int fd[2], ok;
	pid_t pid;

	for (k = 0; k < 2; k++) {
		if (pipe(fd) != 0 || (pid = fork()) < 0)
			abort();
		if (pid == 0) {
			close(fd[0]);
			for (i = 0; i < nparts[k]; i++) {
				if (write(fd[1], parts[k][i],
				    strlen(parts[k][i])) < 0)
					_exit(1);
				usleep(20000);
			}
			_exit(0);
		}
		close(fd[1]);
		snprintf(path, sizeof path, "/dev/fd/%d", fd[0]);
		r = csvread_open(paths, 1, &e);
		ok = r != NULL && strcmp(csvread_colname(r, 0), want[k]) == 0 &&
		    csvread_next(r, &row, &e) == 1 && strcmp(row.f[0], "1") == 0;
		csvread_close(r);
		close(fd[0]);
		waitpid(pid, NULL, 0);
		tap_ok(ok, k == 0 ? "a BOM through a pipe a byte at a time: "
		    "not part of the first name" : "a start like a BOM's, "
		    "through a pipe: kept");
	}
}

/* Appending: only onto a whole file, its last row ended outside any
 * quoted field, under the same header. */
static void
append_check(void)
{
	static const char *const names[] = { "a", "b" };
	static const struct {
		const char *text;
		int want;
		const char *msg;
	} c[] = {
		{ "a,b\n1,2\n", 0, "" },
		{ "a,b\n1,\"x\ny\"\n", 0, "" },
		{ "a,b\n1,\"q\"\"q\"\n", 0, "" },
		{ "a,b\n1,2", -1, "the last line has no newline" },
		{ "a,b\n1,\"x\n", -1, "ends inside a quoted field" },
		{ "a,b\n1,\"x\"\"\n", -1, "ends inside a quoted field" },
		{ "a,c\n1,2\n", -1, "header differs" },
		{ "", 1, "" },
	};
	struct perr e;
	size_t i;
	int got;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		e.msg[0] = '\0';
		got = csvread_append_check(tap_file("hist.csv", c[i].text),
		    names, 2, &e);
		tap_ok(got == c[i].want && strstr(e.msg, c[i].msg) != NULL,
		    "append check %zu: %d (%s)", i, got, e.msg);
	}
}

int
main(void)
{
	reads("a,b\n1,2\n3,4\n", "1|2@2;3|4@3;", "plain rows with line numbers");
	every_place();
	reads("a,b\n1,2", "1|2@2;", "no final newline");
	reads("a,b\r\n1,2\r\n3,4\r\n", "1|2@2;3|4@3;", "CRLF line ends");
	reads("a,b\n\n1,2\n\n3,4\n", "1|2@3;3|4@5;", "blank lines skipped, counted");
	reads("a,b\n\"x,y\",\"q\"\"q\"\n", "x,y|q\"q@2;", "quoted comma and quote");
	reads("a,b\n\"1\n2\",3\n4,5\n", "1\n2|3@2;4|5@4;", "newline in a field");
	reads("a,b\n,\n", "|@2;", "empty fields");
	reads("\xEF\xBB\xBF" "a,b\n1,2\n", "1|2@2;", "UTF-8 BOM skipped");
	reads("a,b\n", "", "header only");
	fails("", "bad.csv:1: empty input: no header row", "empty file");
	fails("a,b\n1,2\n3\n", "bad.csv:3: row has 1 field, header has 2",
	    "short row");
	fails("a,b\n1,2,3\n", "bad.csv:2: row has 3 fields, header has 2",
	    "long row");
	fails("a,a\n1,2\n", "bad.csv:1: column 'a' appears twice", "repeated name");
	fails("a,,c\n", "bad.csv:1: column 2 has no name", "empty name");
	fails("a,b\n1,\"2\n", "bad.csv:2: malformed CSV: unterminated quoted field",
	    "unterminated quote");
	fails("a,b\n1,\"2\"x\n", "bad.csv:2: malformed CSV: error parsing data "
	    "while strict checking enabled", "junk after a quote");
	/* The first error in the file, though the chunk read holds a later
	 * one that the parser meets first (as a pipe's small reads would
	 * tell it). */
	fails("a,b\n1\n\"x\"y\n", "bad.csv:2: row has 1 field, header has 2",
	    "a short row before malformed CSV: the short row told");
	{
		struct perr e = { "" };
		char *p[] = { "/nonexistent/x.csv" };

		tap_ok(csvread_open(p, 1, &e) == NULL, "missing file refused");
		tap_str(e.msg, "/nonexistent/x.csv: No such file or directory",
		    "  with strerror");
	}
	{
		struct perr e = { "" };
		char a[300], b[300], *p[2];

		snprintf(a, sizeof a, "%s/twice.csv", tap_tmpdir());
		snprintf(b, sizeof b, "%s/./twice.csv", tap_tmpdir());
		tap_put(tap_tmpdir(), "twice.csv", "a\n1\n");
		p[0] = a, p[1] = b;
		tap_ok(csvread_open(p, 2, &e) == NULL, "one file given twice refused");
		tap_ok(strstr(e.msg, "the same file as") != NULL &&
		    strstr(e.msg, "given twice") != NULL, "  says so (%s)", e.msg);
	}
	merge();
	bigfile();
	both_ways();
	bom_in_pieces();
	append_check();
	return tap_done();
}
