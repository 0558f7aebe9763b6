/* test_bench.c - planning benches, counting runs, the stopping rule and
 * the interleaving order. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "tap.h"

static struct measure_result
result(double wall, int status, int timed_out)
{
	struct measure_result r;

	memset(&r, 0, sizeof r);
	r.wall_s = wall, r.exit_status = status, r.timed_out = timed_out;
	r.max_rss_kib = NAN;
	return r;
}

int
main(void)
{
	char *cmds[] = { "sort -n {n}", "cat {n}" };
	char *words[] = { "echo", "{n}", "x y" };
	char *names[] = { "s{n}" };
	struct bench_spec sp;
	struct bench_rule rule = { 0, 3, 0, 0, 0.95 };
	struct bench *b;
	struct params ps;
	struct perr e;
	struct measure_result r;
	size_t nb, i, order[8], seen[3];
	uint64_t rng = 12345;

	params_init(&ps);
	params_add(&ps, "n=1,2", &e);
	memset(&sp, 0, sizeof sp);
	sp.cmds = cmds, sp.ncmds = 2, sp.shellmode = 1, sp.ps = &ps;
	sp.names = names, sp.nnames = 1;
	sp.hooks[BENCH_PREPARE] = "rm -f {n}";
	b = bench_plan(&sp, &nb, &e);
	tap_ok(b != NULL && nb == 4, "2 commands x 2 values");
	tap_str(b[1].cmd, "sort -n 2", "substituted");
	tap_str(b[1].name, "s2", "--name substituted");
	tap_str(b[1].s.label, "s2", "labelled by name");
	tap_str(b[2].name, "cat {n}", "no name: the command as given");
	tap_str(b[2].s.label, "cat 1", "labelled by the command");
	tap_str(b[3].argv[0], "sh", "through the shell");
	tap_str(b[3].argv[2], "cat 2", "sh -c COMMAND");
	tap_str(b[3].hook[BENCH_PREPARE][2], "rm -f 2", "hooks substituted");
	tap_ok(b[0].hook[BENCH_SETUP] == NULL, "no setup hook");
	tap_ok(b[0].s.shell, "shell start-up to subtract");
	tap_str(b[2].pvals[0], "1", "its parameter value");
	bench_free(b, nb);

	sp.noshell = 1;
	b = bench_plan(&sp, &nb, &e);
	tap_str(b[0].argv[1], "-n", "--no-shell splits");
	tap_ok(!b[0].s.shell, "nothing to subtract");
	bench_free(b, nb);

	sp.cmds = words, sp.ncmds = 3, sp.shellmode = 0, sp.nnames = 0;
	b = bench_plan(&sp, &nb, &e);
	tap_ok(b != NULL && nb == 2, "-- COMMAND: one bench per value");
	tap_str(b[1].cmd, "echo 2 x y", "words joined for display");
	tap_str(b[1].argv[2], "x y", "words kept whole");
	tap_str(b[1].name, "echo {n} x y", "named by the template");

	cmds[0] = "echo {m}";
	sp.cmds = cmds, sp.ncmds = 1, sp.shellmode = 1, sp.noshell = 0;
	tap_ok(bench_plan(&sp, &nb, &e) == NULL, "an unknown parameter");
	tap_str(e.msg, "'{m}' in 'echo {m}': no such parameter", "named");
	cmds[0] = "echo 'x";
	sp.noshell = 1;
	tap_ok(bench_plan(&sp, &nb, &e) == NULL, "an unterminated quote");

	/* The rule: min runs, then min time. */
	tap_ok(!bench_done(&b[0], &rule), "not done before any run");
	tap_int((long long)bench_need(&b[0], &rule), 0, "need unknown yet");
	for (i = 0; i < 3; i++) {
		r = result(0.1, 0, 0);
		bench_count(&b[0], &r);
	}
	tap_ok(!bench_done(&b[0], &rule), "3 runs, 0.3 s: not done");
	tap_int((long long)bench_need(&b[0], &rule), 10, "0.95 s / 0.1 s");
	for (i = 0; i < 7; i++) {
		r = result(0.1, 0, 0);
		bench_count(&b[0], &r);
	}
	tap_ok(bench_done(&b[0], &rule), "1 s measured: done");
	rule.max_runs = 5, rule.min_time = 100;
	tap_ok(bench_done(&b[0], &rule), "max runs reached: done");
	rule.runs = 11;
	tap_ok(!bench_done(&b[0], &rule), "--runs rules: not yet");
	r = result(5, 0, 1);
	bench_count(&b[0], &r);
	tap_ok(bench_done(&b[0], &rule), "a timed-out run counts toward --runs");
	tap_ok(b[0].s.n == 10 && b[0].s.timed_out == 1, "but not in the summary");
	r = result(0.2, 1, 0);
	bench_count(&b[0], &r);
	tap_ok(b[0].s.n == 11 && b[0].s.failed == 1, "a failure is counted");
	tap_num(b[0].sorted[10], 0.2, 0, 0, "sorted as it goes");
	tap_num(b[0].sorted[0], 0.1, 0, 0, "smallest first");

	/* Precision: 10 equal values and one 0.2: interval [0.1, 0.1]. */
	rule.runs = 0, rule.max_runs = 1000, rule.precision = 0.01;
	tap_ok(bench_done(&b[0], &rule), "a tight median: done");
	for (i = 0; i < 12; i++) {
		r = result(0.3 + 0.01 * (double)i, 0, 0);
		bench_count(&b[1], &r);
	}
	tap_ok(!bench_done(&b[1], &rule), "a spread median: not done");
	rule.precision = 0.2;
	tap_ok(bench_done(&b[1], &rule), "within 20%%: done");
	tap_int((long long)bench_need(&b[1], &rule), 0, "need unknown");

	/* Rounds. */
	rule.precision = 0, rule.runs = 13;
	tap_int((long long)bench_round(b, nb, &rule, 0, &rng, order), 2,
	    "two benches still to run");
	tap_ok(order[0] == 0 && order[1] == 1, "the first two");
	bench_free(b, nb);

	sp.cmds = cmds, sp.ncmds = 2, sp.shellmode = 1, sp.noshell = 0;
	cmds[0] = "a{n}", cmds[1] = "b";
	params_free(&ps);
	params_add(&ps, "n=1,2", &e);
	b = bench_plan(&sp, &nb, &e);
	tap_int((long long)nb, 4, "4 benches");
	rule.runs = 1;
	tap_int((long long)bench_round(b, nb, &rule, 0, &rng, order), 4,
	    "a round of 4");
	tap_ok(order[0] == 0 && order[3] == 3, "in order without shuffle");
	memset(seen, 0, sizeof seen);
	tap_int((long long)bench_round(b, nb, &rule, 1, &rng, order), 4,
	    "shuffled round");
	for (i = 0; i < 4; i++)
		seen[0] += order[i];
	tap_int((long long)seen[0], 6, "a permutation");
	bench_free(b, nb);
	params_free(&ps);
	return tap_done();
}
