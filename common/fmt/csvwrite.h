/* csvwrite.h - CSV writer: RFC 4180 quoting through libcsv (only fields
 * that need it are quoted), '\n' line ends, numbers in a fixed format. */
#ifndef CSVWRITE_H
#define CSVWRITE_H

#include <stdio.h>

struct csvwrite {
	FILE *fp;
	int infield;	/* a field was written on this line: next needs a comma */
};

void csvwrite_init(struct csvwrite *w, FILE *fp);
/* Each writes one field of the current line. */
void csvwrite_str(struct csvwrite *w, const char *s);
void csvwrite_empty(struct csvwrite *w);
/* NaN is written as an empty field (unknown), never as 0. */
void csvwrite_num(struct csvwrite *w, double v, int decimals);
void csvwrite_num_sig(struct csvwrite *w, double v, int sig);
void csvwrite_int(struct csvwrite *w, long long v);
/* Writes fields already formatted and joined by commas, text[0..len),
 * none of which needs quoting (numbers from num.h): many fields in one
 * write, for rows of hundreds of numbers.  len 0 writes nothing. */
void csvwrite_joined(struct csvwrite *w, const char *text, size_t len);
/* Ends the line.  Returns 0, or -1 if the stream has an error (errno set). */
int csvwrite_end(struct csvwrite *w);
/* Writes a whole header line from a list of names. */
int csvwrite_header(struct csvwrite *w, const char *const *names, size_t n);

#endif
