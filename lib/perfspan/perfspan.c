/* perfspan.c - the span recorder: per-thread stacks, occurrences and
 * aggregates with no lock on the hot path; set up at load from the
 * environment, written out at exit and on fatal signals (spanout.c). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "perfspan.h"
#include "spanint.h"

int perfspan_on_;
struct spanconf span_conf;
struct pstate *span_states;

int span_conf_sampling;
_Thread_local struct pstate *span_tls;
struct pstate span_nostate;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct pstate *freelist;
static pthread_key_t exitkey;
/* Misuse is reported once per process (the first), nesting too deep
 * once as well: a loop must not flood stderr. */
static atomic_int said_misuse, said_depth, said_timer;

static const int fatal[] = {
	SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTERM, SIGINT, SIGHUP,
	SIGQUIT,
};

static uint64_t
mono(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static uint64_t
cputime(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* The process's resident set in KiB (/proc/self/statm's second field),
 * or 0 when it cannot be read. */
static int64_t
rsskib(void)
{
	char b[128], *p;
	ssize_t n;
	int64_t pages = 0;

	if (span_conf.statm < 0 ||
	    (n = pread(span_conf.statm, b, sizeof b - 1, 0)) <= 0)
		return 0;
	b[n] = '\0';
	for (p = b; *p && *p != ' '; p++)
		;
	for (p++; *p >= '0' && *p <= '9'; p++)
		pages = pages * 10 + (*p - '0');
	return pages * (sysconf(_SC_PAGESIZE) / 1024);
}

void
span_msg(const char *a, const char *b, const char *c)
{
	char buf[1024];
	size_t n = 0;
	const char *parts[] = { "perfspan: ", a, b, c, "\n" };
	size_t i, l;
	ssize_t w;

	for (i = 0; i < sizeof parts / sizeof *parts; i++) {
		if (parts[i] == NULL)
			continue;
		l = strlen(parts[i]);
		if (l > sizeof buf - n - 1)
			l = sizeof buf - n - 1;
		memcpy(buf + n, parts[i], l);
		n += l;
	}
	if (n > 0 && buf[n - 1] != '\n')
		buf[n - 1] = '\n';
	/* stderr's own buffer is left alone; one write keeps the line whole. */
	do
		w = write(2, buf, n);
	while (w < 0 && errno == EINTR);
}

/* Reports a kind of misuse the first time it happens. */
static void
once(atomic_int *said, const char *a, const char *b, const char *c)
{
	if (atomic_exchange(said, 1) == 0)
		span_msg(a, b, c);
}

/* PERFSPAN_SAMPLE: a timer on the thread's own CPU clock that sends
 * SIGPROF to the thread itself, so that every thread is sampled at the
 * rate asked, however many run.  A POSIX timer rather than setitimer's:
 * it ends at execve, where an itimer would outlive this library's
 * handler and kill the new program. */
static void
start_timer(struct pstate *s)
{
	struct sigevent ev;
	struct itimerspec it;
	long us = span_conf.sample_us;

	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.sigev_signo = SIGPROF;
	ev._sigev_un._tid = gettid();
	it.it_interval.tv_sec = us / 1000000;
	it.it_interval.tv_nsec = us % 1000000 * 1000;
	it.it_value = it.it_interval;
	s->timed = timer_create(CLOCK_THREAD_CPUTIME_ID, &ev, &s->timer) == 0;
	if (s->timed && timer_settime(s->timer, 0, &it, NULL) != 0) {
		timer_delete(s->timer);
		s->timed = 0;
	}
	if (!s->timed)
		once(&said_timer, "PERFSPAN_SAMPLE: cannot start a thread's ",
		    "timer; its spans get no samples", NULL);
}

static void
stop_timer(struct pstate *s)
{
	if (s->timed)
		timer_delete(s->timer);
	s->timed = 0;
}

static void
thread_exit(void *p)
{
	struct pstate *s = p;

	stop_timer(s);
	s->unclosed += (uint64_t)s->depth;
	s->depth = 0;
	s->lost = 0;
	pthread_mutex_lock(&lock);
	s->nextfree = freelist;
	freelist = s;
	pthread_mutex_unlock(&lock);
}

/* This thread's recorder, made on its first span. */
static struct pstate *
newstate(void)
{
	struct pstate *s;

	pthread_mutex_lock(&lock);
	if ((s = freelist) != NULL) {
		freelist = s->nextfree;
		/* Its cached pairs are the exited thread's. */
		memset(s->cache, 0, sizeof s->cache);
	} else if ((s = calloc(1, sizeof *s)) != NULL) {
		s->agg = calloc(SPAN_AGGS, sizeof *s->agg);
		s->caprec = span_conf.mode == 2 ? 0 : span_conf.rows;
		s->rec = s->caprec ? calloc(s->caprec, sizeof *s->rec) : NULL;
		if (s->agg == NULL || (s->caprec && s->rec == NULL)) {
			free(s->agg);
			free(s->rec);
			free(s);
			s = NULL;
		} else {
			s->next = span_states;
			/* Published last: a signal-time writer walks the list. */
			atomic_thread_fence(memory_order_release);
			span_states = s;
		}
	}
	pthread_mutex_unlock(&lock);
	if (s == NULL) {
		span_msg("out of memory for a thread's spans; ",
		    "that thread records none", NULL);
		return span_tls = &span_nostate;
	}
	s->tid = gettid();
	/* Its clock starts with its first span: time before is no span's
	 * (spans take differences of the clock, so it need not be 0). */
	if (span_conf.sample_us)
		start_timer(s);
	pthread_setspecific(exitkey, s);
	return span_tls = s;
}

static inline struct pstate *
state(void)
{
	struct pstate *s = span_tls;

	if (__builtin_expect(s == NULL, 0))
		s = newstate();
	return s == &span_nostate ? NULL : s;
}

static struct agg *
aggfor(struct pstate *s, const void *key, const void *parent, int kind,
    int pkind)
{
	uintptr_t h = ((uintptr_t)key * 0x9e3779b97f4a7c15u) ^
	    ((uintptr_t)parent * 0xc2b2ae3d27d4eb4fu);
	size_t i = (size_t)(h >> 20) & (SPAN_AGGS - 1);
	struct agg *a, *b;

	for (;; i = (i + 1) & (SPAN_AGGS - 1)) {
		a = &s->agg[i];
		if (a->key == NULL)
			break;
		if (a->key == key && a->parent == parent && a->tid == s->tid &&
		    a->kind == kind)
			return a->canon ? a->canon : a;
	}
	if (s->nagg >= SPAN_AGGS / 4 * 3)
		return NULL;
	s->nagg++;
	a->parent = parent;
	a->tid = s->tid;
	a->kind = (unsigned char)kind;
	a->pkind = (unsigned char)pkind;
	a->canon = NULL;
	/* The same name through another pointer (a second string literal):
	 * an alias of the first pair, so that counts and the run index are
	 * the name's.  Searched once per new pointer, not per call. */
	if (kind == KIND_SPAN)
		for (i = 0; i < SPAN_AGGS; i++) {
			b = &s->agg[i];
			if (b != a && b->key != NULL && b->canon == NULL &&
			    b->tid == a->tid && b->kind == kind &&
			    b->pkind == a->pkind && strcmp(b->key, key) == 0 &&
			    (b->parent == parent || (pkind == KIND_SPAN &&
			    b->parent && parent &&
			    strcmp(b->parent, parent) == 0))) {
				a->canon = b;
				break;
			}
		}
	atomic_signal_fence(memory_order_release);
	a->key = key;
	return a->canon ? a->canon : a;
}

/* PERFSPAN_SAMPLE's begin: the call is counted now, and the frame
 * keeps its pair and the sampled clock. */
static inline void
pushsampled(struct pstate *s, struct frame *f)
{
	const struct frame *up = s->depth > 0 ? f - 1 : NULL;
	const void *parent = up ? up->key : NULL;
	int pkind = up ? up->kind : 0;
	struct agg **c = &s->cache[cacheslot(f->key, parent)];
	struct agg *a = *c;

	f->t0 = s->sampled;
	if (a == NULL || a->key != f->key || a->parent != parent ||
	    a->kind != f->kind || a->pkind != pkind || a->tid != s->tid)
		a = *c = aggfor(s, f->key, parent, f->kind, pkind);
	f->agg = a;
	if (a == NULL)
		s->dropcalls++;
	else if (a->calls++ == 0)
		/* The row's time: when the pair was first called. */
		a->first = mono();
	s->depth++;
}

/* Records the innermost frame as ended at t1 (CPU clock cpu1, RSS
 * rss1) and pops it. */
static void
pop(struct pstate *s, uint64_t t1, uint64_t cpu1, int64_t rss1)
{
	struct frame *f = &s->stack[--s->depth];
	struct frame *up = s->depth > 0 ? f - 1 : NULL;
	uint64_t wall = t1 > f->t0 ? t1 - f->t0 : 0;
	uint64_t self = wall > f->child ? wall - f->child : 0;
	uint64_t cpu = 0;
	int64_t rss = 0;
	struct agg *a;
	struct rec *r;
	double d;

	if (span_conf.cpu)
		cpu = cpu1 > f->cpu0 ? cpu1 - f->cpu0 : 0;
	if (span_conf.rss)
		rss = rss1 - f->rss0;
	if (up != NULL)
		up->child += wall;
	a = aggfor(s, f->key, up ? up->key : NULL, f->kind, up ? up->kind : 0);
	if (a == NULL) {
		s->dropcalls++;
		return;
	}
	if (a->calls++ == 0) {
		a->first = f->t0;
		a->min = a->max = wall;
		a->shift = (double)wall;
	}
	a->total += wall;
	a->self += self;
	a->cpu += cpu;
	a->rss += rss;
	if (wall < a->min)
		a->min = wall;
	if (wall > a->max)
		a->max = wall;
	d = (double)wall - a->shift;
	a->s1 += d;
	a->s2 += d * d;
	if (s->nrec < s->caprec) {
		r = &s->rec[s->nrec];
		r->key = f->key;
		r->kind = f->kind;
		r->parent = a->parent;
		r->pkind = a->pkind;
		r->start = f->t0;
		r->wall = wall;
		r->self = self;
		r->cpu = cpu;
		r->rss = rss;
		r->run = a->calls;
		r->tid = s->tid;
		/* Counted after the fill: a signal-time writer sees whole ones. */
		atomic_signal_fence(memory_order_release);
		s->nrec++;
	} else {
		s->droprec++;
	}
}

void
span_enter_slow(const void *key, int kind)
{
	struct pstate *s = state();
	struct frame *f;

	if (s == NULL)
		return;
	if (s->depth >= SPAN_DEPTH) {
		if (s->lost++ == 0)
			once(&said_depth, "spans nested deeper than 256: ",
			    "the inner ones are not recorded", NULL);
		return;
	}
	f = &s->stack[s->depth];
	f->key = key;
	f->kind = (unsigned char)kind;
	f->child = 0;
	if (span_conf.sample_us) {
		pushsampled(s, f);
		return;
	}
	/* The CPU clock is read inside the wall clock's interval, so that a
	 * span's CPU time never exceeds its wall time. */
	f->t0 = mono();
	if (span_conf.cpu)
		f->cpu0 = cputime();
	if (span_conf.rss)
		f->rss0 = rsskib();
	s->depth++;
}

void
span_leave_slow(const void *key, int kind)
{
	struct pstate *s = state();
	uint64_t t1 = 0, cpu1 = 0;
	int64_t rss1 = 0;
	int i;

	if (s == NULL)
		return;
	if (!span_conf.sample_us) {
		if (span_conf.rss)
			rss1 = rsskib();
		if (span_conf.cpu)
			cpu1 = cputime();
		t1 = mono();
	}
	if (s->lost > 0) {
		s->lost--;
		return;
	}
	if (s->depth > 0 && s->stack[s->depth - 1].kind == kind &&
	    samekey(s->stack[s->depth - 1].key, key, kind)) {
		pop(s, t1, cpu1, rss1);
		return;
	}
	/* Not the innermost: close the inner ones with it when it is open
	 * (a longjmp past instrumented functions), else ignore the end. */
	for (i = s->depth - 1; i >= 0; i--)
		if (s->stack[i].kind == kind && samekey(s->stack[i].key, key,
		    kind))
			break;
	if (kind == KIND_SPAN)
		once(&said_misuse,
		    i >= 0 ? "mismatched nesting: span '" : "end of span '",
		    (const char *)key,
		    i >= 0 ? "' ended while an inner span was open" :
		    "' that was never begun (ignored)");
	if (i < 0)
		return;
	while (s->depth > i)
		if (span_conf.sample_us)
			span_popsampled(s);
		else
			pop(s, t1, cpu1, rss1);
}

void
span_enter(const void *key, int kind)
{
	if (!span_enter_cached(key, kind))
		span_enter_slow(key, kind);
}

void
span_leave(const void *key, int kind)
{
	if (!span_leave_top(key, kind))
		span_leave_slow(key, kind);
}

void
perfspan_begin_(const char *name)
{
	span_enter(name, KIND_SPAN);
}

void
perfspan_end_(const char *name)
{
	span_leave(name, KIND_SPAN);
}

int
perfspan_flush(void)
{
	if (!perfspan_on_)
		return -1;
	return span_write(SPAN_ASKED);
}

/* PERFSPAN_SAMPLE: the thread's timer expired.  Its clock (the one its
 * spans read) moves on by the CPU time the expiry stands for: a period,
 * and one more for each expiry the kernel folded into this signal (it
 * sends at most one per scheduler tick, so a 1 ms period on a 250 Hz
 * tick is one signal with an overrun of 3).  No system call here: the
 * handler costs only the signal's delivery.  A span is charged the time
 * between the samples before its begin and before its end, which is
 * gprof's estimate but with the whole stack charged, not only the top. */
static void
on_prof(int sig, siginfo_t *si, void *uc)
{
	struct pstate *s = span_tls;

	(void)sig;
	(void)uc;
	if (si->si_code != SI_TIMER || s == NULL || s == &span_nostate)
		return;
	s->sampled += (uint64_t)(1 + (si->si_overrun > 0 ? si->si_overrun :
	    0)) * (uint64_t)span_conf.sample_us * 1000u;
}

/* Samples only where the program left SIGPROF and the profiling timer
 * alone (it may profile itself); else spans read the clocks. */
static void
sampling(void)
{
	struct sigaction sa, old;
	struct itimerval it;

	if (sigaction(SIGPROF, NULL, &old) < 0 || old.sa_handler != SIG_DFL ||
	    (old.sa_flags & SA_SIGINFO) || getitimer(ITIMER_PROF, &it) < 0 ||
	    it.it_value.tv_sec || it.it_value.tv_usec) {
		span_msg("PERFSPAN_SAMPLE: the program uses SIGPROF or its ",
		    "timer; every span reads the clock instead", NULL);
		span_conf.sample_us = 0;
		return;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_prof;
	/* A sample must not make the program's system calls fail. */
	sa.sa_flags = SA_RESTART | SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGPROF, &sa, NULL) < 0) {
		span_msg("PERFSPAN_SAMPLE: cannot handle SIGPROF; ",
		    "every span reads the clock instead", NULL);
		span_conf.sample_us = 0;
		return;
	}
	span_conf_sampling = 1;
}

static void
atexit_write(void)
{
	/* No sample lands on this thread while the rows are written. */
	if (span_tls != NULL && span_tls != &span_nostate)
		stop_timer(span_tls);
	span_write(SPAN_EXIT);
}

static void
on_fatal(int sig)
{
	int e = errno;

	span_write(SPAN_SIGNAL);
	/* SA_RESETHAND restored the default: the signal, raised again,
	 * ends the process as it would have, with the same status. */
	raise(sig);
	errno = e;
}

/* A forked child records its own spans, not its parent's again. */
static void
forked(void)
{
	struct pstate *s;

	span_conf.pid = getpid();
	for (s = span_states; s != NULL; s = s->next) {
		s->nrec = s->droprec = s->nagg = 0;
		s->depth = s == span_tls ? s->depth : 0;
		s->dropcalls = s->unclosed = 0;
		memset(s->agg, 0, SPAN_AGGS * sizeof *s->agg);
		memset(s->cache, 0, sizeof s->cache);
	}
	if (span_tls != NULL && span_tls != &span_nostate)
		span_tls->tid = gettid();
	/* A child inherits the handler but no timer: the thread that
	 * forked gets one of its own again (it ends if the child execs). */
	for (s = span_states; s != NULL; s = s->next)
		s->timed = 0;
	if (span_conf.sample_us && span_tls != NULL &&
	    span_tls != &span_nostate)
		start_timer(span_tls);
}

/* Copies PERFSPAN_OUT to dst with each %p the process id. */
static int
outname(const char *v, char *dst, size_t n)
{
	char pid[24];
	size_t i = 0, k, l;
	long p = (long)getpid();

	k = sizeof pid;
	pid[--k] = '\0';
	do
		pid[--k] = (char)('0' + p % 10);
	while ((p /= 10) > 0);
	for (; *v; v++) {
		if (v[0] == '%' && v[1] == 'p') {
			l = strlen(pid + k);
			if (i + l >= n)
				return -1;
			memcpy(dst + i, pid + k, l);
			i += l;
			v++;
		} else {
			if (i + 1 >= n)
				return -1;
			dst[i++] = *v;
		}
	}
	dst[i] = '\0';
	return 0;
}

/* "1", "0" or unset (def); anything else is reported and taken as def. */
static int
flag(const char *name, int def)
{
	const char *v = getenv(name);

	if (v == NULL || *v == '\0')
		return def;
	if (strcmp(v, "0") == 0 || strcmp(v, "1") == 0)
		return *v == '1';
	span_msg(name, ": want 0 or 1, not '", v);
	return def;
}

static void
readconf(const char *out)
{
	const char *v;
	char *end;
	unsigned long n;
	struct timespec rt;
	int fd, i;
	ssize_t len;

	span_conf.pid = getpid();
	if ((v = getenv("PERFSPAN_SAMPLE")) != NULL && *v != '\0') {
		errno = 0;
		n = strtoul(v, &end, 10);
		if (errno != 0 || *end != '\0' || *v == '-' || n > 10000)
			span_msg("PERFSPAN_SAMPLE: want 0 to 10000 a second, "
			    "not '", v, "' (clocks it is)");
		else if (n > 0)
			span_conf.sample_us = (long)(1000000 / n);
	}
	/* Sampled times are aggregates of CPU time, whatever PERFSPAN_MODE
	 * says: one call's sampled time means little, and the other clocks
	 * would cost what sampling saves. */
	span_conf.cpu = !span_conf.sample_us && flag("PERFSPAN_CPU", 0);
	span_conf.rss = !span_conf.sample_us && flag("PERFSPAN_RSS", 0);
	span_conf.statm = span_conf.rss ?
	    open("/proc/self/statm", O_RDONLY | O_CLOEXEC) : -1;
	span_conf.rows = 4096;
	if ((v = getenv("PERFSPAN_ROWS")) != NULL && *v != '\0') {
		errno = 0;
		n = strtoul(v, &end, 10);
		if (errno != 0 || *end != '\0' || *v == '-' || n > 1000000)
			span_msg("PERFSPAN_ROWS: want 0 to 1000000, not '", v,
			    "' (4096 it is)");
		else
			span_conf.rows = n;
	}
	if ((v = getenv("PERFSPAN_MODE")) != NULL && *v != '\0') {
		if (strcmp(v, "rows") == 0)
			span_conf.mode = 1;
		else if (strcmp(v, "aggregate") == 0)
			span_conf.mode = 2;
		else if (strcmp(v, "auto") != 0)
			span_msg("PERFSPAN_MODE: want auto, rows or aggregate, "
			    "not '", v, "' (auto it is)");
	}
	if (span_conf.sample_us)
		span_conf.mode = 2;
	if (outname(out, span_conf.out, sizeof span_conf.out) < 0)
		span_msg("PERFSPAN_OUT: name too long; ",
		    "rows will not be written", NULL);
	if (gethostname(span_conf.host, sizeof span_conf.host - 1) < 0)
		span_conf.host[0] = '\0';
	/* The command line, its words joined by blanks, as perf-time
	 * writes a command. */
	if ((fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC)) >= 0) {
		len = read(fd, span_conf.command, sizeof span_conf.command - 1);
		close(fd);
		for (i = 0; i < len; i++)
			if (span_conf.command[i] == '\0')
				span_conf.command[i] = ' ';
		while (len > 0 && span_conf.command[len - 1] == ' ')
			len--;
		span_conf.command[len > 0 ? len : 0] = '\0';
	}
	clock_gettime(CLOCK_REALTIME, &rt);
	span_conf.epoch_ns = (int64_t)rt.tv_sec * 1000000000 + rt.tv_nsec -
	    (int64_t)mono();
}

__attribute__((constructor)) static void
perfspan_init(void)
{
	const char *out = getenv("PERFSPAN_OUT");
	struct sigaction sa, old;
	size_t i;

	if (out == NULL || *out == '\0')
		return;
	readconf(out);
	if (pthread_key_create(&exitkey, thread_exit) != 0) {
		span_msg("cannot make a thread key; ", "spans not recorded",
		    NULL);
		return;
	}
	pthread_atfork(NULL, NULL, forked);
	atexit(atexit_write);
	if (span_conf.sample_us)
		sampling();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	/* Only where the program left the default: its own handlers win. */
	for (i = 0; i < sizeof fatal / sizeof *fatal; i++)
		if (sigaction(fatal[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_DFL && !(old.sa_flags & SA_SIGINFO))
			sigaction(fatal[i], &sa, NULL);
	perfspan_on_ = 1;
}
