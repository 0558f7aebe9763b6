/* csvwrite.c - CSV writer with minimal RFC 4180 quoting via libcsv. */
#include <csv.h>
#include <errno.h>
#include <string.h>

#include "csvwrite.h"
#include "num.h"

void
csvw_init(struct csvw *w, FILE *fp)
{
	w->fp = fp;
	w->infield = 0;
}

static void
sep(struct csvw *w)
{
	if (w->infield)
		putc(',', w->fp);
	w->infield = 1;
}

void
csvw_str(struct csvw *w, const char *s)
{
	size_t n = strlen(s);

	sep(w);
	/* Quote only what a reader would otherwise split or trim. */
	if (strpbrk(s, ",\"\r\n") != NULL ||
	    (n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' ||
	    s[n - 1] == '\t')))
		csv_fwrite(w->fp, s, n);
	else
		fwrite(s, 1, n, w->fp);
}

void
csvw_empty(struct csvw *w)
{
	sep(w);
}

void
csvw_num(struct csvw *w, double v, int decimals)
{
	char buf[NUM_BUFSZ];

	sep(w);
	fputs(num_fmt(buf, v, decimals), w->fp);
}

void
csvw_num_sig(struct csvw *w, double v, int sig)
{
	char buf[NUM_BUFSZ];

	sep(w);
	fputs(num_fmt_sig(buf, v, sig), w->fp);
}

void
csvw_int(struct csvw *w, long long v)
{
	sep(w);
	fprintf(w->fp, "%lld", v);
}

int
csvw_end(struct csvw *w)
{
	putc('\n', w->fp);
	w->infield = 0;
	return ferror(w->fp) ? -1 : 0;
}

int
csvw_header(struct csvw *w, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		csvw_str(w, names[i]);
	return csvw_end(w);
}
