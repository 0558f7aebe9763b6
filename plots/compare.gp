# compare.gp - baseline against candidate: the ratio of medians of each
# comparison with its 95% interval; 1 (no change) and the threshold band.
# Variables: svgout, pngout, interactive, height; data (index, ratio,
# lo, hi, verdict code: 1 regressed, -1 improved, 0 other); n; label<I>;
# thr (the threshold as a fraction); title.
load plotdir.'/common.gp'
set xtics rotate by -20 noenhanced
set xrange [0.3:n+0.7]
set ylabel 'candidate / baseline (ratio of medians)'
set title title noenhanced
# The key under the plot: above it, it came before the title.
set key below center horizontal noenhanced
set xtics ()
do for [i=1:n] { set xtics add (value(sprintf('label%d', i)) i) }
set object 1 rect from graph 0, first 1-thr to graph 1, first 1+thr behind fc rgb '#56B4E9' fs transparent solid 0.15 noborder
set pointsize 1.2
do for [pass=1:2] {
    if (pass == 1) { eval term_svg; set output svgout } else { eval term_png; set output pngout }
    plot 1 with lines lc rgb '#444444' dt 2 title 'no change', \
         data using 1:($5 > 0 ? $2 : NaN):3:4 with yerrorbars lt 2 pt 9 title 'regressed', \
         data using 1:($5 < 0 ? $2 : NaN):3:4 with yerrorbars lt 3 pt 11 title 'improved', \
         data using 1:($5 == 0 ? $2 : NaN):3:4 with yerrorbars lt 1 pt 7 title 'unchanged or inconclusive'
}
