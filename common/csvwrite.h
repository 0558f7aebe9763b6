/* csvwrite.h - CSV writer: RFC 4180 quoting through libcsv (only fields
 * that need it are quoted), '\n' line ends, numbers in a fixed format. */
#ifndef CSVWRITE_H
#define CSVWRITE_H

#include <stdio.h>

struct csvw {
	FILE *fp;
	int infield;	/* a field was written on this line: next needs a comma */
};

void csvw_init(struct csvw *w, FILE *fp);
/* Each writes one field of the current line. */
void csvw_str(struct csvw *w, const char *s);
void csvw_empty(struct csvw *w);
/* NaN is written as an empty field (unknown), never as 0. */
void csvw_num(struct csvw *w, double v, int decimals);
void csvw_num_sig(struct csvw *w, double v, int sig);
void csvw_int(struct csvw *w, long long v);
/* Ends the line.  Returns 0, or -1 if the stream has an error (errno set). */
int csvw_end(struct csvw *w);
/* Writes a whole header line from a list of names. */
int csvw_header(struct csvw *w, const char *const *names, size_t n);

#endif
