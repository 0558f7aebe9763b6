# allpoints.gp - the competitor in bench/report/run: gnuplot plotting
# every point of a chart perf-report draws downsampled.  The same size,
# both terminals (SVG, then PNG); the series as plain lines.
# Variables (-e): data (time then one column per series), nser, svgout,
# pngout.
set xdata time
set timefmt '%s'
set format x '%H:%M'
set xlabel 'time (UTC)'
set key top left horizontal
set terminal svg size 900,380 noenhanced font 'sans,11' background rgb 'white'
set output svgout
plot for [k=2:nser+1] data using 1:k with lines lt k-1 notitle
set terminal pngcairo size 900,380 noenhanced font 'sans,10' background rgb 'white'
set output pngout
replot
