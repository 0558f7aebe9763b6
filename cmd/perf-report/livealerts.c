/* livealerts.c - the alerts of perf-report --live: perf-bottleneck
 * --follow run beside it, fed the rows as they come, its alert lines read
 * back without blocking. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "derive.h"
#include "livealerts.h"
#include "run/launch.h"

/* Starts perf-bottleneck --follow -f json (beside us, else on PATH). */
int
livealerts_start(struct livealerts *a, const struct csvread *r)
{
	char *argv[5];
	struct launch_opts o;
	int in[2], out[2], err;
	size_t i;

	memset(a, 0, sizeof *a);
	a->fd = -1;
	a->firing = json_object();
	argv[0] = derive_sibling("perf-bottleneck");
	argv[1] = "-F";
	argv[2] = "-f";
	argv[3] = "json";
	argv[4] = NULL;
	if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0)
		return -1;
	launch_opts_init(&o);
	o.in_fd = in[0];
	o.out_fd = out[1];
	o.err_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if ((err = launch_opts_prepare(&o)) == 0) {
		err = launch_start(&o, argv, &a->pid);
		launch_opts_free(&o);
	}
	close(in[0]);
	close(out[1]);
	close(o.err_fd);
	free(argv[0]);
	if (err != 0) {
		close(in[1]);
		close(out[0]);
		fprintf(stderr, "perf-report: perf-bottleneck: %s (no alerts "
		    "shown)\n", strerror(err));
		return -1;
	}
	a->in = fdopen(in[1], "w");
	a->fd = out[0];
	fcntl(a->fd, F_SETFL, O_NONBLOCK);
	csvwrite_init(&a->w, a->in);
	for (i = 0; i < csvread_ncols(r); i++)
		csvwrite_str(&a->w, csvread_colname(r, i));
	csvwrite_end(&a->w);
	fflush(a->in);
	return 0;
}

void
livealerts_row(struct livealerts *a, const struct csvread *r,
    const struct csvread_row *row)
{
	size_t i;

	if (a->in == NULL)
		return;
	for (i = 0; i < csvread_ncols(r); i++)
		csvwrite_str(&a->w, row->f[i]);
	if (csvwrite_end(&a->w) != 0 || fflush(a->in) != 0) {
		fclose(a->in);	/* perf-bottleneck gone: no more alerts */
		a->in = NULL;
	}
}

/* Takes the alert lines perf-bottleneck has written so far. */
void
livealerts_drain(struct livealerts *a)
{
	ssize_t got;
	char *nl;
	json_t *j;
	const char *id, *state;

	if (a->fd < 0)
		return;
	while ((got = read(a->fd, a->buf + a->len,
	    sizeof a->buf - 1 - a->len)) > 0) {
		a->len += (size_t)got;
		a->buf[a->len] = '\0';
		while ((nl = strchr(a->buf, '\n')) != NULL) {
			*nl = '\0';
			if ((j = json_loads(a->buf, 0, NULL)) != NULL) {
				id = json_string_value(json_object_get(j, "id"));
				state = json_string_value(json_object_get(j,
				    "state"));
				if (id && state && strcmp(state, "firing") == 0)
					json_object_set(a->firing, id, j);
				else if (id)
					json_object_del(a->firing, id);
				json_decref(j);
			}
			memmove(a->buf, nl + 1, a->len - (size_t)(nl + 1 -
			    a->buf) + 1);
			a->len -= (size_t)(nl + 1 - a->buf);
		}
		if (a->len == sizeof a->buf - 1)
			a->len = 0;	/* a line too long: dropped */
	}
}

#define ALERTS_GRACE_MS 3000	/* perf-bottleneck's time to end */

/*
 * perf-bottleneck's end: its input closed (and told to stop, when the
 * user quit): its last alerts read as they come, then the process reaped;
 * killed if it has not ended within ALERTS_GRACE_MS, so that a child that
 * hangs (under ASan, LeakSanitizer's check at exit once did) cannot keep
 * the terminal.
 */
void
livealerts_end(struct livealerts *a, int quit)
{
	struct pollfd pfd = { .fd = a->fd, .events = POLLIN };
	struct timespec t0, t;
	int ready;

	if (a->in != NULL)
		fclose(a->in);
	a->in = NULL;
	if (a->pid <= 0)
		return;
	if (quit)
		kill(a->pid, SIGTERM);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (waitpid(a->pid, NULL, WNOHANG) == 0) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		if ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) /
		    1000000 > ALERTS_GRACE_MS) {
			kill(a->pid, SIGKILL);
			while (waitpid(a->pid, NULL, 0) < 0 &&
			    errno == EINTR)
				;
			break;
		}
		ready = poll(&pfd, 1, 50);
		if (ready > 0 && (pfd.revents & POLLIN))
			livealerts_drain(a);
		else if (ready > 0)
			usleep(10000);	/* its output closed, it not yet gone */
	}
	livealerts_drain(a);
	close(a->fd);
	a->pid = 0;
}


void
livealerts_free(struct livealerts *a)
{
	json_decref(a->firing);
}
