# allpoints.gp - the competitor in bench/report/run: gnuplot plotting
# every point of a chart perf-report draws downsampled.  The same size,
# both terminals (SVG, then PNG); the series as plain lines.
# Variables (-e): data, the file; cols, the columns of the series in it
# ("2 3 4"), time being column 1; svgout, pngout; and for a CSV (the
# samples file itself, header and all) sep=','.
set xdata time
set timefmt '%s'
set format x '%H:%M'
set xlabel 'time (UTC)'
set key top left horizontal
if (exists("sep")) set datafile separator sep
first = exists("sep") ? 1 : 0	# a CSV's header row is skipped
set terminal svg size 900,380 noenhanced font 'sans,11' background rgb 'white'
set output svgout
plot for [i = 1:words(cols)] data every ::first using 1:(column(word(cols, i) + 0)) with lines lt i notitle
set terminal pngcairo size 900,380 noenhanced font 'sans,10' background rgb 'white'
set output pngout
replot
