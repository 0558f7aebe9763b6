/* livealerts.h - the alerts of perf-report --live, from perf-bottleneck
 * --follow run beside it. */
#ifndef LIVEALERTS_H
#define LIVEALERTS_H

#include <jansson.h>
#include <stdio.h>
#include <sys/types.h>

#include "fmt/csvread.h"
#include "fmt/csvwrite.h"

struct livealerts {
	FILE *in;		/* rows to perf-bottleneck -F; NULL: none */
	int fd;			/* its alert lines (non-blocking), -1: none */
	pid_t pid;
	struct csvwrite w;
	char buf[65536];
	size_t len;
	json_t *firing;		/* id -> the latest alert line */
};

/* Starts perf-bottleneck --follow -f json (beside us, else on PATH) and
 * gives it r's header: 0, or -1 with a said why on stderr (a->fd stays
 * -1: no alerts known). */
int livealerts_start(struct livealerts *a, const struct csvread *r);
/* Gives it a row (nothing once it is gone). */
void livealerts_row(struct livealerts *a, const struct csvread *r,
    const struct csvread_row *row);
/* Takes the alert lines it has written so far into a->firing. */
void livealerts_drain(struct livealerts *a);
/* Ends it: its input closed, its last alerts read, the process reaped
 * (killed after 3 s: it must not keep the terminal); quit: told to stop
 * first. */
void livealerts_end(struct livealerts *a, int quit);
void livealerts_free(struct livealerts *a);

#endif
