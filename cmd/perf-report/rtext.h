/* rtext.h - the report document rendered for people: plain text (100
 * columns, tables aligned) and Markdown (GitHub's, for a CI job summary);
 * HTML is rhtml.c's.  Text from the data is escaped for each. */
#ifndef RTEXT_H
#define RTEXT_H

#include <jansson.h>
#include <stdio.h>

/* The width plain text keeps to. */
#define RTEXT_WIDTH 100

void rtext_text(const json_t *doc, FILE *fp);
void rtext_md(const json_t *doc, FILE *fp);
/* A string member of o, "" when it is none. */
const char *rtext_str(const json_t *o, const char *key);
/* The document's chart entry named file, or NULL. */
const json_t *rtext_chart(const json_t *doc, const char *file);
/* A table cell as text: numbers with 4 significant digits (integers in
 * full), null as "-", strings escaped.  The caller frees it. */
char *rtext_cell(const json_t *cell);

#endif
