# common.gp - what every perfpipe chart shares: the Okabe-Ito palette
# (safe for colour-blind readers) with a dash pattern per series, so a
# black-and-white print still tells the series apart; a white background;
# no enhanced text, so labels from data are shown as written.
# Variables (set by perf-report with -e): svgout, pngout, interactive.
set linetype 1 lc rgb '#0072B2' lw 1.5 dt 1
set linetype 2 lc rgb '#D55E00' lw 1.5 dt 2
set linetype 3 lc rgb '#009E73' lw 1.5 dt 3
set linetype 4 lc rgb '#CC79A7' lw 1.5 dt 4
set linetype 5 lc rgb '#E69F00' lw 1.5 dt 5
set linetype 6 lc rgb '#56B4E9' lw 1.5 dt (8,4,2,4)
set linetype 7 lc rgb '#F0E442' lw 1.5 dt (2,2)
set linetype 8 lc rgb '#000000' lw 1.5 dt 1
set linetype cycle 8
set datafile missing 'NaN'
set grid lc rgb '#dddddd' lw 0.5 dt 1
set key noenhanced
set border lc rgb '#444444'
# term(pass): the terminal of the first pass (SVG) or the second (PNG).
term_svg = interactive ? \
    "set terminal svg size 900,height dynamic mouse standalone noenhanced font 'sans,11' background rgb 'white'" : \
    "set terminal svg size 900,height dynamic noenhanced font 'sans,11' background rgb 'white'"
term_png = "set terminal pngcairo size 900,height noenhanced font 'sans,10' background rgb 'white'"
