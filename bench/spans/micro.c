/* micro.c - bench/spans: the cost of one perfspan begin+end pair against
 * two bare clock_gettime calls, and spans per second from several
 * threads.  Built and run by bench/spans/run.
 *
 *   micro bare|span|empty N      ns per iteration of N on stdout
 *   micro threads T N            T threads, N spans each: spans per second
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "perfspan.h"

static long n;

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void *
spanloop(void *arg)
{
	long i;

	(void)arg;
	for (i = 0; i < n; i++) {
		perfspan_begin("micro");
		perfspan_end("micro");
		/* As in a real program, memory may change between spans: the
		 * flag is loaded again, not hoisted out of the loop. */
		__asm__ volatile("" ::: "memory");
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	struct timespec t;
	pthread_t th[64];
	double t0, t1;
	long i, k;
	volatile long sink = 0;

	if (argc < 3)
		return 2;
	if (strcmp(argv[1], "threads") == 0) {
		k = atol(argv[2]);
		n = atol(argv[3]);
		if (k < 1 || k > 64)
			return 2;
		t0 = now();
		for (i = 0; i < k; i++)
			pthread_create(&th[i], NULL, spanloop, NULL);
		for (i = 0; i < k; i++)
			pthread_join(th[i], NULL);
		t1 = now();
		printf("%.0f\n", (double)(k * n) / (t1 - t0));
		return 0;
	}
	n = atol(argv[2]);
	t0 = now();
	if (strcmp(argv[1], "bare") == 0) {
		for (i = 0; i < n; i++) {
			clock_gettime(CLOCK_MONOTONIC, &t);
			sink += t.tv_nsec;
			clock_gettime(CLOCK_MONOTONIC, &t);
			sink += t.tv_nsec;
			__asm__ volatile("" ::: "memory");
		}
	} else if (strcmp(argv[1], "span") == 0) {
		spanloop(NULL);
	} else {
		for (i = 0; i < n; i++) {
			sink += i;
			__asm__ volatile("" ::: "memory");
		}
	}
	t1 = now();
	printf("%.2f\n", (t1 - t0) / (double)n * 1e9);
	return 0;
}
