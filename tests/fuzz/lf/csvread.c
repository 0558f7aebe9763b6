/* csvread.c - libFuzzer target: the CSV reader (common/fmt/csvread) on one
 * or two files (split at LF_SEP, merged by column name), and the strict
 * number parser on every field, as every program reads its input. */
#include <stdlib.h>
#include <string.h>

#include "fmt/csvread.h"
#include "util/num.h"
#include "lfutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *paths[2];
	size_t n, pos = 0, np = 0, i;
	const uint8_t *p;
	struct perr e;
	struct csvread *r;
	struct csvread_row row;
	double v;

	while (np < 2 && (p = lf_piece(data, size, &pos, &n)) != NULL) {
		paths[np] = (char *)lf_file((int)np, p, n);
		np++;
	}
	if ((r = csvread_open(paths, np, &e)) == NULL)
		return 0;
	for (i = 0; i < csvread_ncols(r); i++)
		if (csvread_col(r, csvread_colname(r, i)) != (long)i)
			abort();	/* a name that does not find its own column */
	while (csvread_next(r, &row, &e) == 1)
		for (i = 0; i < csvread_ncols(r); i++) {
			if (strlen(row.f[i]) > row.len[i])
				abort();
			(void)num_parse(row.f[i], row.len[i], &v);
		}
	csvread_close(r);
	return 0;
}
