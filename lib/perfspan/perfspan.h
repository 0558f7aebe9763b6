/* perfspan.h - named spans of a C program's own code, written as perfpipe
 * runs CSV rows (schemas/runs.schema.json) to the file named by
 * PERFSPAN_OUT when the program exits; see perfspan(3).
 *
 * Nothing happens, at the cost of one load and one predictable branch,
 * when PERFSPAN_OUT is unset: the flag is read once when the library is
 * loaded.  Span names must stay valid until the program exits (string
 * literals are): the library keeps the pointer, not a copy.
 */
#ifndef PERFSPAN_H
#define PERFSPAN_H

#ifdef __cplusplus
extern "C" {
#endif

/* Non-zero when PERFSPAN_OUT was set when the library was loaded. */
extern int perfspan_on_;

void perfspan_begin_(const char *name);
void perfspan_end_(const char *name);

/* Begins the span NAME on this thread; spans nest, a parent's time
 * includes its children's. */
static inline void
perfspan_begin(const char *name)
{
	if (__builtin_expect(perfspan_on_, 0))
		perfspan_begin_(name);
}

/* Ends the span NAME, the innermost one begun on this thread.  Ending a
 * span never begun, or one that is not the innermost, prints one message
 * on stderr and is otherwise ignored (an inner span still open is closed
 * with its parent). */
static inline void
perfspan_end(const char *name)
{
	if (__builtin_expect(perfspan_on_, 0))
		perfspan_end_(name);
}

/* Writes every row recorded so far to PERFSPAN_OUT now (the file is
 * replaced whole, as it is again at exit).  Returns 0, or -1 when the
 * file cannot be written (after one message on stderr) or PERFSPAN_OUT
 * is unset. */
int perfspan_flush(void);

/* PERFSPAN_CALL(f, a, b) calls f(a, b) inside a span named "f",
 * discarding its value; PERFSPAN_SET(x, f, a, b) does x = f(a, b). */
#define PERFSPAN_CALL(fn, ...) \
	(perfspan_begin(#fn), (void)(fn)(__VA_ARGS__), perfspan_end(#fn))
#define PERFSPAN_SET(lhs, fn, ...) \
	(perfspan_begin(#fn), (lhs) = (fn)(__VA_ARGS__), perfspan_end(#fn))

#ifdef __cplusplus
}
#endif
#endif
