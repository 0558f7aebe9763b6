/* csvloop.c - the floor for bench/trend: libcsv parsing a file with empty
 * callbacks, counting fields and records, nothing else. */
#include <csv.h>
#include <stdio.h>

static unsigned long fields, records;

static void on_field(void *s, size_t n, void *d) { (void)s; (void)n; (void)d; fields++; }
static void on_record(int c, void *d) { (void)c; (void)d; records++; }

int
main(int argc, char *argv[])
{
	static char buf[65536];
	struct csv_parser p;
	FILE *fp = argc > 1 ? fopen(argv[1], "r") : stdin;
	size_t n;

	if (fp == NULL || csv_init(&p, CSV_STRICT | CSV_REPALL_NL) != 0)
		return 2;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
		if (csv_parse(&p, buf, n, on_field, on_record, NULL) != n)
			return 2;
	csv_fini(&p, on_field, on_record, NULL);
	printf("%lu records, %lu fields\n", records, fields);
	return 0;
}
