load helpers
# tests/run: once

# perf-report-html.bats - report.html looked at as a user would: Headless
# Chromium renders it to a PNG, which must show coloured charts, not a
# blank page; the SVGs are in the page Chromium parsed; --interactive
# pages the same, each chart with gnuplot's mouse script in a frame of its
# own, nothing fetched.

GEN=$ROOT/tests/report/gen.awk
PNGSTAT=$ROOT/tests/report/pngstat.py
FRAMES=$ROOT/tests/report/frames.py

setup() {
	command -v chromium > /dev/null || skip "chromium is missing (.ci/deps installs it)"
	cd "$BATS_TEST_TMPDIR"
	awk -v kind=runs -f "$GEN" > runs.csv
}

# shot PAGE PNG: a 1000x1400 screenshot of PAGE.
shot() {
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
	    --user-data-dir="$BATS_TEST_TMPDIR/chromium" \
	    --screenshot="$2" --window-size=1000,1400 "file://$PWD/$1" 2> /dev/null
}

# dom PAGE: the document Chromium built from PAGE.
dom() {
	chromium --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$BATS_TEST_TMPDIR/chromium" --dump-dom "file://$PWD/$1" 2> /dev/null
}

@test "report.html renders its charts: not blank, every SVG in the page" {
	perf-report -o rep runs.csv
	shot rep/report.html page.png
	read -r w h inked colours rows coloured < <(/usr/bin/python3 "$PNGSTAT" page.png)
	echo "page: ${w}x$h, $inked inked, $colours colours, $rows rows, $coloured coloured" >&3
	[ "$w" -eq 1000 ] && [ "$h" -eq 1400 ]
	# Text, tables and at least the first chart on the first screen.
	awk -v x="$inked" 'BEGIN { exit !(x > 0.05) }'
	[ "$rows" -gt 700 ]
	[ "$coloured" -gt 5000 ]
	# A blank page, shot the same way, has none of it.
	printf '<!DOCTYPE html><title>x</title>' > blank.html
	shot blank.html blank.png
	read -r w h inked colours rows coloured < <(/usr/bin/python3 "$PNGSTAT" blank.png)
	[ "$rows" -eq 0 ] && [ "$coloured" -eq 0 ]
	# The four charts of two commands, parsed as SVG elements.
	[ "$(dom rep/report.html | grep -c '<svg')" -eq 4 ]
	! grep -qi '<script' rep/report.html
	# Each chart's ids its own (gnuplot gives each the same), its title
	# the chart's, no plot command as a tooltip.
	[ -z "$(grep -o ' id="[^"]*"' rep/report.html | sort | uniq -d)" ]
	grep -q ' id="runs_box-gnuplot_canvas"' rep/report.html
	! grep -q '<title>Gnuplot</title>\|<title>data ' rep/report.html
	grep -q '<title>Run time per command</title>' rep/report.html
}

@test "--interactive: the same page with gnuplot's mouse script, one file, nothing fetched" {
	perf-report --interactive -o rep runs.csv
	[ "$(grep -c '<iframe class=chart style="aspect-ratio:[0-9]*/[0-9]*" srcdoc=' rep/report.html)" -eq 4 ]
	# Each frame's chart as gnuplot drew it: lines kept, paths of numbers.
	[ "$(/usr/bin/python3 "$FRAMES" rep/report.html)" -eq 4 ]
	grep -q 'gnuplot_svg.toggleGrid' rep/report.html
	! grep -Eq '(src|href)=(&quot;|&#39;)(https?:|file:|/)' rep/report.html
	shot rep/report.html page.png
	read -r w h inked colours rows coloured < <(/usr/bin/python3 "$PNGSTAT" page.png)
	echo "interactive page: $inked inked, $coloured coloured" >&3
	[ "$coloured" -gt 5000 ]
}
