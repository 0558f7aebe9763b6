/* spanint.h - perfspan's internals, shared by the span recorder
 * (perfspan.c), the row writer (spanout.c) and the function hooks
 * (spanauto.c).  Not installed. */
#ifndef SPANINT_H
#define SPANINT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#define HIDDEN __attribute__((visibility("hidden")))

/* What a key is: a span's name (a string) or a function's address. */
enum { KIND_SPAN = 1, KIND_FUNC = 2 };

/* Deeper nesting than this is counted, not recorded. */
#define SPAN_DEPTH 256
/* Distinct (name, parent) pairs one thread aggregates; a power of two.
 * The table is never filled beyond three quarters. */
#define SPAN_AGGS 1024
/* PERFSPAN_SAMPLE's cache of pairs, a power of two; see span_enter. */
#define SPAN_CACHE 256

struct frame {
	const void *key;
	uint64_t t0, cpu0, child;	/* ns; child: children's wall time */
	int64_t rss0;			/* KiB */
	struct agg *agg;	/* PERFSPAN_SAMPLE: its pair, found at begin */
	unsigned char kind;
};

/* One occurrence of a span. */
struct rec {
	const void *key, *parent;
	uint64_t start, wall, self, cpu;	/* ns, start on CLOCK_MONOTONIC */
	int64_t rss;				/* KiB */
	uint64_t run;
	pid_t tid;
	unsigned char kind, pkind;
};

/* Every occurrence of a (thread, name, parent). */
struct agg {
	const void *key, *parent;
	uint64_t first, calls, total, self, min, max, cpu;
	int64_t rss;
	/* Shifted sums for the variance: d = wall - shift (the first call's),
	 * s1 = sum d, s2 = sum d*d; stable without a division per call. */
	double shift, s1, s2;
	struct agg *canon;	/* the pair this one is an alias of, or NULL */
	pid_t tid;
	unsigned char kind, pkind;
};

/* One thread's recorder.  Reused by a later thread once its thread has
 * exited (rows carry their own tid), so memory is bounded by the number
 * of threads alive at once. */
struct pstate {
	pid_t tid;
	int depth, lost;	/* lost: frames deeper than SPAN_DEPTH */
	struct frame stack[SPAN_DEPTH];
	struct rec *rec;
	size_t nrec, caprec, droprec;
	struct agg *agg;
	size_t nagg;
	uint64_t dropcalls;	/* calls of pairs the table had no room for */
	uint64_t unclosed;	/* spans still open when their thread exited */
	/* PERFSPAN_SAMPLE: the thread's CPU time (ns) at its latest SIGPROF,
	 * set by the handler on this thread; the clock spans read then. */
	volatile uint64_t sampled;
	timer_t timer;		/* PERFSPAN_SAMPLE: this thread's, if timed */
	int timed;
	struct agg *cache[SPAN_CACHE];
	struct pstate *next, *nextfree;
};

/* Settings, read once from the environment at load. */
struct spanconf {
	char out[4096];		/* PERFSPAN_OUT, %p replaced */
	char tmp[4200];		/* the temporary beside it */
	char host[256], command[1024];
	int cpu, rss, mode;	/* mode: 0 auto, 1 rows, 2 aggregate */
	long sample_us;		/* PERFSPAN_SAMPLE's period, or 0: clocks */
	size_t rows;		/* PERFSPAN_ROWS: occurrences kept per thread */
	int64_t epoch_ns;	/* CLOCK_REALTIME - CLOCK_MONOTONIC at load */
	pid_t pid;
	int statm;		/* /proc/self/statm, for PERFSPAN_RSS */
};

/* Whether two keys of KIND name the same span: the same address, or for
 * a named span the same text (a name may be built anew each time). */
/* Where a (key, parent) pair is cached: code and strings are aligned,
 * so the low bits say little; cheap, where a multiply would show. */
static inline size_t
cacheslot(const void *key, const void *parent)
{
	return ((uintptr_t)key >> 4 ^ (uintptr_t)parent >> 3) &
	    (SPAN_CACHE - 1);
}

static inline int
samekey(const void *a, const void *b, int kind)
{
	return a == b || (kind == KIND_SPAN && a != NULL && b != NULL &&
	    strcmp(a, b) == 0);
}

HIDDEN extern struct spanconf span_conf;
/* Whether PERFSPAN_SAMPLE is on (span_conf.sample_us set and the timer
 * running): a flag of its own, the one load the hooks test first. */
HIDDEN extern int span_conf_sampling;
HIDDEN extern struct pstate *span_states;	/* every recorder, a list */

/* A thread's recorder; initial-exec, so that the hot path in a preloaded
 * or linked shared library is one %fs-relative load, no __tls_get_addr. */
HIDDEN extern _Thread_local struct pstate *span_tls
    __attribute__((tls_model("initial-exec")));
/* Set on a thread whose recorder could not be allocated: it records
 * nothing rather than retrying on every span. */
HIDDEN extern struct pstate span_nostate;

/* A begin and an end of a span or function. */
HIDDEN void span_enter(const void *key, int kind);
HIDDEN void span_leave(const void *key, int kind);
/* The same the whole way: a thread's first, nesting too deep, a pair
 * not cached, misuse, and every span when spans read the clocks. */
HIDDEN void span_enter_slow(const void *key, int kind);
HIDDEN void span_leave_slow(const void *key, int kind);

/* The fast paths under PERFSPAN_SAMPLE, inline here so that the function
 * hooks (spanauto.c) pay no call for them: a few loads and stores a
 * call, no clock. */

/* A begin whose (key, parent) pair is cached: the call is counted and
 * the frame keeps the sampled clock.  1 when done, 0 to go the whole
 * way. */
static inline int
span_enter_cached(const void *key, int kind)
{
	struct pstate *s = span_tls;
	struct frame *f;
	struct agg *a;

	if (!span_conf_sampling || s == NULL || s == &span_nostate ||
	    s->depth <= 0 || s->depth >= SPAN_DEPTH)
		return 0;
	f = &s->stack[s->depth];
	a = s->cache[cacheslot(key, f[-1].key)];
	if (a == NULL || a->key != key || a->kind != kind ||
	    a->parent != f[-1].key || a->pkind != f[-1].kind)
		return 0;
	f->agg = a;
	f->key = key;
	f->kind = (unsigned char)kind;
	f->child = 0;
	f->t0 = s->sampled;
	a->calls++;
	s->depth++;
	return 1;
}

/* Pops the innermost frame: most see no sample and cost only the pop;
 * one that spans samples is charged their CPU time. */
static inline void
span_popsampled(struct pstate *s)
{
	struct frame *f = &s->stack[--s->depth];
	uint64_t t = s->sampled - f->t0;

	if (__builtin_expect(t == 0, 1))
		return;
	if (s->depth > 0)
		f[-1].child += t;
	if (f->agg != NULL) {
		f->agg->total += t;
		f->agg->self += t > f->child ? t - f->child : 0;
	}
}

/* The end of the innermost frame.  1 when done, 0 to go the whole way. */
static inline int
span_leave_top(const void *key, int kind)
{
	struct pstate *s = span_tls;
	struct frame *f;

	if (!span_conf_sampling || s == NULL || s->lost != 0 || s->depth <= 0)
		return 0;
	f = &s->stack[s->depth - 1];
	if (f->key != key || f->kind != kind)
		return 0;
	span_popsampled(s);
	return 1;
}
/* Writes every recorder's rows, when asked (perfspan_flush), at exit
 * (spans still open are then reported) or from a fatal signal's handler
 * (function addresses are then written as hex, not resolved).  Returns 0
 * or -1 after one message on stderr. */
enum { SPAN_ASKED, SPAN_EXIT, SPAN_SIGNAL };
HIDDEN int span_write(int how);
/* Writes "perfspan: MSG\n" on stderr, with write(2). */
HIDDEN void span_msg(const char *a, const char *b, const char *c);
/* Writes the name of the function at ADDR into buf (at most n bytes). */
HIDDEN void span_symbol(const void *addr, char *buf, size_t n);

#endif
