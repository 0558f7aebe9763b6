#!/usr/bin/env bats
# install.bats - `ninja install` lays out the programs, their man pages,
# the data formats' page and the share files under DESTDIR and PREFIX.
load helpers

@test "ninja install: DESTDIR and the default PREFIX" {
	d=$BATS_TEST_TMPDIR/stage
	cd "$ROOT"
	DESTDIR=$d run -0 ninja install
	for p in perf-sample perf-time perf-trend perf-bottleneck perf-validate perf-report; do
		[ -x "$d/usr/local/bin/$p" ]
		[ -f "$d/usr/local/share/man/man1/$p.1" ]
		[ -f "$d/usr/local/share/bash-completion/completions/$p" ]
	done
	[ -f "$d/usr/local/share/man/man5/perfpipe.5" ]
	[ -f "$d/usr/local/share/perfpipe/schemas/runs.schema.json" ]
	[ -d "$d/usr/local/share/perfpipe/plots" ]
	run -0 "$d/usr/local/bin/perf-trend" --version
	# perf-report finds the installed chart scripts and its siblings.
	[ -f "$d/usr/local/share/perfpipe/plots/timeseries.gp" ]
	awk -v kind=runs -f "$ROOT/tests/report/gen.awk" > "$BATS_TEST_TMPDIR/runs.csv"
	run -0 "$d/usr/local/bin/perf-report" -o "$BATS_TEST_TMPDIR/rep" "$BATS_TEST_TMPDIR/runs.csv"
	[ -s "$BATS_TEST_TMPDIR/rep/runs_box.svg" ]
}

@test "ninja install: perfspan's header, libraries and pkg-config file build a program" {
	d=$BATS_TEST_TMPDIR/stage
	cd "$ROOT"
	PREFIX=/opt/ps DESTDIR=$d run -0 ninja install
	for f in include/perfspan.h lib/libperfspan.a lib/libperfspan.so \
	    lib/libperfspan-auto.so share/man/man3/perfspan.3; do
		[ -f "$d/opt/ps/$f" ]
	done
	grep -qx 'prefix=/opt/ps' "$d/opt/ps/lib/pkgconfig/perfspan.pc"
	# The installed tree used as pkg-config would (the sysroot is DESTDIR).
	flags=$(PKG_CONFIG_SYSROOT_DIR=$d PKG_CONFIG_LIBDIR=$d/opt/ps/lib/pkgconfig pkg-config --cflags --libs perfspan)
	# shellcheck disable=SC2086
	cc -o "$BATS_TEST_TMPDIR/spans" examples/spans/spans.c -DHAND_SPANS $flags -lpthread
	cd "$BATS_TEST_TMPDIR"
	PERFSPAN_OUT=rows.csv LD_LIBRARY_PATH=$d/opt/ps/lib run -0 ./spans 2 2 10 1
	[ "$(grep -c '^[^,]*,[^,]*,outer,' rows.csv)" = 2 ]
}

@test "ninja install: PREFIX" {
	d=$BATS_TEST_TMPDIR/stage
	cd "$ROOT"
	PREFIX=/opt/pp DESTDIR=$d run -0 ninja install
	[ -x "$d/opt/pp/bin/perf-time" ]
	[ ! -e "$d/usr/local" ]
}
