/* perr.h - the error struct through which common/ reports: a function
 * fills it and returns -1 (or NULL); the program decides what to do. */
#ifndef PERR_H
#define PERR_H

struct perr {
	char msg[1024];	/* "file:line: what went wrong", no program name */
};

/* Formats the message into e (which may be NULL) and returns -1. */
int perr_set(struct perr *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
