/* spans.c - a small program timed both ways perfspan offers: by hand
 * with named spans (built with -DHAND_SPANS, linked with libperfspan),
 * and whole, every function, built with -finstrument-functions and run
 * with libperfspan-auto.so preloaded.  The tests check its rows against
 * the work it did; bench/spans/run times it against gprof.
 *
 *   spans [-b|-a|-s] OUTER INNER WORK THREADS
 *
 * Each of THREADS threads calls outer() OUTER times; each outer() calls
 * inner() INNER times and leaf() once; inner() and leaf() spin WORK
 * rounds of arithmetic, leaf() half as many.  Prints the checksum on
 * stdout and exits 0.  -b misuses the API first (an end never begun,
 * mismatched nesting) and exits 3; -a aborts after the work; -s ends
 * the program with exit(5) from inside outer().
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HAND_SPANS
#include "perfspan.h"
#define BEGIN(n) perfspan_begin(n)
#define END(n) perfspan_end(n)
#else
#define BEGIN(n) ((void)0)
#define END(n) ((void)0)
#endif

static long outer_n, inner_n, work_n;
static int exit_inside;

static __attribute__((noinline)) unsigned long
spin(long rounds)
{
	volatile unsigned long x = 1;
	long i;

	for (i = 0; i < rounds; i++)
		x = x * 2862933555777941757u + 3037000493u;
	return x;
}

static __attribute__((noinline)) unsigned long
inner(void)
{
	unsigned long x;

	BEGIN("inner");
	x = spin(work_n);
	END("inner");
	return x;
}

static __attribute__((noinline)) unsigned long
leaf(void)
{
	unsigned long x;

	BEGIN("leaf");
	x = spin(work_n / 2);
	END("leaf");
	return x;
}

static __attribute__((noinline)) unsigned long
outer(void)
{
	unsigned long x = 0;
	long i;

	BEGIN("outer");
	for (i = 0; i < inner_n; i++)
		x += inner();
	x += leaf();
	if (exit_inside)
		exit(5);
	END("outer");
	return x;
}

static void *
thread(void *arg)
{
	unsigned long *sum = arg;
	long i;

	for (i = 0; i < outer_n; i++)
		*sum += outer();
	return NULL;
}

static long
number(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 0 || v > 100000000) {
		fprintf(stderr, "spans: '%s': want 0 to 100000000\n", s);
		exit(2);
	}
	return v;
}

int
main(int argc, char **argv)
{
	pthread_t t[64];
	unsigned long sum[64] = { 0 }, total = 0;
	long i, nthreads;
	int bad = 0, abrt = 0, opt;

	while ((opt = getopt(argc, argv, "abs")) != -1) {
		switch (opt) {
		case 'a': abrt = 1; break;
		case 'b': bad = 1; break;
		case 's': exit_inside = 1; break;
		default: return 2;
		}
	}
	if (argc - optind != 4) {
		fputs("usage: spans [-b|-a|-s] OUTER INNER WORK THREADS\n",
		    stderr);
		return 2;
	}
	outer_n = number(argv[optind]);
	inner_n = number(argv[optind + 1]);
	work_n = number(argv[optind + 2]);
	nthreads = number(argv[optind + 3]);
	if (nthreads < 1 || nthreads > 64) {
		fputs("spans: THREADS: want 1 to 64\n", stderr);
		return 2;
	}
	if (bad) {
		END("never-begun");
		BEGIN("a");
		BEGIN("b");
		END("a");
		END("b");
	}
	for (i = 1; i < nthreads; i++)
		if (pthread_create(&t[i], NULL, thread, &sum[i]) != 0) {
			fputs("spans: cannot start a thread\n", stderr);
			return 2;
		}
	thread(&sum[0]);
	for (i = 1; i < nthreads; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < nthreads; i++)
		total += sum[i];
	printf("checksum %lu\n", total);
	if (fflush(stdout) != 0)
		return 2;
	if (abrt)
		abort();
	return bad ? 3 : 0;
}
