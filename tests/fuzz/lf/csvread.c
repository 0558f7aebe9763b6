/* csvread.c - libFuzzer target: the CSV reader (common/fmt/csvread) on one
 * or two files (split at LF_SEP, merged by column name), and the strict
 * number parser on every field, as every program reads its input; and the
 * rows the same when libcsv reads every byte. */
#include <stdlib.h>
#include <string.h>

#include "fmt/csvread.h"
#include "util/num.h"
#include "lfutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads the files to their end, checking every field: a hash of the rows
 * (fields, lines) and how the reading ended. */
static unsigned long long
readall(char **paths, size_t np)
{
	unsigned long long h = 14695981039346656037ULL;
	struct perr e;
	struct csvread *r;
	struct csvread_row row;
	size_t i, k;
	double v;
	int got;

	if ((r = csvread_open(paths, np, &e)) == NULL)
		return 0;
	for (i = 0; i < csvread_ncols(r); i++)
		if (csvread_col(r, csvread_colname(r, i)) != (long)i)
			abort();	/* a name that does not find its own column */
	while ((got = csvread_next(r, &row, &e)) == 1) {
		for (i = 0; i < csvread_ncols(r); i++) {
			if (strlen(row.f[i]) > row.len[i])
				abort();
			(void)num_parse(row.f[i], row.len[i], &v);
			for (k = 0; k < row.len[i]; k++)
				h = (h ^ (unsigned char)row.f[i][k]) * 1099511628211ULL;
			h = (h ^ row.len[i]) * 1099511628211ULL;
		}
		h = (h ^ (unsigned long long)row.line) * 1099511628211ULL;
	}
	for (k = 0; got != 0 && e.msg[k]; k++)
		h = (h ^ (unsigned char)e.msg[k]) * 1099511628211ULL;
	csvread_close(r);
	return h;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *paths[2];
	size_t n, pos = 0, np = 0;
	const uint8_t *p;
	unsigned long long h;

	while (np < 2 && (p = lf_piece(data, size, &pos, &n)) != NULL) {
		paths[np] = (char *)lf_file((int)np, p, n);
		np++;
	}
	/* csvread's own split of plain lines must give what libcsv gives. */
	h = readall(paths, np);
	csvread_libcsv_only(1);
	if (readall(paths, np) != h)
		abort();
	csvread_libcsv_only(0);
	return 0;
}
