/* readloop.c - the second floor for bench/trend: perfpipe's own reading
 * (common/fmt/csvread, the reader every program uses), every row of the
 * file taken and nothing else done with it.  Since csvread splits plain
 * lines itself, faster than libcsv's byte-at-a-time state machine, this is
 * the least work in which any perfpipe program can read the file. */
#include <stdio.h>

#include "fmt/csvread.h"

int
main(int argc, char *argv[])
{
	struct csvread *r;
	struct csvread_row row;
	struct perr e;
	unsigned long rows = 0, bytes = 0;
	size_t i;
	int got;

	if (argc < 2 || (r = csvread_open(argv + 1, 1, &e)) == NULL)
		return 2;
	while ((got = csvread_next(r, &row, &e)) == 1) {
		rows++;
		for (i = 0; i < csvread_ncols(r); i++)
			bytes += row.len[i];
	}
	csvread_close(r);
	if (got < 0) {
		fprintf(stderr, "readloop: %s\n", e.msg);
		return 2;
	}
	printf("%lu rows, %lu bytes of fields\n", rows, bytes);
	return 0;
}
