# timeseries.gp - metrics over time, one panel per host; each series as
# the mean of its bucket with a band from the bucket's minimum to its
# maximum, its edge at the maximum drawn thin (so peaks survive
# downsampling and show); stacked areas when stack=1;
# threshold lines (in the key only when there is one) and finding
# windows shaded.
#
# Variables: svgout, pngout, interactive, height; nhosts, nser,
# stack; title, ylabel (string literals); label<K> for series K;
# host<I> and data<I> (the data file of host I: time, then per series
# mean, min, max); warn, crit (NaN: none); nwin<I> and w<I>_<J>_s,
# w<I>_<J>_e (finding windows, epoch s), wsev<I>_<J> (2 critical, 1
# warning); span (seconds shown, all hosts); note (how it was downsampled, or '').
load plotdir.'/common.gp'
set xdata time
set timefmt '%s'
# The time labels for a panel's span s: fine enough that no two ticks
# read the same; the date with the time over 6 hours (a day may turn) and
# whenever the hosts together span days; the date alone over 10 days.
tres(s) = s > 600 ? "%H:%M" : s > 20 ? "%H:%M:%S" : s > 2 ? "%H:%M:%.1S" : "%H:%M:%.3S"
tfmt(s) = s > 10*86400 ? "%m-%d" : (s > 6*3600 || span > 86400) ? "%m-%d\n" . tres(s) : tres(s)
set xlabel 'time (UTC)'
set ylabel ylabel noenhanced
# Resource use is never negative: from 0, so a level reads as a level
# (and to at least 1, so that an idle series of zeros has an axis).
set yrange [0:1<*]
# Bytes with SI prefixes (35.0 M, not 3.5e+07).
if (strstrt(ylabel, 'bytes') > 0) { set format y '%.1s %c' }
# The key above the plot, not over the data; each swatch before its label.
set key outside top center horizontal reverse Left noenhanced
# Room for the last time label, centred on the right edge.
set rmargin 6
set style fill transparent solid 0.2 noborder
if (strlen(note) > 0) { set label 1 note at screen 0.99, screen 0.01 right font ',8' noenhanced }
do for [pass=1:2] {
    if (pass == 1) { eval term_svg; set output svgout } else { eval term_png; set output pngout }
    set multiplot layout nhosts,1 title title noenhanced
    do for [i=1:nhosts] {
        unset object
        nw = value(sprintf('nwin%d', i))
        do for [j=1:nw] {
            set object j rect from value(sprintf('w%d_%d_s', i, j)), graph 0 to value(sprintf('w%d_%d_e', i, j)), graph 1 \
                behind fc rgb (value(sprintf('wsev%d_%d', i, j)) > 1 ? '#D55E00' : '#E69F00') fs transparent solid 0.15 noborder
        }
        set title value(sprintf('host%d', i)) noenhanced
        f = value(sprintf('data%d', i))
        # Each host's own span (hosts sampled at different times are
        # drawn each over its own); stats reads no time data.
        set xdata
        stats f using 1 nooutput
        set xdata time
        set format x tfmt(STATS_records > 1 ? STATS_max - STATS_min : span)
        if (stack) {
            plot for [k=nser:1:-1] f using 1:(sum [q=1:k] (valid(2+3*(q-1)) ? column(2+3*(q-1)) : 0)) \
                    with filledcurves x1 lt k fs solid 0.7 title value(sprintf('label%d', k)), \
                 (warn == warn ? warn : NaN) with lines lc rgb '#E69F00' dt 2 lw 1 title (warn == warn ? 'warning' : ''), \
                 (crit == crit ? crit : NaN) with lines lc rgb '#D55E00' dt 3 lw 1 title (crit == crit ? 'critical' : '')
        } else {
            plot for [k=1:nser] f using 1:(column(3+3*(k-1))):(column(4+3*(k-1))) \
                    with filledcurves lt k notitle, \
                 for [k=1:nser] f using 1:(column(4+3*(k-1))) with lines lt k lw 0.6 dt 1 notitle, \
                 for [k=1:nser] f using 1:(column(2+3*(k-1))) with lines lt k title value(sprintf('label%d', k)), \
                 (warn == warn ? warn : NaN) with lines lc rgb '#E69F00' dt 2 lw 1 title (warn == warn ? 'warning' : ''), \
                 (crit == crit ? crit : NaN) with lines lc rgb '#D55E00' dt 3 lw 1 title (crit == crit ? 'critical' : '')
        }
    }
    unset multiplot
}
