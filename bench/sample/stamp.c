/* stamp.c - prefixes each line of standard input with the time it
 * arrived (epoch seconds with microseconds, CLOCK_REALTIME) and a tab. */
/*
 * usage: stamp < lines
 *
 * The reader of bench/sample/run's cadence runs: cheap enough (one read
 * per chunk, not per byte as a shell loop) not to disturb the samplers it
 * times.  Each output line is flushed as it is written.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int
main(void)
{
	struct timespec ts;
	char *line = NULL;
	size_t cap = 0;

	while (getline(&line, &cap, stdin) != -1) {
		clock_gettime(CLOCK_REALTIME, &ts);
		if (printf("%lld.%06ld\t%s", (long long)ts.tv_sec,
		    ts.tv_nsec / 1000, line) < 0 || fflush(stdout) == EOF) {
			perror("stamp");
			return 2;
		}
	}
	free(line);
	if (ferror(stdin)) {
		perror("stamp: <stdin>");
		return 2;
	}
	return 0;
}
