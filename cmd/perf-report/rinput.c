/* rinput.c - recognising perfpipe files by their header or format tag,
 * and which raw files the documents given were made from. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmt/csvread.h"
#include "fmt/jsonio.h"
#include "rinput.h"
#include "util/xalloc.h"

/* The JSON formats perf-report reads, and the major version it knows. */
static const struct {
	const char *prog;
	enum rkind kind;
} known[] = {
	{ "perf-trend", RK_TREND },
	{ "perf-bottleneck", RK_FINDINGS },
	{ "perf-validate", RK_VALIDATION },
};

const char *
rinput_kind_name(enum rkind k)
{
	static const char *const names[] = { "samples", "runs", "trend",
		"findings", "validation" };

	return names[k];
}

/* Copies standard input into DIR/data/stdin.in (read more than once, and
 * kept with the report as what it was made from).  Returns the path or
 * NULL. */
static char *
copy_stdin(const char *workdir, struct perr *e)
{
	char buf[65536], *path = xasprintf("%s/data/stdin.in", workdir);
	ssize_t n, w, off;
	int fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600)) < 0) {
		perr_set(e, "%s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	for (;;) {
		n = read(STDIN_FILENO, buf, sizeof buf);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			perr_set(e, "<stdin>: %s", strerror(errno));
			goto fail;
		}
		for (off = 0; off < n; off += w)
			if ((w = write(fd, buf + off, n - off)) < 0) {
				perr_set(e, "%s: %s", path, strerror(errno));
				goto fail;
			}
	}
	if (close(fd) != 0) {
		fd = -1;
		perr_set(e, "%s: %s", path, strerror(errno));
		goto fail;
	}
	return path;
fail:
	if (fd >= 0)
		close(fd);
	free(path);
	return NULL;
}

/* The first byte that is not blank (nor a UTF-8 byte order mark): '{' is
 * JSON.  Returns the byte, 0 for an input with nothing in it, -1 with the
 * reason in e. */
static int
first_byte(const char *path, const char *name, struct perr *e)
{
	FILE *fp;
	int c, bom = 0;

	if ((fp = fopen(path, "r")) == NULL)
		return perr_set(e, "%s: %s", name, strerror(errno));
	while ((c = getc(fp)) != EOF) {
		if (c == 0xef || (bom && (c == 0xbb || c == 0xbf))) {
			bom = 1;
			continue;
		}
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
	}
	if (ferror(fp)) {
		fclose(fp);
		return perr_set(e, "%s: %s", name, strerror(errno));
	}
	fclose(fp);
	return c == EOF ? 0 : c;
}

static int
open_json(struct rinput *in, struct perr *e)
{
	struct perr je;
	const char *fmt, *slash;
	size_t i, plen;

	if ((in->doc = jsonio_read(in->path, &je)) == NULL) {
		/* jsonio names the path it read: name the input instead. */
		const char *msg = je.msg;

		if (strncmp(msg, in->path, strlen(in->path)) == 0)
			msg += strlen(in->path);
		return perr_set(e, "%s%s%s", in->name, *msg == ':' ? "" : ": ",
		    msg);
	}
	fmt = json_string_value(json_object_get(in->doc, "format"));
	if (fmt == NULL || (slash = strchr(fmt, '/')) == NULL)
		return perr_set(e, "%s:1: unknown format: a JSON document "
		    "without a \"format\" tag such as \"perf-trend/1\"",
		    in->name);
	plen = (size_t)(slash - fmt);
	for (i = 0; i < sizeof known / sizeof known[0]; i++) {
		if (strlen(known[i].prog) != plen ||
		    strncmp(known[i].prog, fmt, plen) != 0)
			continue;
		if (strcmp(slash + 1, "1") != 0)
			return perr_set(e, "%s:1: format '%s': another major "
			    "version (this perf-report reads %s/1)", in->name,
			    fmt, known[i].prog);
		in->kind = known[i].kind;
		return 0;
	}
	return perr_set(e, "%s:1: unknown format '%s' (perf-report reads "
	    "perf-trend/1, perf-bottleneck/1, perf-validate/1, samples and "
	    "runs CSV)", in->name, fmt);
}

static int
open_csv(struct rinput *in, struct perr *e)
{
	struct csvread *r;
	struct perr ce;
	char *paths[1];

	paths[0] = in->path;
	if ((r = csvread_open(paths, 1, &ce)) == NULL) {
		const char *msg = ce.msg;

		if (strncmp(msg, in->path, strlen(in->path)) == 0)
			msg += strlen(in->path);
		return perr_set(e, "%s%s%s", in->name, *msg == ':' ? "" : ": ",
		    msg);
	}
	if (csvread_col(r, "time") >= 0 && csvread_col(r, "host") >= 0 &&
	    csvread_col(r, "interval_s") >= 0)
		in->kind = RK_SAMPLES;
	else if (csvread_col(r, "wall_s") >= 0 && csvread_col(r, "run") >= 0)
		in->kind = RK_RUNS;
	else {
		csvread_close(r);
		return perr_set(e, "%s:1: unknown format: neither samples "
		    "(columns time, host, interval_s) nor runs (wall_s, run)",
		    in->name);
	}
	csvread_close(r);
	return 0;
}

int
rinput_open(const char *arg, const char *workdir, struct rinput *in,
    struct perr *e)
{
	int c;

	memset(in, 0, sizeof *in);
	in->rows = -1;
	if (strcmp(arg, "-") == 0) {
		in->name = xstrdup("<stdin>");
		if ((in->path = copy_stdin(workdir, e)) == NULL)
			goto bad;
	} else {
		in->name = xstrdup(arg);
		in->path = xstrdup(arg);
	}
	if ((c = first_byte(in->path, in->name, e)) < 0)
		goto bad;
	if (c == 0) {
		perr_set(e, "%s:1: empty input", in->name);
		goto bad;
	}
	if (c == '{' ? open_json(in, e) != 0 : (in->rows = 0, open_csv(in, e))
	    != 0)
		goto bad;
	return 0;
bad:
	/* Nothing is left to free on failure. */
	rinput_free(in);
	memset(in, 0, sizeof *in);
	return -1;
}

void
rinput_free(struct rinput *in)
{
	free(in->name);
	free(in->path);
	if (in->doc)
		json_decref(in->doc);
}

/* The last part of a path. */
static const char *
base(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/* Whether doc was made from a file named name: one of its inputs has
 * name's last part (perf-trend, perf-bottleneck and perf-validate list
 * the files they read, as they were given to them). */
static int
made_from(const json_t *doc, const char *name)
{
	const json_t *v;
	size_t i;

	json_array_foreach(json_object_get(doc, "inputs"), i, v)
		if (json_is_string(json_object_get(v, "path")) &&
		    strcmp(base(json_string_value(json_object_get(v, "path"))),
		    base(name)) == 0)
			return 1;
	return 0;
}

/* Whether a document of kind k among the inputs was made from in. */
static int
covered(const struct rinput *all, size_t nin, enum rkind k,
    const struct rinput *in)
{
	size_t i;

	for (i = 0; i < nin; i++)
		if (all[i].kind == k && all[i].doc && made_from(all[i].doc,
		    in->name))
			return 1;
	return 0;
}

/* Warns of each given document made from none of the raw files given
 * beside it (nraw of them): its figures are about other files. */
void
rinput_unrelated(const struct rinput *in, size_t nin, size_t nraw)
{
	size_t i, j;
	int any;

	for (i = 0; i < nin && nraw > 0; i++) {
		if (in[i].doc == NULL)
			continue;
		for (j = 0, any = 0; j < nin && !any; j++)
			any = in[j].doc == NULL && made_from(in[i].doc,
			    in[j].name);
		if (!any)
			warnx("%s: made from none of the files given beside it: "
			    "its figures are about other files (the files it "
			    "lacks are derived)", in[i].name);
	}
}

/* The inputs of kind k (k2 too, unless it is k): their paths and names;
 * with cover (not RK_SAMPLES), only those no given document of that kind
 * was made from: those are derived. */
size_t
rinput_of_kind(struct rinput *in, size_t nin, enum rkind k, enum rkind k2,
    enum rkind cover, char ***paths, const char ***names)
{
	size_t i, n = 0;

	*paths = xcalloc(nin + 1, sizeof **paths);
	*names = xcalloc(nin + 1, sizeof **names);
	for (i = 0; i < nin; i++)
		if ((in[i].kind == k || in[i].kind == k2) &&
		    (cover == RK_SAMPLES || !covered(in, nin, cover, &in[i]))) {
			(*paths)[n] = in[i].path;
			(*names)[n++] = in[i].name;
		}
	return n;
}

/* The path of standard input's copy, or NULL when it is no input. */
const char *
rinput_stdin(const struct rinput *in, size_t nin)
{
	size_t i;

	for (i = 0; i < nin; i++)
		if (strcmp(in[i].name, "<stdin>") == 0)
			return in[i].path;
	return NULL;
}

/*
 * Renames standard input's copy (path, n bytes) <stdin> in every string
 * of v that starts with it: perf-validate reads files by name, so its
 * document names the copy by its temporary path.  Returns whether any
 * string changed.
 */
int
rinput_rename_stdin(json_t *v, const char *path, size_t n)
{
	const char *k;
	json_t *x;
	size_t i;
	char *t;
	int any = 0;

	if (json_is_string(v) && strncmp(json_string_value(v), path, n) == 0) {
		t = xasprintf("<stdin>%s", json_string_value(v) + n);
		json_string_set(v, t);
		free(t);
		return 1;
	}
	if (json_is_object(v))
		json_object_foreach(v, k, x)
			any |= rinput_rename_stdin(x, path, n);
	if (json_is_array(v))
		json_array_foreach(v, i, x)
			any |= rinput_rename_stdin(x, path, n);
	return any;
}
