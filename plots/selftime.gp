# selftime.gp - where a program's time went: self time (total less the
# children) of each function or span of lib/perfspan, most first, as
# horizontal bars.
# Variables: svgout, pngout, interactive, height; data (index, self
# seconds, share of all self time in percent); n; label<I> (string
# literals, "name < parent"); title, xlabel.
load plotdir.'/common.gp'
set style fill solid 0.5 border -1
set yrange [n+0.7:0.3]
set xrange [0:*]
# Room on the right for the share of the longest bar.
set offsets 0, graph 0.1, 0, 0
set xlabel xlabel noenhanced
set title title noenhanced
unset key
set grid x noy
set ytics () noenhanced
do for [i=1:n] { set ytics add (value(sprintf('label%d', i)) i) }
set lmargin 28
do for [pass=1:2] {
    if (pass == 1) { eval term_svg; set output svgout } else { eval term_png; set output pngout }
    plot data using (0):1:(0):2:($1-0.35):($1+0.35) with boxxyerror lt 1, \
         data using 2:1:(sprintf(' %.1f%%', $3)) with labels left tc rgb '#444444'
}
