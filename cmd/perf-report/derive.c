/* derive.c - running perf-trend, perf-bottleneck and perf-validate on the
 * raw inputs, so one perf-report command gives a full report without a
 * second copy of their code. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "derive.h"
#include "fmt/jsonio.h"
#include "run/launch.h"
#include "util/xalloc.h"

char *
derive_sibling(const char *prog)
{
	char exe[PATH_MAX], *p, *s;
	ssize_t n;

	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[n] = '\0';
		if ((p = strrchr(exe, '/')) != NULL) {
			*p = '\0';
			s = xasprintf("%s/%s", exe, prog);
			if (access(s, X_OK) == 0)
				return s;
			free(s);
		}
	}
	return xstrdup(prog);
}

int
derive_start(struct derive_job *job, struct perr *e)
{
	struct launch_opts o;
	int fd, efd, ifd = -1, err;

	if ((fd = open(job->out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) < 0)
		return perr_set(e, "%s: %s", job->out, strerror(errno));
	if ((efd = open(job->err, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) < 0) {
		close(fd);
		return perr_set(e, "%s: %s", job->err, strerror(errno));
	}
	if (job->in && (ifd = open(job->in, O_RDONLY | O_CLOEXEC)) < 0) {
		close(fd);
		close(efd);
		return perr_set(e, "%s: %s", job->in, strerror(errno));
	}
	job->argv[0] = derive_sibling(job->prog);
	launch_opts_init(&o);
	o.in_fd = ifd;
	o.out_fd = fd;
	o.err_fd = efd;
	if ((err = launch_opts_prepare(&o)) == 0) {
		err = launch_start(&o, job->argv, &job->pid);
		launch_opts_free(&o);
	}
	close(fd);
	close(efd);
	if (ifd >= 0)
		close(ifd);
	if (err != 0)
		return perr_set(e, "%s: cannot run %s: %s", job->what,
		    job->argv[0], strerror(err));
	return 0;
}

void
derive_kill(struct derive_job *job)
{
	if (job->pid <= 0)
		return;
	kill(job->pid, SIGKILL);
	while (waitpid(job->pid, NULL, 0) < 0 && errno == EINTR)
		;
	job->pid = 0;
}

/* The first line the job wrote on stderr, "" when none. */
static void
first_line(const char *path, char *buf, size_t len)
{
	FILE *fp = fopen(path, "r");

	buf[0] = '\0';
	if (fp == NULL)
		return;
	if (fgets(buf, (int)len, fp) == NULL)
		buf[0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	fclose(fp);
}

json_t *
derive_finish(struct derive_job *job, struct perr *e)
{
	struct perr je;
	json_t *doc;
	char msg[512];
	int status;

	while (waitpid(job->pid, &status, 0) < 0)
		if (errno != EINTR) {
			perr_set(e, "%s: %s", job->what, strerror(errno));
			return NULL;
		}
	job->pid = 0;
	if (WIFSIGNALED(status)) {
		perr_set(e, "%s: killed by signal %d", job->what,
		    WTERMSIG(status));
		return NULL;
	}
	if (WEXITSTATUS(status) > 1) {
		first_line(job->err, msg, sizeof msg);
		perr_set(e, "%s: failed (exit status %d)%s%s", job->what,
		    WEXITSTATUS(status), *msg ? ": " : "", msg);
		return NULL;
	}
	if ((doc = jsonio_read(job->out, &je)) == NULL)
		perr_set(e, "%s: %s", job->what, je.msg);
	return doc;
}
