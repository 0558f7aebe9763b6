# box.gp - run-time distributions, one box per command (median, quartiles,
# whiskers at 1.5 IQR, outliers as points).
# Variables: svgout, pngout, interactive, height; data (one block per
# command, blocks separated by two blank lines, one wall time per line);
# n; label<I> (string literals); title, ylabel; logy (1: a log axis, for
# commands of very different speeds).
load plotdir.'/common.gp'
set style fill solid 0.3 border -1
set style boxplot outliers pointtype 7
set pointsize 0.5
set xtics rotate by -20 noenhanced
set xrange [0.3:n+0.7]
set ylabel (logy ? ylabel.', log scale' : ylabel) noenhanced
if (logy) { set logscale y }
set title title noenhanced
unset key
set xtics ()
do for [i=1:n] { set xtics add (value(sprintf('label%d', i)) i) }
do for [pass=1:2] {
    if (pass == 1) { eval term_svg; set output svgout } else { eval term_png; set output pngout }
    plot for [i=1:n] data index (i-1) using (i):1:(0.5) with boxplot lt i
}
