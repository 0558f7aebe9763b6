/* csvwrite.c - CSV writer with minimal RFC 4180 quoting via libcsv. */
#include <csv.h>
#include <errno.h>
#include <string.h>

#include "csvwrite.h"
#include "util/num.h"

void
csvwrite_init(struct csvwrite *w, FILE *fp)
{
	w->fp = fp;
	w->infield = 0;
}

static void
sep(struct csvwrite *w)
{
	if (w->infield)
		putc(',', w->fp);
	w->infield = 1;
}

void
csvwrite_str(struct csvwrite *w, const char *s)
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
csvwrite_joined(struct csvwrite *w, const char *text, size_t len)
{
	if (len == 0)
		return;
	sep(w);
	fwrite(text, 1, len, w->fp);
}

void
csvwrite_empty(struct csvwrite *w)
{
	sep(w);
}

void
csvwrite_num(struct csvwrite *w, double v, int decimals)
{
	char buf[NUM_BUFSZ];

	sep(w);
	fputs(num_fmt(buf, v, decimals), w->fp);
}

void
csvwrite_num_sig(struct csvwrite *w, double v, int sig)
{
	char buf[NUM_BUFSZ];

	sep(w);
	fputs(num_fmt_sig(buf, v, sig), w->fp);
}

void
csvwrite_int(struct csvwrite *w, long long v)
{
	sep(w);
	fprintf(w->fp, "%lld", v);
}

int
csvwrite_end(struct csvwrite *w)
{
	putc('\n', w->fp);
	w->infield = 0;
	return ferror(w->fp) ? -1 : 0;
}

int
csvwrite_header(struct csvwrite *w, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		csvwrite_str(w, names[i]);
	return csvwrite_end(w);
}
