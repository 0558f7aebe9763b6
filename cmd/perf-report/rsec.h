/* rsec.h - the pieces every section of the report document is built of
 * (schemas/report.schema.json): sections with their sources, lines of
 * text and typed tables, and the readers of the documents they are made
 * from.  Text from data goes in with its bytes that are not UTF-8
 * replaced. */
#ifndef RSEC_H
#define RSEC_H

#include <jansson.h>
#include <stddef.h>

/* A JSON string of any bytes: invalid UTF-8 replaced, never NULL. */
json_t *rsec_str(const char *s);
/* Appends a new section (id, title, no sources, lines, tables or charts
 * yet) to doc's "sections" and returns it (borrowed). */
json_t *rsec_new(json_t *doc, const char *id, const char *title);
/* The section of the document with this id, or NULL. */
json_t *rsec_find(json_t *doc, const char *id);
/* Names an input the section was made from (once). */
void rsec_source(json_t *sec, const char *name);
/* Adds the sources of a {"label", "sources", "doc"} input to sec. */
void rsec_sources(json_t *sec, json_t *v);
/* Appends a line to the section's text. */
void rsec_line(json_t *sec, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends a line of text to the array arr (the summary's lines). */
void rsec_linea(json_t *arr, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A table from a column list "name:type:unit,..." (type n or s, unit
 * empty for none), with no rows yet. */
json_t *rsec_table(const char *title, const char *spec);
/* Appends a row: fmt has 's' (const char *, NULL is null) or 'n' (double,
 * NaN is null) per cell. */
void rsec_row(json_t *t, const char *fmt, ...);
/* Adds the table to the section, or frees it when it has no rows. */
void rsec_addtable(json_t *sec, json_t *t);
/* Drops the sections that got nothing to say. */
void rsec_prune(json_t *doc);

/* o's member key as a number (NaN when null or absent), as a string
 * (NULL when absent). */
double rsec_num(json_t *o, const char *key);
const char *rsec_text(json_t *o, const char *key);
/* A trend group's label: its host, then its keys, the command left out
 * when a name says it (malloc'd). */
char *rsec_group_label(json_t *g);
/* The format of a trend document's first input: "samples" or "runs". */
const char *rsec_trend_of(json_t *doc);
/* A span of time for people: "45 s", "12 min", "3.5 h", "6.2 days". */
char *rsec_duration(double s, char *buf, size_t len);

#endif
