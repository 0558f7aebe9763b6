/* csvread.c - streaming CSV reader on libcsv, with file:line positions.
 *
 * libcsv pushes fields and record ends through callbacks; we copy them into
 * a per-source queue (one flat byte buffer plus field offsets) and hand the
 * queued rows out one by one, refilling from the next chunk of input when
 * the queue is empty.  Memory is bounded by the rows of one chunk. */
#include <csv.h>
#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "csvread.h"
#include "util/strtab.h"
#include "util/xalloc.h"

#define CHUNK 65536
/* Hostile input must not take all memory: a record of more fields, or
 * longer, is an error (perf-trend keeps several KiB per column). */
#define MAXFIELDS 65536
#define MAXRECORD (64 * 1024 * 1024)
/* In offs, the mark of a field that lies in the chunk, not in buf. */
#define INCHUNK ((size_t)1 << (sizeof(size_t) * 8 - 1))

struct qrow {
	long line;
	size_t first;	/* index of its first field in offs */
	size_t n;	/* number of fields */
};

struct src {
	const char *name;
	FILE *fp;
	int is_stdin;
	struct csv_parser p;
	int eof;
	char *chunk;		/* the input read last, CHUNK + 32 bytes */
	size_t held;		/* bytes at its start that may be a BOM */
	char *buf;		/* field bytes, each NUL-terminated */
	size_t buflen, bufcap;
	size_t *offs, *lens;	/* per field: offset in buf (or, marked
				 * INCHUNK, in chunk), length */
	size_t noffs, offcap;
	struct qrow *rows;	/* complete rows not yet handed out */
	size_t nrows, rowcap, head;
	size_t recfields;	/* fields of the record being assembled */
	long line;		/* line where the next record starts */
	long nl;		/* newlines inside the record being assembled */
	int lastterm;		/* terminator of the previous record */
	size_t nhdr;
	size_t *map;		/* map[i]: merged column of this source's column i */
	unsigned char *has;	/* has[c]: whether the source has merged column c */
	int started;		/* whether the BOM check has been done */
	long toowide;		/* line of a record with too many fields, or 0 */
	long nul;		/* line of a field holding a NUL byte, or 0 */
	size_t badrow;		/* rows queued before the first of those */
	int failed;		/* an error found: fail, the rows before it
				 * handed out */
	struct perr fail;	/* that error */
	size_t recbytes;	/* bytes read since the last record ended */
};

struct csvread {
	struct src *srcs;
	size_t nsrc, cur;
	char **names;
	size_t ncols;
	size_t *hidx;		/* names by hash: column + 1, 0 for a free slot */
	size_t hcap;		/* slots, a power of two above 2 * ncols */
	size_t *owner;		/* owner[c]: 1 + the last source mapping c */
	size_t namecap;		/* room in names and owner */
	char **out;
	size_t *outlen;
	char empty[16];		/* "", readable as far as any field */
};

/* Whether the 8 bytes of w hold a NUL or a newline (the classic test for
 * a zero byte, and for a zero byte of w ^ newlines). */
static int
word_special(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = ones << 7;
	const uint64_t nl = w ^ 0x0a0a0a0a0a0a0a0aULL;

	return (((w - ones) & ~w) | ((nl - ones) & ~nl)) & highs ? 1 : 0;
}

/*
 * Copies the field src[0..len) to dst, which has 8 bytes to spare past
 * len, and returns whether it may hold a NUL or a newline.  A word at a
 * time, read from src (a short field built in a register: reading back
 * bytes just stored one by one stalls the processor), since a byte loop
 * with two tests a byte was a twentieth of a whole perf-trend run and two
 * memchr calls a field no better.  When src can be read 8 bytes whatever
 * len (wide), a short field is one load: the loop over its bytes
 * mispredicted its end at every length that changes from one column to
 * the next.
 */
static int
copy_field(char *dst, const char *src, size_t len, int wide)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w = 0, keep;
	size_t i;
	int hit = 0;

	if (len < 8) {
		if (wide) {
			memcpy(&w, src, 8);
			w &= (UINT64_C(1) << (8 * len)) - 1;
		} else
			for (i = 0; i < len; i++)
				w |= (uint64_t)(unsigned char)src[i] << (8 * i);
		memcpy(dst, &w, 8);
		/* The bytes past len read as spaces. */
		keep = (UINT64_C(1) << (8 * len)) - 1;
		return word_special((w & keep) | (0x2020202020202020ULL & ~keep));
	}
	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, src + i, 8);
		hit |= word_special(w);
	}
	memcpy(&w, src + len - 8, 8);	/* the last 8, overlapping */
	hit |= word_special(w);
	memcpy(dst, src, len);
	return hit;
#else
	memcpy(dst, src, len);
	return len > 0;		/* the byte loop decides */
#endif
}

static void __attribute__((noinline))
grow_offs(struct src *sc)
{
	sc->offcap = sc->offcap ? sc->offcap * 2 : 256;
	sc->offs = xreallocarray(sc->offs, sc->offcap, sizeof *sc->offs);
	sc->lens = xreallocarray(sc->lens, sc->offcap, sizeof *sc->lens);
}

/* Field k of the queue. */
static inline char *
fieldptr(const struct src *sc, size_t k)
{
	size_t o = sc->offs[k];

	return o & INCHUNK ? sc->chunk + (o & ~INCHUNK) : sc->buf + o;
}

/*
 * What on_field leaves to a call of its own, so that its common case (a
 * field that fits, a short one copied in one load) stays a handful of
 * instructions: the field limit, growing the queue, and the bytes of a
 * field that may hold a newline or a NUL.  Returns 0 to drop the field.
 */
static int __attribute__((noinline))
field_room(struct src *sc, size_t len)
{
	if (sc->recfields == MAXFIELDS || sc->toowide) {
		if (!sc->toowide) {
			sc->toowide = sc->line;
			if (!sc->nul)
				sc->badrow = sc->nrows;
		}
		return 0;
	}
	/* 16 bytes to spare: a short field is stored as a word, and any
	 * field can be read 16 bytes from its start (csvread.h). */
	if (sc->buflen + len + 16 > sc->bufcap) {
		sc->bufcap = (sc->buflen + len + 16) * 2;
		sc->buf = xreallocarray(sc->buf, sc->bufcap, 1);
	}
	if (sc->noffs == sc->offcap)
		grow_offs(sc);
	return 1;
}

/* A NUL byte is not text: every consumer would read the field as cut
 * short there (a plausible wrong answer), so the file is refused.  A
 * quoted field may hold newlines; they count for the line number. */
static void __attribute__((noinline))
field_specials(struct src *sc, const char *f, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (f[i] == '\n')
			sc->nl++;
		else if (f[i] == '\0' && !sc->nul) {
			sc->nul = sc->line + sc->nl;
			if (!sc->toowide)
				sc->badrow = sc->nrows;
		}
}

/* Queues the field f[0..len); wide when 8 bytes can be read from f
 * whatever len. */
static inline void
put_field(struct src *sc, const char *f, size_t len, int wide)
{
	if ((sc->recfields == MAXFIELDS || sc->toowide ||
	    sc->buflen + len + 16 > sc->bufcap || sc->noffs == sc->offcap) &&
	    !field_room(sc, len))
		return;
	if (copy_field(sc->buf + sc->buflen, f, len, wide))
		field_specials(sc, f, len);
	sc->buf[sc->buflen + len] = '\0';
	sc->offs[sc->noffs] = sc->buflen;
	sc->lens[sc->noffs++] = len;
	sc->buflen += len + 1;
	sc->recfields++;
}

static void
on_field(void *s, size_t len, void *data)
{
	struct src *sc = data;

	/* libcsv hands over its field buffer, which grow_entry made at
	 * least ENTRY_MIN bytes: it can be read a word at a time. */
	put_field(sc, s ? s : "", len, s != NULL && s == sc->p.entry_buf);
}

static void
on_record(int c, void *data)
{
	struct src *sc = data;
	struct qrow *q;

	sc->recbytes = 0;
	if (sc->recfields == 0) {
		/* A newline outside any record: a blank line, or the LF of CRLF. */
		if (!(c == '\n' && sc->lastterm == '\r'))
			sc->line++;
		sc->lastterm = c;
		return;
	}
	if (sc->nrows == sc->rowcap) {
		sc->rowcap = sc->rowcap ? sc->rowcap * 2 : 64;
		sc->rows = xreallocarray(sc->rows, sc->rowcap, sizeof *sc->rows);
	}
	q = &sc->rows[sc->nrows++];
	q->line = sc->line;
	q->n = sc->recfields;
	q->first = sc->noffs - sc->recfields;
	sc->line += 1 + sc->nl;
	sc->nl = 0;
	sc->recfields = 0;
	sc->lastterm = c;
}

/*
 * libcsv reads a byte at a time through a state machine: on a file of
 * short numbers that was most of a program's reading (libcsv alone takes
 * 0.12 s over 37 MB of samples).  A line that holds no quote, CR or NUL,
 * and no field with a space or tab at either end (libcsv trims those),
 * means just what its commas say, so such a line is split here, 16
 * bytes at a time, its fields left in the chunk (nothing copied), and
 * libcsv is given the rest: a line that holds one of those, every line of
 * a record it has begun (a quoted newline), and the part of a line at the
 * end of a chunk.  The rows are the same either way: the unit tests read
 * random text both ways (csvread_libcsv_only) and compare, and so does the
 * libFuzzer target.
 */
#define LIBCSV_ROW_NOT_BEGUN 0	/* libcsv.c's state between records */
static int libcsv_only;

void
csvread_libcsv_only(int on)
{
	libcsv_only = on;
}

/* Of the 16 bytes at p, the separators (comma, newline), the bytes that
 * are libcsv's to read (quote, CR, NUL) and the blanks (space, tab: libcsv
 * trims them at a field's ends), one bit a byte. */
static inline void
classify(const char *p, unsigned *sep, unsigned *bad, unsigned *blank)
{
#ifdef __SSE2__
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);

	*sep = (unsigned)_mm_movemask_epi8(_mm_or_si128(
	    _mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))));
	*bad = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))),
	    _mm_cmpeq_epi8(v, _mm_setzero_si128())));
	*blank = (unsigned)_mm_movemask_epi8(_mm_or_si128(
	    _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))));
#else
	unsigned i;

	*sep = *bad = *blank = 0;
	for (i = 0; i < 16; i++) {
		*sep |= (unsigned)(p[i] == ',' || p[i] == '\n') << i;
		*bad |= (unsigned)(p[i] == '"' || p[i] == '\r' ||
		    p[i] == '\0') << i;
		*blank |= (unsigned)(p[i] == ' ' || p[i] == '\t') << i;
	}
#endif
}

/*
 * Queues the line at s as a record, its fields left where they are in the
 * chunk (each separator overwritten by a NUL): returns its newline, or
 * NULL with nothing queued and the line as it was when the line is
 * libcsv's to read, or has no newline before end (16 bytes past end can
 * be read, and are NULs).
 */
static const char *
split_line(struct src *sc, const char *s, const char *end)
{
	char *chunk = sc->chunk;
	size_t first = sc->noffs, n = first, *offs = sc->offs, *lens = sc->lens;
	const char *f = s, *p = s, *q;
	unsigned sep, bad, blank, stop, i;
	unsigned aftersep = 1, afterblank = 0;	/* carried from the last block */

	if (*s == '\n') {	/* a blank line: a record of no fields */
		on_record('\n', sc);
		return s;
	}
	for (; p < end; p += 16) {
		classify(p, &sep, &bad, &blank);
		/* Refused: a byte of libcsv's, a blank just after a
		 * separator (or the line's start), a separator just after a
		 * blank. */
		stop = bad | (blank & ((sep << 1) | aftersep)) |
		    (sep & ((blank << 1) | afterblank));
		aftersep = sep >> 15;
		afterblank = blank >> 15;
		for (; sep != 0; sep &= sep - 1) {
			i = (unsigned)__builtin_ctz(sep);
			if (stop & ((2U << i) - 1))
				goto refuse;
			if (n - first == MAXFIELDS)
				goto refuse;	/* too wide: libcsv's error */
			if (n == sc->offcap) {
				sc->noffs = n;
				grow_offs(sc);
				offs = sc->offs;
				lens = sc->lens;
			}
			q = p + i;
			offs[n] = (size_t)(f - chunk) | INCHUNK;
			lens[n++] = (size_t)(q - f);
			if (*q == '\n') {
				chunk[q - chunk] = '\0';
				sc->noffs = n;
				sc->recfields = n - first;
				on_record('\n', sc);
				return q;
			}
			chunk[q - chunk] = '\0';
			f = q + 1;
		}
		if (stop)
			goto refuse;
	}
refuse:
	/* The separators made NULs so far were commas. */
	while (n-- > first)
		chunk[(offs[n] & ~INCHUNK) + lens[n]] = ',';
	sc->noffs = first;
	return NULL;
}

/* Queues the records of the chunk's s[0..n), 16 bytes readable past its
 * end.  Returns 0, or -1 when libcsv refused the text. */
static int
feed(struct src *sc, const char *s, size_t n)
{
	const char *end = s + n, *nl;
	size_t len;

	while (s < end) {
		if (!libcsv_only && sc->p.pstate == LIBCSV_ROW_NOT_BEGUN &&
		    (nl = split_line(sc, s, end)) != NULL) {
			s = nl + 1;
			continue;
		}
		nl = memchr(s, '\n', (size_t)(end - s));
		len = nl != NULL ? (size_t)(nl + 1 - s) : (size_t)(end - s);
		if (csv_parse(&sc->p, s, len, on_field, on_record, sc) != len)
			return -1;
		s += len;
	}
	return 0;
}

/* Drops the rows handed out, keeping the fields of a record that is still
 * being assembled (they move to the front of the buffer). */
static void
compact(struct src *sc)
{
	size_t first = sc->noffs - sc->recfields, base, i;

	base = sc->recfields ? sc->offs[first] : sc->buflen;
	if (sc->buflen > base)
		memmove(sc->buf, sc->buf + base, sc->buflen - base);
	sc->buflen -= base;
	for (i = 0; i < sc->recfields; i++) {
		sc->offs[i] = sc->offs[first + i] - base;
		sc->lens[i] = sc->lens[first + i];
	}
	sc->noffs = sc->recfields;
	sc->nrows = sc->head = 0;
}

/* A record of too many fields, or a NUL byte, in what was read: 1 with
 * the first in e. */
static int
bad_bytes(struct src *sc, struct perr *e)
{
	if (sc->toowide && (!sc->nul || sc->toowide <= sc->nul))
		return perr_set(e, "%s:%ld: more than %d fields in a row",
		    sc->name, sc->toowide, MAXFIELDS), 1;
	if (sc->nul)
		return perr_set(e, "%s:%ld: a NUL byte in a field (not text)",
		    sc->name, sc->nul), 1;
	return 0;
}

/*
 * An error found in what was read (fmt, or with fmt NULL the one in e):
 * the rows queued before the bad one (the first cut) are still handed
 * out, and the error comes after them, so that the error told is the
 * first in the file whatever the sizes of the reads that brought it (a
 * file read whole chunks at a time, a pipe a few bytes).  Returns -1 when
 * no row is left to hand out, else 0.
 */
static int __attribute__((format(printf, 4, 5)))
failing(struct src *sc, size_t cut, struct perr *e, const char *fmt, ...)
{
	va_list ap;

	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
	}
	if (cut < sc->nrows)
		sc->nrows = cut;
	if (sc->nrows == 0)
		return -1;
	sc->fail = *e;
	sc->failed = 1;
	sc->eof = 1;
	return 0;
}

/* Parses chunks of the source into its queue until a row is complete or
 * the input ends.  Returns 0, or -1 with the reason in e. */
static int
fill(struct src *sc, struct perr *e)
{
	char *chunk = sc->chunk;
	size_t n, off;
	ssize_t got;

	compact(sc);
	if (sc->failed) {
		*e = sc->fail;
		return -1;
	}
	while (sc->nrows == 0 && !sc->eof) {
		/* read(2), not fread: a pipe's rows arrive as they are
		 * written, not when a whole chunk is there (perf-bottleneck
		 * --follow).  A signal caught without SA_RESTART ends the
		 * read with EINTR, reported as an error the caller can
		 * recognise by its own flag. */
		got = read(fileno(sc->fp), chunk + sc->held, CHUNK);
		if (got < 0)
			return perr_set(e, "%s: read error: %s", sc->name,
			    strerror(errno));
		n = sc->held + (size_t)got;
		sc->held = 0;
		/* A UTF-8 byte order mark is not part of the first column
		 * name.  A pipe may bring it a byte at a time: a start that
		 * may still be one is held back (at the chunk's start, the
		 * next read put after it) until three bytes or the end of
		 * the input tell. */
		if (!sc->started && got > 0 && n < 3 &&
		    memcmp(chunk, "\xEF\xBB\xBF", n) == 0) {
			sc->held = n;
			continue;
		}
		if (n == 0) {
			sc->eof = 1;
			if (csv_fini(&sc->p, on_field, on_record, sc) != 0)
				return failing(sc, sc->nrows, e, "%s:%ld: "
				    "malformed CSV: unterminated quoted field",
				    sc->name, sc->line);
			if (bad_bytes(sc, e))
				return failing(sc, sc->badrow, e, NULL);
			break;
		}
		off = 0;
		if (!sc->started && n >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0)
			off = 3;
		sc->started = 1;
		memset(chunk + n, 0, 16);
		if (feed(sc, chunk + off, n - off) != 0)
			return failing(sc, sc->nrows, e, "%s:%ld: malformed CSV: "
			    "%s", sc->name, sc->line + sc->nl,
			    csv_strerror(csv_error(&sc->p)));
		if (bad_bytes(sc, e))
			return failing(sc, sc->badrow, e, NULL);
		if ((sc->recbytes += n) > MAXRECORD + CHUNK)
			return failing(sc, sc->nrows, e, "%s:%ld: row longer "
			    "than %d MiB", sc->name, sc->line, MAXRECORD >> 20);
	}
	return 0;
}

/* Takes the next raw row of a source: 1, 0 at its end, -1 on error. */
static int
take(struct src *sc, struct qrow **q, struct perr *e)
{
	if (sc->head == sc->nrows) {
		if (fill(sc, e) < 0)
			return -1;
		if (sc->nrows == 0)
			return 0;
	}
	*q = &sc->rows[sc->head++];
	return 1;
}

/*
 * libcsv grows its buffer for the field being parsed by a fixed block at a
 * time, so a long field costs a realloc per block: quadratic copying where
 * realloc cannot remap (under ASan, a 64 MiB field took many minutes).
 * Growing to twice the size asked, and answering later requests from the
 * slack, makes it linear.  (Never below ENTRY_MIN: on_field reads the
 * buffer a word at a time.)
 */
#define ENTRY_MIN 64	/* the least, so that on_field can read a word */
static void *
grow_entry(void *p, size_t n)
{
	if (p != NULL && malloc_usable_size(p) >= n)
		return p;
	return realloc(p, n < ENTRY_MIN / 2 ? ENTRY_MIN :
	    n < (SIZE_MAX >> 1) ? 2 * n : n);
}

static int
src_open(struct src *sc, const char *path, struct perr *e)
{
	memset(sc, 0, sizeof *sc);
	sc->line = 1;
	if (strcmp(path, "-") == 0) {
		sc->name = "<stdin>";
		sc->fp = stdin;
		sc->is_stdin = 1;
	} else {
		sc->name = path;
		if ((sc->fp = fopen(path, "r")) == NULL)
			return perr_set(e, "%s: %s", path, strerror(errno));
	}
	sc->chunk = xmalloc(CHUNK + 32);	/* 2 held, 16 readable past */
	if (csv_init(&sc->p, CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI) != 0)
		return perr_set(e, "%s: cannot start the CSV parser", path);
	csv_set_realloc_func(&sc->p, grow_entry);
	return 0;
}

/* Whether two open sources are one file (a hard link, another name). */
static int
same_file(const struct src *a, const struct src *b)
{
	struct stat sa, sb;

	return fstat(fileno(a->fp), &sa) == 0 && fstat(fileno(b->fp), &sb) == 0 &&
	    S_ISREG(sa.st_mode) && sa.st_dev == sb.st_dev &&
	    sa.st_ino == sb.st_ino;
}

static void
src_close(struct src *sc)
{
	if (sc->fp && !sc->is_stdin)
		fclose(sc->fp);
	if (sc->fp)
		csv_free(&sc->p);
	free(sc->chunk);
	free(sc->buf);
	free(sc->offs);
	free(sc->lens);
	free(sc->rows);
	free(sc->map);
	free(sc->has);
}

/* FNV-1a: the index of names, so that wide headers (tens of thousands of
 * columns) open in linear time. */
static size_t
name_hash(const char *s)
{
	return (size_t)strtab_hash(s, strlen(s));
}

static void
index_put(size_t *h, size_t cap, const char *name, size_t col)
{
	size_t j;

	for (j = name_hash(name) & (cap - 1); h[j]; j = (j + 1) & (cap - 1))
		;
	h[j] = col + 1;
}

/* Appends a name to the merged header; returns its column. */
static size_t
add_name(struct csvread *r, const char *name)
{
	size_t i;

	if (r->ncols == r->namecap) {	/* doubling: wide headers stay linear */
		r->namecap = r->namecap ? 2 * r->namecap : 64;
		r->names = xreallocarray(r->names, r->namecap,
		    sizeof *r->names);
		r->owner = xreallocarray(r->owner, r->namecap,
		    sizeof *r->owner);
	}
	r->names[r->ncols] = xstrdup(name);
	r->owner[r->ncols] = 0;
	if (2 * (r->ncols + 1) >= r->hcap) {
		free(r->hidx);
		r->hcap = r->hcap ? 2 * r->hcap : 64;
		r->hidx = xcalloc(r->hcap, sizeof *r->hidx);
		for (i = 0; i < r->ncols; i++)
			index_put(r->hidx, r->hcap, r->names[i], i);
	}
	index_put(r->hidx, r->hcap, name, r->ncols);
	return r->ncols++;
}

long
csvread_col(const struct csvread *r, const char *name)
{
	size_t j;

	if (r->hcap == 0)
		return -1;
	for (j = name_hash(name) & (r->hcap - 1); r->hidx[j];
	    j = (j + 1) & (r->hcap - 1))
		if (strcmp(r->names[r->hidx[j] - 1], name) == 0)
			return (long)(r->hidx[j] - 1);
	return -1;
}

/* Reads a source's header and merges its names into the reader's. */
static int
read_header(struct csvread *r, struct src *sc, struct perr *e)
{
	struct qrow *q;
	size_t i, id = (size_t)(sc - r->srcs) + 1;
	long c;
	int got;

	if ((got = take(sc, &q, e)) < 0)
		return -1;
	if (got == 0)
		return perr_set(e, "%s:1: empty input: no header row", sc->name);
	sc->nhdr = q->n;
	sc->map = xcalloc(q->n, sizeof *sc->map);
	for (i = 0; i < q->n; i++) {
		const char *name = fieldptr(sc, q->first + i);

		if (*name == '\0')
			return perr_set(e, "%s:%ld: column %zu has no name",
			    sc->name, q->line, i + 1);
		if ((c = csvread_col(r, name)) < 0)
			c = (long)add_name(r, name);
		else if (r->owner[c] == id)
			return perr_set(e, "%s:%ld: column '%s' appears twice",
			    sc->name, q->line, name);
		r->owner[c] = id;
		sc->map[i] = (size_t)c;
	}
	return 0;
}

struct csvread *
csvread_open(char *const *paths, size_t npaths, struct perr *e)
{
	static char *const dash[] = { "-" };
	struct csvread *r = xcalloc(1, sizeof *r);
	size_t i, j, nstdin = 0;

	if (npaths == 0) {
		paths = dash;
		npaths = 1;
	}
	r->srcs = xcalloc(npaths, sizeof *r->srcs);
	for (i = 0; i < npaths; i++) {
		if (strcmp(paths[i], "-") == 0 && nstdin++) {
			perr_set(e, "standard input named twice");
			goto fail;
		}
		r->nsrc++;
		if (src_open(&r->srcs[i], paths[i], e) < 0)
			goto fail;
		/* The same file twice would count every row twice. */
		for (j = 0; j < i; j++)
			if (same_file(&r->srcs[j], &r->srcs[i])) {
				perr_set(e, "%s: the same file as %s, given "
				    "twice", paths[i], paths[j]);
				goto fail;
			}
		if (read_header(r, &r->srcs[i], e) < 0)
			goto fail;
	}
	for (i = 0; i < r->nsrc; i++) {
		r->srcs[i].has = xcalloc(r->ncols, 1);
		for (j = 0; j < r->srcs[i].nhdr; j++)
			r->srcs[i].has[r->srcs[i].map[j]] = 1;
	}
	r->out = xcalloc(r->ncols, sizeof *r->out);
	r->outlen = xcalloc(r->ncols, sizeof *r->outlen);
	return r;
fail:
	csvread_close(r);
	return NULL;
}

int
csvread_next(struct csvread *r, struct csvread_row *row, struct perr *e)
{
	struct src *sc;
	struct qrow *q;
	size_t i;
	int got;

	for (; r->cur < r->nsrc; r->cur++) {
		sc = &r->srcs[r->cur];
		if ((got = take(sc, &q, e)) < 0)
			return -1;
		if (got == 0)
			continue;
		if (q->n != sc->nhdr)
			return perr_set(e, "%s:%ld: row has %zu field%s, header has %zu",
			    sc->name, q->line, q->n, q->n == 1 ? "" : "s", sc->nhdr);
		/* A source with every column fills every place. */
		for (i = 0; q->n < r->ncols && i < r->ncols; i++) {
			r->out[i] = r->empty;
			r->outlen[i] = 0;
		}
		for (i = 0; i < q->n; i++) {
			r->out[sc->map[i]] = fieldptr(sc, q->first + i);
			r->outlen[sc->map[i]] = sc->lens[q->first + i];
		}
		row->f = r->out;
		row->len = r->outlen;
		row->line = q->line;
		row->file = sc->name;
		row->src = r->cur;
		return 1;
	}
	return 0;
}

void
csvread_close(struct csvread *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nsrc; i++)
		src_close(&r->srcs[i]);
	for (i = 0; i < r->ncols; i++)
		free(r->names[i]);
	free(r->names);
	free(r->hidx);
	free(r->owner);
	free(r->srcs);
	free(r->out);
	free(r->outlen);
	free(r);
}

size_t
csvread_ncols(const struct csvread *r)
{
	return r->ncols;
}

const char *
csvread_colname(const struct csvread *r, size_t i)
{
	return r->names[i];
}

size_t
csvread_nsrc(const struct csvread *r)
{
	return r->nsrc;
}

const char *
csvread_srcname(const struct csvread *r, size_t src)
{
	return r->srcs[src].name;
}

int
csvread_src_has(const struct csvread *r, size_t src, size_t col)
{
	return r->srcs[src].has[col];
}

/*
 * Whether the file ends with a newline, outside any quoted field: a file
 * cut off in the middle of a row (a crash, a full disk) is not appended
 * to, or the next row would be glued onto the cut one, or land inside the
 * quoted field.  In CSV a quote only opens, closes or doubles inside a
 * quoted field, so an odd count of them means the end is inside one: a
 * count, not a parse (a pass at memchr's speed, once, before appending).
 */
static int
ends_whole(const char *path, off_t size, struct perr *e)
{
	char ch = 0, buf[65536];
	const char *p, *end;
	unsigned long quotes = 0;
	ssize_t got;
	int fd, r;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return perr_set(e, "%s: %s", path, strerror(errno));
	r = pread(fd, &ch, 1, size - 1) == 1 ? 0 :
	    perr_set(e, "%s: %s", path, strerror(errno));
	while (r == 0 && (got = read(fd, buf, sizeof buf)) != 0) {
		if (got < 0) {
			r = perr_set(e, "%s: read error: %s", path,
			    strerror(errno));
			break;
		}
		for (p = buf, end = buf + got;
		    (p = memchr(p, '"', (size_t)(end - p))) != NULL; p++)
			quotes++;
	}
	close(fd);
	if (r == 0 && ch != '\n')
		r = perr_set(e, "%s: the last line has no newline (cut off?); "
		    "not appending", path);
	else if (r == 0 && quotes % 2)
		r = perr_set(e, "%s: the file ends inside a quoted field (cut "
		    "off?); not appending", path);
	return r;
}

int
csvread_append_check(const char *path, const char *const *names, size_t n,
    struct perr *e)
{
	char *paths[1] = { (char *)path };
	struct csvread *in;
	struct stat st;
	size_t i;
	int same;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0)
		return 1;
	if (ends_whole(path, st.st_size, e) < 0 ||
	    (in = csvread_open(paths, 1, e)) == NULL)
		return -1;
	same = csvread_ncols(in) == n;
	for (i = 0; same && i < n; i++)
		same = strcmp(csvread_colname(in, i), names[i]) == 0;
	csvread_close(in);
	if (!same)
		return perr_set(e, "%s:1: header differs from the columns of "
		    "this run; not appending", path);
	return 0;
}
