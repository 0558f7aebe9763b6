# gen.awk - small deterministic perfpipe inputs for tests/perf-report.bats.
# awk -v kind=samples|runs|evil -f gen.awk > FILE
#   samples: 1200 s at 1 Hz of two hosts; db1 is CPU-bound for 1000 s
#            (a 15-minute warning from perf-bottleneck's default rule).
#   runs:    12 runs each of two commands, the second 30% slower.
#   evil:    runs whose names hold quotes, backquotes, a newline, a
#            trailing backslash, HTML and gnuplot's system().
function noise(i) { return ((i * 7919) % 97) / 97 }
BEGIN {
	t0 = 1767225600
	if (kind == "samples") {
		print "time,host,interval_s,cpu_user_pct,cpu_system_pct,cpu_iowait_pct,cpu_steal_pct,cpu_busy_pct,load1,mem_used_pct,disk_util_pct"
		for (i = 0; i < 1200; i++)
			for (h = 0; h < 2; h++) {
				busy = (h == 0 && i >= 100 && i < 1100) ? 96 + 2 * noise(i) : 8 + 4 * noise(i + h)
				printf "%d,%s,1,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f\n", t0 + i, h ? "web1" : "db1", busy * 0.7, busy * 0.25, busy * 0.03, busy * 0.02, busy, busy / 25, 40 + 5 * noise(i * 3), 10 + 5 * noise(i * 5)
			}
	} else {
		print "time,host,name,command,run,wall_s,max_rss_kib,exit_status,signal,timed_out"
		n1 = "gzip -1"; n2 = "gzip -9"
		if (kind == "evil") {
			n1 = "it's \"\"quoted\"\" `touch pwned-1` $(touch pwned-2)"
			n2 = "\"line1\nline2 \\\""
			n3 = "\"system(\"\"touch pwned-3\"\") <b>&amp;</b> | *x* @m\""
		}
		for (c = 1; c <= (kind == "evil" ? 3 : 2); c++)
			for (r = 1; r <= 12; r++) {
				name = c == 1 ? n1 : c == 2 ? n2 : n3
				if (c == 1 && kind == "evil")
					name = "\"" name "\""
				printf "%.3f,ci1,%s,%s,%d,%.6f,%d,0,,false\n", t0 + 100 * c + r, name, kind == "evil" ? "cmd" : name, r, 0.1 * (1 + 0.3 * (c - 1)) * (1 + 0.02 * noise(r * c)), 4000 + r
			}
	}
}
