load helpers

# harden.bats - faults (issue 14) that robust.bats and the programs' own
# files do not already cover: a closed pipe, an output file that is a link
# to /dev/full, an input that cannot be read, a full and a read-only
# output directory, SIGTERM in the middle of perf-time, perf-sample -o and
# perf-report -o (its gnuplots and programs killed with it),
# a reader that stops reading, commands under perf-time that close their
# stdout, leave a child behind or ignore SIGTERM; and least privilege:
# perf-trend, perf-bottleneck and perf-validate's file mode never exec
# anything nor open a socket, and perf-report runs only gnuplot and its
# siblings (strace).

SAMPLES=$FIXTURES/bottleneck/cpu-saturated.csv

setup() {
	mkdir "$BATS_TEST_TMPDIR/w"
	cd "$BATS_TEST_TMPDIR/w"
}

teardown() {
	# Programs a failed test left running would hold bats' output open.
	if [ -n "${KILL:-}" ]; then
		kill $KILL 2> /dev/null || true
	fi
	if [ -n "${MNT:-}" ]; then
		umount "$MNT" 2> /dev/null || true
	fi
}

# col NAME FILE: the values of column NAME, one per line.
col() {
	/usr/bin/python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[2])): print(r[sys.argv[1]])' "$1" "$2"
}

# A 64 KiB tmpfs at ./mnt; skips where mounting is not allowed.
small_tmpfs() {
	[ "$(id -u)" = 0 ] || skip "mounting a tmpfs needs root"
	mkdir mnt
	mount -t tmpfs -o size=64k,mode=0777 tmpfs mnt 2> /dev/null ||
	    skip "mount refused here"
	MNT=$PWD/mnt
}

# waitfor N FILE: waits (up to 10 s) until FILE has N lines.
waitfor() {
	for _ in $(seq 500); do
		[ -e "$2" ] && [ "$(wc -l < "$2")" -ge "$1" ] && return 0
		sleep 0.02
	done
	return 1
}

@test "a closed pipe: each program ends quietly (SIGPIPE), no message" {
	# Output far over a pipe's 64 KiB (a 300 KiB host name) through a pipe
	# whose reader took one byte and left.
	/usr/bin/python3 -c 'print("time,host,cpu_busy_pct"); [print("%d,%s,5" % (i, "h" * 300000)) for i in range(3)]' > many.csv
	for p in perf-trend perf-bottleneck; do
		rc=$( { $p many.csv 2> err; echo $? > rc; } | head -c 1 > /dev/null; cat rc)
		[ "$rc" -eq 141 ] || { echo "$p: exit $rc"; false; }
		[ ! -s err ] || { echo "$p: $(cat err)"; false; }
	done
	{ perf-sample -i 10ms 2> err; echo $? > rc; } | head -n 2 > /dev/null
	[ "$(cat rc)" -eq 141 ]
	[ ! -s err ]
}

@test "-o to a link to /dev/full: exit 2 with a message, the link left as it was" {
	ln -s /dev/full link
	for cmd in "perf-trend -o link $SAMPLES" "perf-bottleneck -o link $SAMPLES" \
	    "perf-validate -o link $SAMPLES" "perf-time -r 1 -o link true" \
	    "perf-sample -n 1 -o link"; do
		run -2 --separate-stderr $cmd
		[ "$stderr" = "${cmd%% *}: link: write error: No space left on device" ] ||
		    { echo "$cmd: $stderr"; false; }
		[ -L link ] && [ "$(readlink link)" = /dev/full ]
	done
}

@test "an input that cannot be read: exit 2 naming it" {
	# Root reads a mode-000 file regardless; a directory cannot be read by anyone.
	mkdir d
	for p in perf-trend perf-bottleneck; do
		run -2 --separate-stderr $p d
		[ "$stderr" = "$p: d: read error: Is a directory" ]
	done
	run -2 --separate-stderr perf-validate d
	[ "$stderr" = "perf-validate: d: Is a directory" ]
	if [ "$(id -u)" != 0 ]; then
		cp "$SAMPLES" locked.csv
		chmod 000 locked.csv
		run -2 --separate-stderr perf-trend locked.csv
		[ "$stderr" = "perf-trend: locked.csv: Permission denied" ]
	fi
}

@test "a full output directory: exit 2, no file and no temporary left" {
	small_tmpfs
	# Output far over 64 KiB: a key of 200 KiB.
	/usr/bin/python3 -c 'print("time,host,cpu_busy_pct"); print("1,%s,5" % ("h" * 200000)); print("2,%s,6" % ("h" * 200000))' > big.csv
	for p in perf-trend perf-bottleneck; do
		run -2 --separate-stderr $p -o mnt/out.json big.csv
		[[ $stderr == "$p: mnt/out.json"*"No space left on device" ]] ||
		    { echo "$p: $stderr"; false; }
		[ -z "$(ls -A mnt)" ] || { echo "$p left: $(ls -A mnt)"; false; }
	done
}

@test "a read-only output directory: exit 2, nothing written" {
	small_tmpfs
	mount -o remount,ro "$MNT"
	for cmd in "perf-trend -o mnt/o.json $SAMPLES" "perf-bottleneck -o mnt/o.json $SAMPLES" \
	    "perf-validate -o mnt/o.json $SAMPLES" "perf-time -r 1 -o mnt/o.csv true" \
	    "perf-sample -n 1 -o mnt/o.csv"; do
		run -2 --separate-stderr $cmd
		[[ $stderr == "${cmd%% *}: mnt/o."*"Read-only file system" ]] ||
		    { echo "$cmd: $stderr"; false; }
	done
	[ -z "$(ls -A mnt)" ]
}

@test "SIGTERM in the middle of perf-time: the runs so far whole, exit 130" {
	perf-time -r 1000 -o runs.csv -- sleep 0.05 2> err.txt &
	pid=$!
	waitfor 3 runs.csv
	kill -TERM $pid
	rc=0
	wait $pid || rc=$?
	[ "$rc" -eq 130 ]
	[ "$(cat err.txt)" = "perf-time: interrupted: the runs so far are written" ]
	check_csv runs.schema.json runs.csv
	[ "$(tail -c 1 runs.csv | od -An -c | tr -d ' ')" = '\n' ]
}

@test "SIGINT and SIGTERM in the middle of perf-sample | perf-bottleneck --follow: every line whole" {
	for sig in INT TERM; do
		# A pipe of our own, so that both ends' pids are known.
		mkfifo pipe
		perf-sample -i 10ms > pipe &
		spid=$!
		perf-bottleneck -F -f csv -t cpu_busy_pct=0,,0 < pipe > out 2> err &
		pid=$!
		KILL="$spid $pid"
		# The header and the finding, firing from the first sample on
		# (it is said again only when its state changes).
		waitfor 2 out
		kill -$sig $pid
		rc=0
		wait $pid || rc=$?
		# perf-sample ends at its next write (SIGPIPE).
		wait $spid || true
		rm pipe
		[ "$rc" -eq 0 ] || [ "$rc" -eq 141 ]
		[[ $(cat err) == "perf-bottleneck: stopped after "*" rows: "* ]]
		[ "$(tail -c 1 out | od -An -c | tr -d ' ')" = '\n' ]
		/usr/bin/python3 -c '
import csv, sys
rows = list(csv.reader(open("out", newline="")))
sys.exit(len(rows) < 2 or any(len(r) != len(rows[0]) for r in rows))'
		rm out err
	done
}

@test "a reader that stops reading: perf-sample waits without growing, ends when it goes" {
	mkfifo p
	perf-sample -i 10ms > p 2> err &
	pid=$!
	# The reader takes one line, then reads nothing more until told to go.
	{ read -r _; while [ ! -e go ]; do sleep 0.05; done; } < p &
	reader=$!
	sleep 0.5
	rss1=$(awk '/^VmRSS/ { print $2 }' /proc/$pid/status)
	sleep 0.5
	rss2=$(awk '/^VmRSS/ { print $2 }' /proc/$pid/status)
	[ "$rss2" -le $((rss1 + 64)) ]
	touch go
	wait $reader
	rc=0
	wait $pid || rc=$?
	[ "$rc" -eq 141 ]
	[ ! -s err ]
}

@test "perf-time: a command that closes its stdout, or leaves a child behind, is measured and does not hold it up" {
	run -0 --separate-stderr perf-time -r 2 -o runs.csv -- sh -c 'exec >&- 2>&-; true'
	[ "$(col exit_status runs.csv | sort -u)" = 0 ]
	SECONDS=0
	run -0 --separate-stderr perf-time -r 2 -o runs2.csv -- sh -c 'sleep 3 & exit 0'
	[ "$SECONDS" -lt 3 ]
	[ "$(col exit_status runs2.csv | sort -u)" = 0 ]
	# With --output inherit the child shares perf-time's stdout: a file
	# here, since a pipe's reader would wait for the child too.
	SECONDS=0
	perf-time -r 2 --output inherit -o runs3.csv -- sh -c 'sleep 3 & exit 0' > out.txt
	[ "$SECONDS" -lt 3 ]
}

@test "perf-time --timeout: a command that ignores SIGTERM is killed, the runs go on" {
	SECONDS=0
	run -0 --separate-stderr perf-time -r 2 --timeout 200ms -o runs.csv -- \
	    sh -c 'trap "" TERM; sleep 30'
	[ "$SECONDS" -lt 10 ]
	[ "$(col timed_out runs.csv | tr '\n' ' ')" = "true true " ]
	[ "$(col signal runs.csv | sort -u)" = 9 ]
}

@test "least privilege: perf-trend, perf-bottleneck and perf-validate FILE exec nothing, open no socket" {
	command -v strace > /dev/null || skip "no strace"
	for cmd in "perf-trend --compare name $ROOT/tests/cases/perf-trend/runs.csv" \
	    "perf-trend $SAMPLES" "perf-bottleneck -f text $SAMPLES" \
	    "perf-bottleneck -F $SAMPLES" "perf-validate $SAMPLES"; do
		bin=$(command -v "${cmd%% *}")
		strace -f -qq -e trace=execve,execveat,socket,connect \
		    -o trace "$bin" ${cmd#* } > /dev/null 2>&1 || true
		# The one execve allowed: strace starting the program itself.
		calls=$(grep -v "execve(\"$bin\"" trace | grep -v '^[0-9]* +++ exited' || true)
		[ -z "$calls" ] || { echo "$cmd: $calls"; false; }
		grep -q "execve(\"$bin\"" trace
	done
}

@test "SIGTERM and SIGINT in the middle of perf-report -o: the previous report intact, no gnuplot or temporary left" {
	perf-report -o rep "$SAMPLES"
	cp rep/report.txt before.txt
	# A gnuplot that never ends, so the signal comes while charts are drawn.
	printf '#!/bin/sh\necho $$ >> %s/pids\nexec sleep 60\n' "$PWD" > slowplot
	chmod +x slowplot
	for sig in TERM INT; do
		rm -f pids
		PERFPIPE_GNUPLOT=./slowplot perf-report -o rep "$SAMPLES" 2> err.txt &
		pid=$!
		waitfor 1 pids
		kill -$sig $pid
		rc=0
		wait $pid || rc=$?
		[ "$rc" -eq $((128 + $(kill -l $sig))) ]
		cmp before.txt rep/report.txt
		[ -z "$(ls -A . | grep '^\.rep\.')" ]
		while read -r p; do
			! kill -0 "$p" 2> /dev/null
		done < pids
	done
}

@test "least privilege: perf-report runs gnuplot and its three sibling programs, never a shell, opens no socket" {
	command -v strace > /dev/null || skip "no strace"
	bin=$(command -v perf-report)
	dir=${bin%/*}
	# LeakSanitizer cannot run under ptrace: off for the traced runs.
	export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	strace -f -qq -e trace=execve,execveat,socket,connect -o trace \
	    perf-report -o rep "$SAMPLES" > /dev/null 2> err || { cat err; false; }
	# Every exec: perf-report itself (started by strace), perf-trend,
	# perf-bottleneck and perf-validate beside it, or gnuplot (looked up
	# in PATH, so failed tries in other directories show too).  A call
	# that another process's interrupted shows twice: "<unfinished ...>"
	# with its arguments, checked, then "<... resumed>", skipped.
	bad=$(grep -E 'execve|socket|connect' trace | grep -v 'resumed>' |
	    grep -vE "execve\(\"($dir/perf-(report|trend|bottleneck|validate)|[^\"]*/gnuplot)\"" || true)
	[ -z "$bad" ] || { echo "$bad"; false; }
	grep -q "execve(\"$dir/perf-validate\"" trace
	grep -q 'execve("[^"]*/gnuplot", .* = 0' trace
	# Given its documents, it runs gnuplot alone.
	perf-trend -f json "$SAMPLES" > t.json
	perf-bottleneck -f json "$SAMPLES" > f.json || true
	perf-validate "$SAMPLES" > v.json || true
	strace -f -qq -e trace=execve,execveat,socket,connect -o trace2 \
	    perf-report -o rep2 "$SAMPLES" t.json f.json v.json > /dev/null 2> err ||
	    { cat err; false; }
	bad=$(grep -E 'execve|socket|connect' trace2 |
	    grep -vE "execve\(\"($bin|[^\"]*/gnuplot)\"" || true)
	[ -z "$bad" ] || { echo "$bad"; false; }
}
