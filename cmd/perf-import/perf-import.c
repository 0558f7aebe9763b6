/* perf-import.c - results users already have as perfpipe files: reads
 * hyperfine's --export-json and sysstat's sadf -d / sadf -j, writes
 * schemas/runs (hyperfine) or schemas/samples (sadf) as CSV. */
#include <err.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fmt/csvwrite.h"
#include "fmt/jsonio.h"
#include "hfimport.h"
#include "import.h"
#include "sadfimport.h"
#include "util/atomicfile.h"
#include "util/cli.h"
#include "util/xalloc.h"
#include "wide.h"

enum { F_AUTO, F_HYPERFINE_JSON, F_HYPERFINE_CSV, F_SADF_D, F_SADF_J };

static const char *formats[] = { "auto", "hyperfine-json", "hyperfine-csv",
	"sadf-d", "sadf-j" };

static void
usage(FILE *fp)
{
	fprintf(fp,
"usage: perf-import [-q] [-f format] [--host name] [--time epoch] [-o file]\n"
"                   [file]\n");
}

static void
help(void)
{
	usage(stdout);
	fputs("\nConverts hyperfine and sysstat results into perfpipe CSV:\n"
"hyperfine's JSON export into runs (a row per run), sadf -d and sadf -j\n"
"into samples (a row per host and time).\n"
"  -f, --format FMT   hyperfine-json, hyperfine-csv, sadf-d or sadf-j\n"
"                     (default: told from the content)\n"
"  -h, --help         this help\n"
"      --host NAME    the host column (hyperfine: default this machine's\n"
"                     name, its exports have none; sadf: the file's)\n"
"  -o, --output FILE  write FILE whole (default: standard output)\n"
"  -q, --quiet        no warning about fields not imported\n"
"      --time EPOCH   the time of hyperfine's runs (default: the file's\n"
"                     modification time: hyperfine records none)\n"
"  -V, --version      print the version\n"
"Exit status: 0 converted, 2 trouble (bad usage, input that is not what\n"
"it claims or is cut short, I/O error).\n", stdout);
	cli_exit(EXIT_OK);
}

/* Tells the format from the first bytes (skipping blanks). */
static int
detect(const char *buf, size_t n)
{
	size_t i = 0;

	while (i < n && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\t' ||
	    buf[i] == '\r'))
		i++;
	if (i < n && buf[i] == '{')
		return memmem(buf, n, "\"sysstat\"", 9) != NULL ? F_SADF_J :
		    F_HYPERFINE_JSON;
	if (n >= 31 && strncmp(buf, "# hostname;interval;timestamp;", 30) == 0)
		return F_SADF_D;
	if (n >= 8 && strncmp(buf, "command,mean,stddev,median,", 27) == 0)
		return F_HYPERFINE_CSV;
	return F_AUTO;
}

/* Reads the whole input (a day of sadf is a few MiB): the format is told
 * from its start, and nothing is written before all of it is read. */
static char *
slurp(FILE *fp, const char *name, size_t *n)
{
	size_t cap = 1 << 16, got;
	char *p = xmalloc(cap);

	*n = 0;
	while ((got = fread(p + *n, 1, cap - *n, fp)) > 0) {
		*n += got;
		if (*n == cap)
			p = xreallocarray(p, cap *= 2, 1);
	}
	if (ferror(fp))
		err(EXIT_TROUBLE, "%s", name);
	return p;
}

/* Writes the table whole: to -o FILE through a temporary file renamed
 * over it, or to standard output (checked at exit). */
static void
xwrite(const struct wide *w, const char *outpath)
{
	struct atomicfile af;
	struct csvwrite cw;
	struct perr e;

	if (outpath == NULL) {
		csvwrite_init(&cw, stdout);
		if (wide_write(w, &cw) < 0)
			err(EXIT_TROUBLE, "<stdout>: write error");
		return;
	}
	if (atomicfile_open(&af, outpath, &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
	csvwrite_init(&cw, af.fp);
	if (wide_write(w, &cw) < 0) {
		atomicfile_abort(&af);
		err(EXIT_TROUBLE, "%s: write error", outpath);
	}
	if (atomicfile_commit(&af, &e) < 0)
		errx(EXIT_TROUBLE, "%s", e.msg);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "host", required_argument, NULL, 'H' },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "time", required_argument, NULL, 'T' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct import_opts o = { NULL, NULL, NAN };
	struct import_skipped skipped = { NULL, 0 };
	const char *outpath = NULL, *path = "-";
	int c, fmt = F_AUTO, quiet = 0, rv = 0;
	size_t n;
	char *data, *list;
	json_error_t je;
	char hostbuf[256] = "";
	const char *hfhost = NULL;
	struct stat st;
	struct perr e;
	struct wide w;
	json_t *doc;
	FILE *fp;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:f:ho:qV", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			for (fmt = 1; fmt < 5 && strcmp(optarg, formats[fmt]);
			    fmt++)
				;
			if (fmt == 5)
				xcli_misuse(usage, "format '%s': unknown (allowed "
				    "hyperfine-json, hyperfine-csv, sadf-d, "
				    "sadf-j)", optarg);
			break;
		case 'h': help(); break;
		case 'H':
			if (*optarg == '\0')
				xcli_misuse(usage, "host '': empty");
			o.host = optarg;
			break;
		case 'o': outpath = optarg; break;
		case 'q': quiet = 1; break;
		case 'T': o.time = xcli_double("time", optarg, 0, 1e11); break;
		case 'V': cli_version(); break;
		default: xcli_badopt(c, argv, usage);
		}
	}
	/* hyperfine records no host: this machine's, as perf-time's runs
	 * have it, unless --host says another */
	if (o.host == NULL && gethostname(hostbuf, sizeof hostbuf - 1) == 0)
		hfhost = hostbuf;
	if (argc - optind > 1)
		xcli_misuse(usage, "one file at a time (perf-trend merges the "
		    "outputs)");
	if (optind < argc)
		path = argv[optind];
	o.file = strcmp(path, "-") == 0 ? "<stdin>" : path;
	fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (fp == NULL)
		err(EXIT_TROUBLE, "%s", path);
	if (isnan(o.time) && fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode))
		o.time = (double)st.st_mtim.tv_sec + st.st_mtim.tv_nsec / 1e9;
	data = slurp(fp, o.file, &n);
	if (fp != stdin)
		fclose(fp);
	if (n == 0)
		errx(EXIT_TROUBLE, "%s:1: empty", o.file);
	if (fmt == F_AUTO && (fmt = detect(data, n)) == F_AUTO)
		errx(EXIT_TROUBLE, "%s:1: neither hyperfine's export nor sadf "
		    "-d or -j output (give -f to say which)", o.file);
	if (fmt == F_HYPERFINE_CSV)
		errx(EXIT_TROUBLE, "%s:1: hyperfine's CSV holds one summary "
		    "per command (mean, median, ...), not its runs, and "
		    "perfpipe's statistics need the runs: export with "
		    "--export-json instead", o.file);
	wide_init(&w);
	if (fmt == F_SADF_D) {
		if ((fp = fmemopen(data, n, "r")) == NULL)
			err(EXIT_TROUBLE, "fmemopen");
		rv = sadfimport_csv(fp, &o, &w, &skipped, &e);
		fclose(fp);
	} else {
		if ((doc = json_loadb(data, n, JSON_REJECT_DUPLICATES, &je)) ==
		    NULL) {
			free(data);
			errx(EXIT_TROUBLE, "%s:%d:%d: %s", o.file, je.line,
			    je.column, je.text);
		}
		if (fmt == F_SADF_J) {
			rv = sadfimport_json(doc, &o, &w, &skipped, &e);
		} else {
			if (o.host == NULL)
				o.host = hfhost;
			rv = hfimport_json(doc, &o, &w, &skipped, &e);
		}
		json_decref(doc);
	}
	free(data);
	if (rv < 0) {
		wide_free(&w);
		import_skipped_free(&skipped);
		errx(EXIT_TROUBLE, "%s", e.msg);
	}
	if (w.nrows == 0)
		errx(EXIT_TROUBLE, "%s: no %s in it", o.file, fmt == F_HYPERFINE_JSON
		    ? "runs" : "samples");
	if (skipped.n > 0 && !quiet) {
		list = import_skipped_list(&skipped);
		warnx("%s: not imported, unknown to perf-import (a newer "
		    "version?): %s", o.file, list);
		free(list);
	}
	xwrite(&w, outpath);
	wide_free(&w);
	import_skipped_free(&skipped);
	cli_exit(EXIT_OK);
}
