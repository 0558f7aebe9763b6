# history.gp - each command's runs in time order with its change points
# marked (vertical lines at the first run after the change).
# Variables: svgout, pngout, interactive, height; data (one block per
# command: time, wall); n; label<I>; ncp; cp<J> (epoch s); title, ylabel;
# span.
load plotdir.'/common.gp'
set xdata time
set timefmt '%s'
# Fine enough that no two ticks read the same (timeseries.gp's rule).
set format x (span > 10*86400 ? "%m-%d" : span > 6*3600 ? "%m-%d\n%H:%M" : span > 600 ? "%H:%M" : span > 20 ? "%H:%M:%S" : span > 2 ? "%H:%M:%.1S" : "%H:%M:%.3S")
set xlabel 'time (UTC)'
set rmargin 6	# room for the last time label
set ylabel ylabel noenhanced
set title title noenhanced
# The key under the plot: not over the points, nor above the title.
set key below center horizontal noenhanced
set pointsize 0.6
do for [j=1:ncp] {
    set arrow j from value(sprintf('cp%d', j)), graph 0 to value(sprintf('cp%d', j)), graph 1 nohead lc rgb '#D55E00' dt 2 lw 1.5
}
do for [pass=1:2] {
    if (pass == 1) { eval term_svg; set output svgout } else { eval term_png; set output pngout }
    plot for [i=1:n] data index (i-1) using 1:2 with linespoints lt i pt 7 title value(sprintf('label%d', i)), \
         (ncp > 0 ? NaN : NaN) with lines lc rgb '#D55E00' dt 2 lw 1.5 title (ncp > 0 ? 'change point' : '')
}
