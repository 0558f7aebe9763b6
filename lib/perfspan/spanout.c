/* spanout.c - perfspan's rows: every recorder's occurrences (or its
 * aggregates) as runs CSV (schemas/runs.schema.json), written whole to a
 * temporary beside PERFSPAN_OUT and renamed over it.
 *
 * The same code runs from a fatal signal's handler, so it keeps to
 * async-signal-safe calls: write(2), open(2), rename(2), no malloc, no
 * stdio.  That is why it quotes CSV and formats numbers itself rather
 * than through libcsv and printf; a library users link brings no
 * dependencies of its own either.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spanint.h"

static const char header[] =
    "time,host,name,command,parent,run,pid,tid,wall_s,cpu_s,cpu_pct,"
    "rss_delta_kib,calls_count,total_s,self_s,min_s,max_s,stddev_s,"
    "dropped_count,timed_out,measured_by\n";

/* The writer's state: static, so that a signal handler on a small stack
 * can use it; one writer at a time (busy). */
static struct {
	int fd, err;
	size_t n;
	char buf[65536];
	char name[512];
	unsigned short idx[SPAN_AGGS];
} w;
static atomic_flag busy = ATOMIC_FLAG_INIT;
static atomic_int said_write;

static void
drain(void)
{
	size_t off = 0;
	ssize_t k;

	while (off < w.n && !w.err) {
		k = write(w.fd, w.buf + off, w.n - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			w.err = k < 0 ? errno : EIO;
			break;
		}
		off += (size_t)k;
	}
	w.n = 0;
}

static void
put(const char *s, size_t l)
{
	size_t k;

	while (l > 0) {
		if (w.n == sizeof w.buf)
			drain();
		k = sizeof w.buf - w.n < l ? sizeof w.buf - w.n : l;
		memcpy(w.buf + w.n, s, k);
		w.n += k;
		s += k;
		l -= k;
	}
}

static void
putc_(char c)
{
	put(&c, 1);
}

/* A CSV field, quoted as RFC 4180 says when it needs to be. */
static void
putq(const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		put(s, strlen(s));
		return;
	}
	putc_('"');
	for (p = s; *p; p++) {
		if (*p == '"')
			putc_('"');
		putc_(*p);
	}
	putc_('"');
}

static void
putu(uint64_t v)
{
	char b[24];
	size_t k = sizeof b;

	do
		b[--k] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	put(b + k, sizeof b - k);
}

static void
puti(int64_t v)
{
	if (v < 0) {
		putc_('-');
		putu((uint64_t)-(v + 1) + 1);
	} else {
		putu((uint64_t)v);
	}
}

/* ns as seconds with nine decimals: exact, and the same on every run. */
static void
putsec(uint64_t ns)
{
	char b[9];
	int i;
	uint64_t f = ns % 1000000000u;

	putu(ns / 1000000000u);
	putc_('.');
	for (i = 8; i >= 0; i--, f /= 10)
		b[i] = (char)('0' + f % 10);
	put(b, 9);
}

static void
comma(void)
{
	putc_(',');
}

/* The name of a key: the span's string, or the function's symbol
 * (hex from a signal handler: dladdr takes a lock). */
static const char *
keyname(const void *key, int kind, int insig)
{
	static const char hex[] = "0123456789abcdef";
	uintptr_t a = (uintptr_t)key;
	char *p;
	int i;

	if (kind == KIND_SPAN)
		return key;
	if (kind != KIND_FUNC)
		return "";
	if (!insig) {
		span_symbol(key, w.name, sizeof w.name);
		return w.name;
	}
	p = w.name;
	*p++ = '0';
	*p++ = 'x';
	for (i = (int)sizeof a * 8 - 4; i >= 0; i -= 4)
		if ((a >> i) != 0 || i == 0)
			*p++ = hex[(a >> i) & 15];
	*p = '\0';
	return w.name;
}

/* The fields every row starts with: time to tid. */
static void
lead(uint64_t start, const void *key, int kind, const void *parent,
    int pkind, uint64_t run, pid_t tid, int insig)
{
	int64_t t = span_conf.epoch_ns + (int64_t)start;

	putsec(t > 0 ? (uint64_t)t : 0);
	comma();
	putq(span_conf.host);
	comma();
	putq(keyname(key, kind, insig));
	comma();
	putq(span_conf.command);
	comma();
	putq(keyname(parent, parent ? pkind : 0, insig));
	comma();
	putu(run);
	comma();
	putu((uint64_t)span_conf.pid);
	comma();
	putu((uint64_t)tid);
	comma();
}

/* wall_s to rss_delta_kib, per call. */
static void
percall(uint64_t wall, uint64_t cpu, int64_t rss)
{
	putsec(wall);
	comma();
	if (span_conf.cpu) {
		putsec(cpu);
		comma();
		if (wall > 0) {
			/* Percent with two decimals, rounded. */
			uint64_t h = (cpu * 10000 + wall / 2) / wall;
			putu(h / 100);
			putc_('.');
			putc_((char)('0' + h / 10 % 10));
			putc_((char)('0' + h % 10));
		}
	} else {
		comma();
	}
	comma();
	if (span_conf.rss)
		puti(rss);
	comma();
}

static void
tail(uint64_t dropped, int kind)
{
	putu(dropped);
	put(",false,", 7);
	put(kind == KIND_FUNC ? "instrument" : "span",
	    kind == KIND_FUNC ? 10 : 4);
	if (span_conf.sample_us)
		put("-sampled", 8);
	putc_('\n');
}

static void
rows(const struct pstate *s, int insig)
{
	size_t i, n = s->nrec;
	const struct rec *r;

	atomic_signal_fence(memory_order_acquire);
	for (i = 0; i < n; i++) {
		r = &s->rec[i];
		lead(r->start, r->key, r->kind, r->parent, r->pkind, r->run,
		    r->tid, insig);
		percall(r->wall, r->cpu, r->rss);
		put("1,", 2);
		putsec(r->wall);
		comma();
		putsec(r->self);
		put(",,,,", 4);
		tail(s->droprec, r->kind);
	}
}

/* wall_s to stddev_s of a PERFSPAN_SAMPLE aggregate: its times are CPU
 * time between samples, so no wall time and no per-call spread; cpu_s is
 * the mean per call. */
static void
sampled(uint64_t calls, uint64_t total, uint64_t self)
{
	comma();
	putsec((total + calls / 2) / calls);
	put(",,,", 3);
	putu(calls);
	comma();
	putsec(total);
	comma();
	putsec(self);
	put(",,,,", 4);
}

static int
sameagg(const struct agg *a, const struct agg *b)
{
	return a->tid == b->tid && a->kind == b->kind &&
	    a->pkind == b->pkind && samekey(a->key, b->key, a->kind) &&
	    samekey(a->parent, b->parent, a->pkind);
}

/* sqrt by Newton's method: the library needs no libm. */
static double
root(double v)
{
	double r = v > 1 ? v : 1;
	int i;

	if (v <= 0)
		return 0;
	for (i = 0; i < 200; i++)
		r = 0.5 * (r + v / r);
	return r;
}

/* One row per (thread, name, parent), in order of the first call; the
 * same name reached through two string literals is one row. */
static void
aggs(const struct pstate *s, int insig)
{
	size_t i, j, n = 0, k;
	const struct agg *a, *b;
	uint64_t calls, total, self, mn, mx, cpu, first;
	int64_t rss;
	double mean, s2, shift, d, var;
	unsigned short t;

	for (i = 0; i < SPAN_AGGS; i++)
		if (s->agg[i].key != NULL && s->agg[i].canon == NULL &&
		    s->agg[i].calls > 0)
			w.idx[n++] = (unsigned short)i;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && s->agg[w.idx[j - 1]].first >
		    s->agg[w.idx[j]].first; j--) {
			t = w.idx[j];
			w.idx[j] = w.idx[j - 1];
			w.idx[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		a = &s->agg[w.idx[i]];
		for (j = 0; j < i; j++)
			if (sameagg(&s->agg[w.idx[j]], a))
				break;
		if (j < i)
			continue;
		calls = total = self = cpu = 0;
		rss = 0;
		mn = UINT64_MAX;
		mx = 0;
		first = a->first;
		shift = a->shift;
		s2 = 0;
		/* Sums of squares about one shift, merged exactly: the
		 * other table's about its own shift, moved to this one. */
		for (k = i; k < n; k++) {
			b = &s->agg[w.idx[k]];
			if (k != i && !sameagg(a, b))
				continue;
			d = b->shift - shift;
			s2 += b->s2 + 2 * d * b->s1 +
			    (double)b->calls * d * d;
			calls += b->calls;
			total += b->total;
			self += b->self;
			cpu += b->cpu;
			rss += b->rss;
			mn = b->min < mn ? b->min : mn;
			mx = b->max > mx ? b->max : mx;
		}
		mean = (double)total / (double)calls;
		d = mean - shift;
		var = calls > 1 ? (s2 - (double)calls * d * d) /
		    (double)(calls - 1) : 0;
		lead(first, a->key, a->kind, a->parent, a->pkind, 1, a->tid,
		    insig);
		if (span_conf.sample_us) {
			sampled(calls, total, self);
			tail(s->dropcalls, a->kind);
			continue;
		}
		percall((total + calls / 2) / calls, (cpu + calls / 2) / calls,
		    rss / (int64_t)calls);
		putu(calls);
		comma();
		putsec(total);
		comma();
		putsec(self);
		comma();
		putsec(mn);
		comma();
		putsec(mx);
		comma();
		if (calls > 1)
			putsec((uint64_t)(root(var) + 0.5));
		comma();
		tail(s->dropcalls, a->kind);
	}
}

static void
failed(int e)
{
	if (atomic_exchange(&said_write, 1) == 0)
		span_msg("cannot write '", span_conf.out,
		    e == ENOSPC ? "': No space left on device" :
		    e == EACCES ? "': Permission denied" :
		    e == ENOENT ? "': No such file or directory" :
		    e == EROFS ? "': Read-only file system" :
		    e == EISDIR ? "': Is a directory" : "': write error");
}

int
span_write(int how)
{
	int insig = how == SPAN_SIGNAL;
	struct pstate *s;
	struct stat st;
	int direct, agg = span_conf.mode == 2, rv = 0;
	size_t l;

	if (span_conf.out[0] == '\0' || atomic_flag_test_and_set(&busy))
		return -1;
	atomic_thread_fence(memory_order_acquire);
	for (s = span_states; s != NULL && span_conf.mode == 0; s = s->next)
		if (s->droprec > 0)
			agg = 1;
	/* A device or a pipe is written as it is; a file is replaced. */
	direct = stat(span_conf.out, &st) == 0 && !S_ISREG(st.st_mode);
	if (!direct) {
		l = strlen(span_conf.out);
		memcpy(span_conf.tmp, span_conf.out, l);
		memcpy(span_conf.tmp + l, ".perfspan-tmp", 14);
	}
	w.fd = open(direct ? span_conf.out : span_conf.tmp,
	    O_WRONLY | O_CLOEXEC | (direct ? O_APPEND :
	    O_CREAT | O_TRUNC), 0666);
	if (w.fd < 0) {
		failed(errno);
		atomic_flag_clear(&busy);
		return -1;
	}
	w.err = 0;
	w.n = 0;
	put(header, sizeof header - 1);
	for (s = span_states; s != NULL; s = s->next) {
		if (agg)
			aggs(s, insig);
		else
			rows(s, insig);
		if (how == SPAN_EXIT && s->depth > 0 && s->tid == gettid() &&
		    s->stack[s->depth - 1].kind == KIND_SPAN)
			span_msg("span '", s->stack[s->depth - 1].key,
			    "' still open when the rows were written "
			    "(not recorded)");
	}
	drain();
	if (close(w.fd) < 0 && !w.err)
		w.err = errno;
	if (!w.err && !direct && rename(span_conf.tmp, span_conf.out) < 0)
		w.err = errno;
	if (w.err) {
		failed(w.err);
		if (!direct)
			unlink(span_conf.tmp);
		rv = -1;
	}
	atomic_flag_clear(&busy);
	return rv;
}
