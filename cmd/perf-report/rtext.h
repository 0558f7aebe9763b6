/* rtext.h - the report document rendered for people: plain text (100
 * columns, tables aligned), Markdown (GitHub's, for a CI job summary) and
 * one self-contained HTML page.  Text from the data is escaped for each. */
#ifndef RTEXT_H
#define RTEXT_H

#include <jansson.h>
#include <stdio.h>

/* The width plain text keeps to. */
#define RTEXT_WIDTH 100

void rtext_text(const json_t *doc, FILE *fp);
void rtext_md(const json_t *doc, FILE *fp);
/* chartdir: where the charts' SVG files are, to inline them (NULL: none).
 * interactive: the SVGs carry gnuplot's mouse script, so each goes into
 * an <iframe srcdoc> of its own (the script finds its elements by id, and
 * ids must not repeat in one document).  Returns 0, or -1 with the chart
 * that could not be read in why. */
int rtext_html(const json_t *doc, const char *chartdir, int interactive,
    FILE *fp, char *why, size_t whylen);
/* A table cell as text: numbers with 4 significant digits (integers in
 * full), null as "-", strings escaped.  The caller frees it. */
char *rtext_cell(const json_t *cell);

#endif
