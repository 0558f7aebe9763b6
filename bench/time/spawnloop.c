/* spawnloop.c - the physical floor of a benchmark harness: posix_spawn and
 * wait4 a command N times, standard input and output on /dev/null (as
 * perf-time and hyperfine run it), nothing else; prints the mean wall time
 * per run in seconds.  Usage: spawnloop N COMMAND [ARG ...] */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char *argv[])
{
	posix_spawn_file_actions_t fa;
	struct rusage ru;
	double sum = 0, t0;
	long n, i;
	char *end;
	pid_t pid;
	int null, status;

	if (argc < 3 || (n = strtol(argv[1], &end, 10)) <= 0 || *end != '\0') {
		fprintf(stderr, "usage: spawnloop N COMMAND [ARG ...]\n");
		return 2;
	}
	if ((null = open("/dev/null", O_RDWR | O_CLOEXEC)) < 0)
		return 2;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, null, 0);
	posix_spawn_file_actions_adddup2(&fa, null, 1);
	for (i = 0; i < n; i++) {
		t0 = now();
		if (posix_spawnp(&pid, argv[2], &fa, NULL, argv + 2, environ) != 0) {
			perror(argv[2]);
			return 2;
		}
		if (wait4(pid, &status, 0, &ru) < 0)
			return 2;
		sum += now() - t0;
	}
	printf("%.9f\n", sum / (double)n);
	return 0;
}
