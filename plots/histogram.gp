# histogram.gp - run-time histograms of each command on common bins.
# Variables: svgout, pngout, interactive, height; data (one block per
# command: bin centre, count); n; width (of a bin); label<I>; title,
# xlabel.
load plotdir.'/common.gp'
set style fill transparent solid 0.35 border
set boxwidth width absolute
set xlabel xlabel noenhanced
set ylabel 'runs'
set title title noenhanced
set key top right noenhanced
do for [pass=1:2] {
    if (pass == 1) { eval term_svg; set output svgout } else { eval term_png; set output pngout }
    plot for [i=1:n] data index (i-1) using 1:2 with boxes lt i title value(sprintf('label%d', i))
}
