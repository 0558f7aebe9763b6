# rules.awk - the naive side of bench/bottleneck: perf-bottleneck's default
# rules on the columns they read directly (and load1 per CPU), with the
# same warning, critical, for and clear levels, gaps and hysteresis, in
# plain awk.  Prints the number of findings per severity.
# Usage: awk -F, -v cpus=N -f rules.awk samples.csv
BEGIN {
	n = split("cpu_busy_pct 90 98 900 80;psi_cpu_some_avg10_pct 25 50 300 10;" \
	    "psi_cpu_full_avg10_pct 5 20 300 2;cpu_steal_pct 10 25 300 5;" \
	    "mem_used_pct 90 95 900 85;pgmajfault_per_s 500 2000 900 250;" \
	    "psi_memory_some_avg10_pct 10 30 300 5;psi_memory_full_avg10_pct 5 15 300 2;" \
	    "swap_in_per_s 100 1000 300 10;swap_out_per_s 100 1000 300 10;" \
	    "swap_used_pct 80 95 900 70;disk_util_pct 90 98 900 80;" \
	    "disk_queue_count 10 30 1800 5;disk_await_ms 100 500 900 50;" \
	    "cpu_iowait_pct 20 50 300 10;psi_io_some_avg10_pct 30 60 300 15;" \
	    "psi_io_full_avg10_pct 10 30 300 5;load1_per_cpu 2 4 900 1.5", spec, ";")
	for (i = 1; i <= n; i++) {
		split(spec[i], f, " ")
		name[i] = f[1]; warn[i] = f[2]; crit[i] = f[3]; dur[i] = f[4]
		clr[i] = f[5]
	}
}
NR == 1 {
	for (c = 1; c <= NF; c++) col[$c] = c
	nr = 0
	for (i = 1; i <= n; i++) {
		src = name[i] == "load1_per_cpu" ? "load1" : name[i]
		if (src in col) { r[++nr] = i; rc[nr] = col[src] }
	}
	next
}
{
	t = $col["time"]; iv = $col["interval_s"]
	if (last != "" && (t <= last || t - last > 2 * iv))
		for (j = 1; j <= nr; j++) {
			if (firing[j]) found[firing[j]]++
			firing[j] = 0; ws[j] = ""; cs[j] = ""
		}
	last = t
	for (j = 1; j <= nr; j++) {
		i = r[j]; v = $rc[j]
		if (v == "") continue
		if (name[i] == "load1_per_cpu") v /= cpus
		if (!firing[j]) {
			if (v < warn[i]) { ws[j] = ""; cs[j] = ""; continue }
			if (ws[j] == "") ws[j] = t - iv
			if (v >= crit[i]) { if (cs[j] == "") cs[j] = t - iv } else cs[j] = ""
			if (t - ws[j] >= dur[i] - 1e-9)
				firing[j] = cs[j] != "" && t - cs[j] >= dur[i] - 1e-9 ? "critical" : "warning"
			continue
		}
		if (v < clr[i]) { found[firing[j]]++; firing[j] = 0; ws[j] = ""; cs[j] = ""; continue }
		if (v >= crit[i]) { if (cs[j] == "") cs[j] = t - iv } else cs[j] = ""
		if (firing[j] == "warning" && cs[j] != "" && t - cs[j] >= dur[i] - 1e-9)
			firing[j] = "critical"
	}
}
END {
	for (j = 1; j <= nr; j++) if (firing[j]) found[firing[j]]++
	printf "%d critical, %d warning\n", found["critical"], found["warning"]
}
