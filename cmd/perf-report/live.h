/* live.h - perf-report --live: a terminal dashboard of samples as they
 * arrive (standard input, or a file that grows), redrawn every interval:
 * text charts by gnuplot's dumb terminal, the current values, and the
 * alerts perf-bottleneck --follow says are firing. */
#ifndef LIVE_H
#define LIVE_H

/*
 * Runs the dashboard on path ("-": standard input; a file is followed as
 * it grows, through tail -F) until the input ends, q is pressed on the
 * terminal, or SIGINT or SIGTERM arrives; plots is the directory of the
 * gnuplot scripts.  Returns the exit status (messages already printed).
 */
int live_run(const char *path, double interval, const char *plots);

#endif
