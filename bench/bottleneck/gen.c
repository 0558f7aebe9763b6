/* gen.c - a seeded week of 1 Hz samples for bench/bottleneck: the header
 * given (perf-sample's default columns), values by unit suffix, with a
 * 30-minute CPU-bound stretch every 6 hours and a 40-minute disk-bound one
 * every day.  Usage: gen HEADER ROWS > file.csv */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t s = 0x9E3779B97F4A7C15ULL;

static double
u01(void)
{
	s ^= s << 13;
	s ^= s >> 7;
	s ^= s << 17;
	return (double)(s >> 11) / 9007199254740992.0;
}

static int
ends(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);

	return n >= m && strcmp(a + n - m, b) == 0;
}

int
main(int argc, char *argv[])
{
	char *cols[256], *tok, *hdr;
	long rows, r;
	int n = 0, c, cpu, disk;
	double v;

	if (argc != 3)
		return 2;
	hdr = strdup(argv[1]);
	rows = strtol(argv[2], NULL, 10);
	for (tok = strtok(hdr, ","); tok && n < 256; tok = strtok(NULL, ","))
		cols[n++] = tok;
	printf("%s\n", argv[1]);
	for (r = 0; r < rows; r++) {
		cpu = r % 21600 < 1800;
		disk = r % 86400 >= 43200 && r % 86400 < 45600;
		for (c = 0; c < n; c++) {
			const char *k = cols[c];

			if (c > 0)
				putchar(',');
			if (strcmp(k, "time") == 0)
				printf("%ld", 1767225600 + r);
			else if (strcmp(k, "host") == 0)
				fputs("bench1", stdout);
			else if (strcmp(k, "interval_s") == 0)
				fputs("1.0001", stdout);
			else if (strcmp(k, "cpu_busy_pct") == 0)
				printf("%.2f", cpu ? 95 + 4 * u01() : 20 * u01());
			else if (strcmp(k, "cpu_iowait_pct") == 0)
				printf("%.2f", disk ? 30 + 10 * u01() : u01());
			else if (strncmp(k, "load", 4) == 0)
				printf("%.2f", cpu ? 6 + u01() : u01());
			else if (strcmp(k, "disk_util_pct") == 0)
				printf("%.2f", disk ? 96 + 3 * u01() : 10 * u01());
			else if (strcmp(k, "disk_queue_count") == 0)
				printf("%.2f", disk ? 12 + u01() : u01());
			else if (strncmp(k, "psi_cpu_some", 12) == 0)
				printf("%.2f", cpu ? 60 + u01() : u01());
			else if (ends(k, "_pct"))
				printf("%.2f", 5 * u01());
			else if (ends(k, "_drops_per_s") ||
			    ends(k, "_errors_per_s"))
				/* A few per thousand packets (the packet
				 * rates are 1000-1100): perf-bottleneck's
				 * drop percentage stays a percentage. */
				printf("%.2f", 5 * u01());
			else if (strstr(k, "oom_kills") != NULL)
				/* An OOM kill is an event, not a level: a
				 * quiet week has none. */
				fputs("0", stdout);
			else if (ends(k, "_packets_per_s"))
				printf("%.0f", 1000 + 100 * u01());
			else if (ends(k, "_kib"))
				printf("%.0f", 1e6 + 1e5 * u01());
			else if (ends(k, "_count"))
				printf("%.0f", 100 + 10 * u01());
			else {
				v = 100 * u01();
				printf("%.2f", v);
			}
		}
		putchar('\n');
	}
	return 0;
}
