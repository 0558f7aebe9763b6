# live.gp - perf-report --live: the last minutes of a few metrics as text
# charts (gnuplot's dumb terminal), side by side in one frame.
# Variables (-e): data (time, then one column per series), n (series);
# label<K> (string literals); width, height (characters); colour (1: ANSI
# colours, 0: none, as NO_COLOR asks).
if (colour) { set terminal dumb size width,height ansi } else { set terminal dumb size width,height mono }
# Two time labels a panel: they are 8 characters wide.
stats data using 1 nooutput
span = STATS_max - STATS_min
set xdata time
set timefmt '%s'
set format x '%H:%M:%S'
set xtics STATS_min, (span > 0 ? span / 2 : 1)
set xrange [STATS_min:STATS_max]
unset key
set border 3
set tics nomirror
set multiplot layout 1,n
do for [k=1:n] {
    set title value(sprintf('label%d', k)) noenhanced
    plot data using 1:(column(k+1)) with lines lt k
}
unset multiplot
