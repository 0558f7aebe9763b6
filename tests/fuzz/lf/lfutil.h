/* lfutil.h - what the libFuzzer targets share: the fuzz input as a file
 * the readers can open by name (they take paths, as the programs do). */
#ifndef LFUTIL_H
#define LFUTIL_H

#include <stddef.h>
#include <stdint.h>

/* The separator that splits one fuzz input into several files (two bytes
 * that are not UTF-8, so no fixture holds them). */
#define LF_SEP "\xff\xfe"

/*
 * Writes data[0..len) to a memory file and returns its name
 * ("/dev/fd/N"), valid until the next call with the same slot (0-3).
 * Opening the name gives a fresh file description at offset 0, as a
 * named file would.  Dies on a system error (not a finding: the harness).
 */
const char *lf_file(int slot, const uint8_t *data, size_t len);

/* The next piece of data[*pos..len) up to LF_SEP, or NULL after the last;
 * its length in *n, *pos moved past the separator. */
const uint8_t *lf_piece(const uint8_t *data, size_t len, size_t *pos,
    size_t *n);

/* A NUL-terminated copy of data[0..len) (owned by the caller). */
char *lf_str(const uint8_t *data, size_t len);

#endif
