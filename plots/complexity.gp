# complexity.gp - run time against a parameter with the fitted complexity
# curve (coef * f(n), f chosen by fit: 0 O(1), 1 O(log n), 2 O(n),
# 3 O(n log n), 4 O(n^2), 5 O(n^3)).
# Variables: svgout, pngout, interactive, height; data (param, wall);
# fit, coef; fitlabel, title, xlabel, ylabel.
load plotdir.'/common.gp'
set xlabel xlabel noenhanced
set ylabel ylabel noenhanced
set title title noenhanced
set key top left noenhanced
set pointsize 0.7
f(n) = fit == 0 ? 1 : fit == 1 ? log(n)/log(2) : fit == 2 ? n : fit == 3 ? n*log(n)/log(2) : fit == 4 ? n**2 : n**3
set samples 200
do for [pass=1:2] {
    if (pass == 1) { eval term_svg; set output svgout } else { eval term_png; set output pngout }
    plot data using 1:2 with points lt 1 pt 7 title 'runs', \
         coef * f(x) with lines lt 2 lw 2 title fitlabel
}
