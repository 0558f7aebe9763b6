/* procloop.c - the floor for perf-sample's cost: per sample, one read of
 * each of the given /proc and /sys files, nothing else. */
/*
 * usage: procloop [-p] [-s] INTERVAL_S COUNT FILE...
 *
 * Takes COUNT samples INTERVAL_S seconds apart on an absolute
 * CLOCK_MONOTONIC grid (as a sampler would), parses nothing and writes
 * nothing: whatever perf-sample spends beyond this loop is its own cost.
 * bench/sample/run passes the files perf-sample reads in every sample
 * (seen with strace: not the host name, which it reads once at start).
 * Each sample makes one read(2) of each file, of up to READ_MAX bytes,
 * the size of perf-sample's first read (common/sys/procfile.c): the text
 * of a /proc file comes whole in one read, and a second read at its end
 * would only make the kernel produce the text again (seq_file) to find
 * nothing more.  /proc/vmstat is longer than READ_MAX; perf-sample reads
 * only its first READ_MAX bytes (its counters are near the start), and so
 * does this loop.  Without -p each file is opened, read once and closed;
 * with -p the files are opened once and re-read with one pread at offset
 * 0, as perf-sample does: the least work a sampler must do per sample.
 * With -s it also writes the time of each wake-up (epoch seconds,
 * CLOCK_REALTIME) on a line of its own: the floor of a sampler's cadence.
 *
 * usage: procloop -t REPS FILE...
 *
 * Instead, re-reads each file REPS times back to back (kept open, one
 * pread each) and prints "FILE BYTES CPU_US_PER_READ" for each: what the
 * kernel charges to produce it, with warm caches.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* perf-sample's first read: a 4096-byte buffer less its terminating NUL */
enum { READ_MAX = 4095 };

static char buf[READ_MAX];

static void
readonce(const char *path)
{
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return;		/* a file that comes and goes: as a sampler would */
	(void)read(fd, buf, sizeof(buf));
	close(fd);
}

static void
preadonce(int fd)
{
	if (fd >= 0)
		(void)pread(fd, buf, sizeof(buf), 0);
}

static double
number(const char *s, const char *what)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !(v >= 0 && v < 86400)) {
		fprintf(stderr, "procloop: %s '%s': not a number in 0-86400\n",
		    what, s);
		exit(2);
	}
	return v;
}

static double
cputime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
perfile(long reps, int n, char **files)
{
	double t;
	off_t bytes;
	ssize_t r;
	long i;
	int f, fd;

	for (f = 0; f < n; f++) {
		if ((fd = open(files[f], O_RDONLY | O_CLOEXEC)) < 0) {
			fprintf(stderr, "procloop: %s: %s\n", files[f],
			    strerror(errno));
			continue;
		}
		bytes = 0;
		t = cputime();
		for (i = 0; i < reps; i++)
			if ((r = pread(fd, buf, sizeof(buf), 0)) > 0)
				bytes = r;
		t = cputime() - t;
		close(fd);
		printf("%s %lld %.2f\n", files[f], (long long)bytes,
		    t / reps * 1e6);
	}
	return fflush(stdout) == 0 ? 0 : 2;
}

int
main(int argc, char *argv[])
{
	struct timespec next;
	double interval;
	long count, i;
	long long ns;
	struct timespec now;
	int f, keep = 0, stamp = 0, *fds = NULL;

	if (argc > 3 && strcmp(argv[1], "-t") == 0)
		return perfile((long)number(argv[2], "reps"), argc - 3, argv + 3);
	for (; argc > 1; argv++, argc--) {
		if (strcmp(argv[1], "-p") == 0)
			keep = 1;
		else if (strcmp(argv[1], "-s") == 0)
			stamp = 1;
		else
			break;
	}
	if (argc < 4) {
		fputs("usage: procloop [-p] [-s] INTERVAL_S COUNT FILE...\n"
		    "       procloop -t REPS FILE...\n", stderr);
		return 2;
	}
	interval = number(argv[1], "interval");
	count = (long)number(argv[2], "count");
	ns = (long long)(interval * 1e9 + 0.5);
	if (keep) {
		if ((fds = calloc((size_t)argc, sizeof(*fds))) == NULL) {
			perror("procloop");
			return 2;
		}
		for (f = 3; f < argc; f++)
			fds[f] = open(argv[f], O_RDONLY | O_CLOEXEC);
	}
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (i = 0; i < count; i++) {
		if (stamp) {
			clock_gettime(CLOCK_REALTIME, &now);
			printf("%lld.%06ld\n", (long long)now.tv_sec,
			    now.tv_nsec / 1000);
			if (fflush(stdout) == EOF)
				return 2;
		}
		for (f = 3; f < argc; f++)
			if (keep)
				preadonce(fds[f]);
			else
				readonce(argv[f]);
		if (i + 1 == count)
			break;
		next.tv_nsec += ns % 1000000000;
		next.tv_sec += ns / 1000000000 + next.tv_nsec / 1000000000;
		next.tv_nsec %= 1000000000;
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next,
		    NULL) == EINTR)
			;
	}
	free(fds);
	return 0;
}
