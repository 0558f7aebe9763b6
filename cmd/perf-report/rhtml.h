/* rhtml.h - the report document as one self-contained HTML page. */
#ifndef RHTML_H
#define RHTML_H

#include <jansson.h>
#include <stdio.h>

/* chartdir: where the charts' SVG files are, to inline them (NULL: none).
 * interactive: the SVGs carry gnuplot's mouse script, so each goes into
 * an <iframe srcdoc> of its own (the script finds its elements by id, and
 * ids must not repeat in one document).  Returns 0, or -1 with the chart
 * that could not be read in why. */
int rhtml_write(const json_t *doc, const char *chartdir, int interactive,
    FILE *fp, char *why, size_t whylen);

#endif
