# histogram.gp - a run-time histogram per command, a panel each, on bins
# of its own.
# Variables: svgout, pngout, interactive, height; data (one block per
# command: bin centre, count, bin width); n; label<I>, top<I> (its
# highest count); title, xlabel.
load plotdir.'/common.gp'
set style fill transparent solid 0.35 border
set xlabel xlabel noenhanced
set ylabel 'runs'
set yrange [0:*]
unset key
do for [pass=1:2] {
    if (pass == 1) { eval term_svg; set output svgout } else { eval term_png; set output pngout }
    set multiplot layout n,1 title title noenhanced
    do for [i=1:n] {
        set title value(sprintf('label%d', i)) noenhanced
        # Whole runs on the y axis (no 0.5 runs).
        if (value(sprintf('top%d', i)) <= 8) { set ytics 1 } else { set ytics autofreq }
        plot data index (i-1) using 1:2:3 with boxes lt i notitle
    }
    unset multiplot
}
