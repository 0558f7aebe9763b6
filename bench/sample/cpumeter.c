/* cpumeter.c - CPU time per sample and peak RSS of a periodic sampler;
 * runs a command, prints "mean_us maxrss_kib median_us" on stdout. */
/*
 * usage: cpumeter INTERVAL_S SKIP K COMMAND [ARG...]
 *
 * Starts COMMAND (a sampler taking one sample every INTERVAL_S seconds)
 * and reads the CPU time of all its threads from /proc/PID/task/{*}/schedstat
 * (nanoseconds on the CPU, user and system) half an interval after sample
 * SKIP and then after each of the next K samples.  The readings fall
 * midway between samples, while the sampler sleeps, so the differences
 * are exactly one sample's work each: start-up and exit cancel out.  The
 * mean is the total over K; the median shows whether a few samples
 * (a cold cache, a preemption) carry it.  Then waits for COMMAND
 * (terminating it if it outlives its count) and takes the peak resident
 * set size of the whole run from wait4.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
sleep_until(double t)
{
	struct timespec ts;

	ts.tv_sec = (time_t)t;
	ts.tv_nsec = (long)((t - (double)ts.tv_sec) * 1e9);
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	    EINTR)
		;
}

/* CPU nanoseconds of every thread of pid; -1 when it has ended (even if
 * not reaped yet: a zombie's counters are no sample's). */
static long long
cpu_ns(pid_t pid)
{
	char path[320], line[128];
	struct dirent *de;
	long long sum = 0, v;
	siginfo_t si;
	DIR *d;
	FILE *fp;

	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0 ||
	    si.si_pid == pid)
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/schedstat",
		    (int)pid, de->d_name);
		if ((fp = fopen(path, "r")) == NULL)
			continue;
		if (fgets(line, sizeof(line), fp) != NULL &&
		    sscanf(line, "%lld", &v) == 1)
			sum += v;
		fclose(fp);
	}
	closedir(d);
	return sum;
}

static int
cmpll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static double
number(const char *s, const char *what)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !(v >= 0 && v < 86400)) {
		fprintf(stderr, "cpumeter: %s '%s': not a number in 0-86400\n",
		    what, s);
		exit(2);
	}
	return v;
}

int
main(int argc, char *argv[])
{
	struct rusage ru;
	double interval, t0, deadline;
	long long c1, c2, c, prev, *d;
	long skip, k, i;
	pid_t pid;
	int status;

	if (argc < 5) {
		fputs("usage: cpumeter INTERVAL_S SKIP K COMMAND [ARG...]\n",
		    stderr);
		return 2;
	}
	interval = number(argv[1], "interval");
	skip = (long)number(argv[2], "skip");
	k = (long)number(argv[3], "k");
	if (k < 1) {
		fputs("cpumeter: k must be at least 1\n", stderr);
		return 2;
	}
	t0 = mono();
	if ((pid = fork()) < 0) {
		perror("cpumeter: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[4], argv + 4);
		fprintf(stderr, "cpumeter: %s: %s\n", argv[4], strerror(errno));
		_exit(127);
	}
	if ((d = calloc((size_t)k, sizeof(*d))) == NULL) {
		perror("cpumeter");
		return 2;
	}
	sleep_until(t0 + (skip + 0.5) * interval);
	c1 = prev = c2 = cpu_ns(pid);
	for (i = 0; i < k && prev >= 0; i++) {
		sleep_until(t0 + (skip + i + 1.5) * interval);
		c = cpu_ns(pid);
		d[i] = c - prev;
		prev = c2 = c;
	}
	deadline = mono() + 2 * interval + 2;
	for (;;) {
		pid_t r = wait4(pid, &status, WNOHANG, &ru);

		if (r == pid)
			break;
		if (r < 0) {
			perror("cpumeter: wait4");
			return 2;
		}
		if (mono() > deadline) {
			kill(pid, SIGTERM);
			deadline = mono() + 60;
		}
		usleep(10000);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
		fprintf(stderr, "cpumeter: %s exited with status %d\n",
		    argv[4], WEXITSTATUS(status));
		free(d);
		return 2;
	}
	if (c1 < 0 || c2 < 0) {
		fprintf(stderr, "cpumeter: %s ended before sample %ld\n",
		    argv[4], skip + k);
		free(d);
		return 2;
	}
	qsort(d, (size_t)k, sizeof(*d), cmpll);
	printf("%.1f %ld %.1f\n", (double)(c2 - c1) / k / 1e3, ru.ru_maxrss,
	    (double)(k % 2 ? d[k / 2] : (d[k / 2 - 1] + d[k / 2]) / 2) / 1e3);
	free(d);
	return fflush(stdout) == 0 ? 0 : 2;
}
