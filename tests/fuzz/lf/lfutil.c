/* lfutil.c - memory files and input splitting for the libFuzzer targets. */
#define _GNU_SOURCE
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lfutil.h"

static int fds[4] = { -1, -1, -1, -1 };
static char names[4][32];

const char *
lf_file(int slot, const uint8_t *data, size_t len)
{
	if (fds[slot] < 0) {
		if ((fds[slot] = memfd_create("lf", 0)) < 0)
			err(1, "memfd_create");
		snprintf(names[slot], sizeof names[slot], "/dev/fd/%d", fds[slot]);
	}
	if (ftruncate(fds[slot], 0) < 0 ||
	    (len && pwrite(fds[slot], data, len, 0) != (ssize_t)len))
		err(1, "memfd write");
	return names[slot];
}

const uint8_t *
lf_piece(const uint8_t *data, size_t len, size_t *pos, size_t *n)
{
	const uint8_t *p, *s;

	if (*pos > len)
		return NULL;
	p = data + *pos;
	s = memmem(p, len - *pos, LF_SEP, 2);
	*n = s ? (size_t)(s - p) : len - *pos;
	*pos += *n + 2;
	return p;
}

char *
lf_str(const uint8_t *data, size_t len)
{
	char *s = malloc(len + 1);

	if (s == NULL)
		err(1, "malloc");
	memcpy(s, data, len);
	s[len] = '\0';
	return s;
}
