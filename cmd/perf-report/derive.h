/* derive.h - what the raw CSV does not say by itself (statistics, trends,
 * comparisons, findings, validation) computed by the perfpipe programs
 * that own it: perf-trend, perf-bottleneck and perf-validate run beside
 * perf-report, in parallel, and their JSON is read back. */
#ifndef DERIVE_H
#define DERIVE_H

#include <jansson.h>
#include <sys/types.h>

#include "util/perr.h"

struct derive_job {
	const char *prog;	/* "perf-trend" */
	char **argv;		/* argv[0] is filled in by derive_start */
	char *out;		/* its standard output goes here */
	char *what;		/* "perf-trend on runs.csv", for messages */
	const char **names;	/* the inputs' names (borrowed) */
	size_t nnames;
	char *err;		/* its standard error goes here */
	const char *in;		/* its standard input from here (the copy of
				 * ours, given to it as "-" so that it names
				 * it <stdin>), or NULL */
	pid_t pid;		/* 0 when not running */
};

/* The program beside /proc/self/exe, so a build or an install uses its
 * own siblings; else its name, for PATH.  The caller frees it. */
char *derive_sibling(const char *prog);
/* Starts the job: the program beside this one (else on PATH), stdout to
 * job->out, stderr to job->err (its first line is quoted when it fails).  Returns 0, or -1 with the reason in e. */
int derive_start(struct derive_job *job, struct perr *e);
/* Stops a running job (perf-report is giving up). */
void derive_kill(struct derive_job *job);
/* Waits for the job and reads its JSON.  Exit status 0, or 1 (a condition
 * such as --fail-on tripped, which the report shows), are success.
 * Returns the document, or NULL with the reason in e. */
json_t *derive_finish(struct derive_job *job, struct perr *e);

#endif
