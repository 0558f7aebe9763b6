/* spankind.h - which runs rows are lib/perfspan's: its measured_by
 * values, read in one place by the programs that treat its rows apart. */
#ifndef SPANKIND_H
#define SPANKIND_H

/* What a runs row's measured_by says of it. */
enum spankind {
	SPANKIND_NONE,		/* a command's run (perf-time, hyperfine) */
	SPANKIND_CLOCKS,	/* perfspan: "span" or "instrument", clocks read
				 * at every call */
	SPANKIND_SAMPLED,	/* perfspan: "span-sampled", "instrument-sampled"
				 * (PERFSPAN_SAMPLE: CPU time sampled) */
};

/* The kind of a row whose measured_by is m (NULL: no such column). */
enum spankind spankind_of(const char *m);

#endif
