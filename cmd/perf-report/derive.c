/* derive.c - running perf-trend, perf-bottleneck and perf-validate on the
 * raw inputs, so one perf-report command gives a full report without a
 * second copy of their code. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "derive.h"
#include "fmt/jsonio.h"
#include "run/launch.h"
#include "util/xalloc.h"

/* The program beside /proc/self/exe, so a build or an install uses its own
 * siblings; else its name, for PATH. */
static char *
sibling(const char *prog)
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
	int fd, err;

	if ((fd = open(job->out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) < 0)
		return perr_set(e, "%s: %s", job->out, strerror(errno));
	job->argv[0] = sibling(job->prog);
	launch_opts_init(&o);
	o.out_fd = fd;
	if ((err = launch_opts_prepare(&o)) == 0) {
		err = launch_start(&o, job->argv, &job->pid);
		launch_opts_free(&o);
	}
	close(fd);
	if (err != 0)
		return perr_set(e, "%s: cannot run %s: %s", job->what,
		    job->argv[0], strerror(err));
	return 0;
}

json_t *
derive_finish(struct derive_job *job, struct perr *e)
{
	struct perr je;
	json_t *doc;
	int status;

	while (waitpid(job->pid, &status, 0) < 0)
		if (errno != EINTR) {
			perr_set(e, "%s: %s", job->what, strerror(errno));
			return NULL;
		}
	if (WIFSIGNALED(status)) {
		perr_set(e, "%s: killed by signal %d", job->what,
		    WTERMSIG(status));
		return NULL;
	}
	if (WEXITSTATUS(status) > 1) {
		perr_set(e, "%s: failed (exit status %d)", job->what,
		    WEXITSTATUS(status));
		return NULL;
	}
	if ((doc = jsonio_read(job->out, &je)) == NULL)
		perr_set(e, "%s: %s", job->what, je.msg);
	return doc;
}
