/* gen.c - a seeded samples-like CSV for bench/trend: time, host, then 20
 * metric columns of assorted shapes (percentages, skewed sizes, rates,
 * counters with missing values).  Usage: gen ROWS > file.csv */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t s = 0x9E3779B97F4A7C15ULL;

static double
u01(void)
{
	s ^= s << 13;
	s ^= s >> 7;
	s ^= s << 17;
	return (double)(s >> 11) / 9007199254740992.0;
}

int
main(int argc, char *argv[])
{
	long rows = argc > 1 ? strtol(argv[1], NULL, 10) : 2000000, r;
	int c;

	printf("time,host");
	for (c = 0; c < 20; c++)
		printf(c % 4 == 0 ? ",m%02d_pct" : c % 4 == 1 ? ",m%02d_bytes" :
		    c % 4 == 2 ? ",m%02d_per_s" : ",m%02d_s", c);
	putchar('\n');
	for (r = 0; r < rows; r++) {
		printf("%.3f,%s", 1.7e9 + r * 0.5, r % 2 ? "db1" : "web1");
		for (c = 0; c < 20; c++) {
			double u = u01();

			switch (c % 4) {
			case 0: printf(",%.2f", 100 * u * u); break;
			case 1: printf(",%.0f", exp(10 + 4 * u)); break;
			case 2: printf(",%.1f", 1000 * (1 + sin(r / 1000.0)) + 50 * u); break;
			default:
				if (u < 0.01)
					putchar(',');
				else
					printf(",%.6f", -log(u) * 0.01);
			}
		}
		putchar('\n');
	}
	return ferror(stdout) != 0;
}
