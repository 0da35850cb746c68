# The chart of a benchmark run, from the data files bench/report.php writes.
#   gnuplot -e "dir='DATDIR'; out='chart.png'" bench/chart.gp
# Missing figures are "?" in the data files and leave a gap.

if (!exists("dir")) dir = "bench/results/tmp"
if (!exists("out")) out = "bench/results/chart.png"
title = system("cat '" . dir . "/title.txt' 2>/dev/null")

set terminal pngcairo size 1500,1500 font "sans,10" noenhanced
set output out
set datafile missing "?"
set multiplot layout 3,2 title "Pogo benchmarks: " . title font "sans,12"

set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics
set key top left
set xtics nomirror
set ytics nomirror

# 1. Round trip
set title "1. Round trip, one job at a time (us, log)"
set logscale y
set xtics rotate by -25 scale 0
plot dir."/roundtrip.dat" using 2:xtic(1) title "median" lc rgb "#3572b0", \
     ''                   using 3 title "p99" lc rgb "#f0a030"

# 2. Throughput
set title "2. Throughput, batches of 1,000 (jobs/s, log)"
unset style data
set style data linespoints
set logscale x 2
set xrange [0.8:10]
set xtics (1, 2, 4, 8) norotate
set xlabel "threads / workers / concurrent children"
set yrange [10:*]
set key bottom right
plot for [i=2:5] dir."/throughput.dat" using 1:i title columnheader(i) lw 2 pt 7
unset logscale x
set autoscale x
set autoscale y
unset xlabel

# 3. Fan-out
set title "3. I/O fan-out: 8 jobs at once, wall time (ms, log)"
set style data histograms
set xtics rotate by -25 scale 0
set key top left
set yrange [50:*]
plot dir."/fanout.dat" using 2:xtic(1) title "8 x usleep 200 ms" lc rgb "#3572b0", \
     ''               using 3 title "8 x HTTP 100 ms" lc rgb "#f0a030", \
     200 with lines dt 2 lc rgb "#3572b0" title "one sleep", \
     100 with lines dt 2 lc rgb "#f0a030" title "one request"

# 4. CPU-bound speedup
set title "4. CPU-bound: speedup over sequential (x)"
unset logscale y
set yrange [0:2.6]
set xtics norotate
set key top left horizontal
plot for [i=2:5] dir."/cpu.dat" using i:xtic(1) title columnheader(i), \
     1.9 with lines dt 2 lc rgb "black" title "target 1.9x"
set autoscale y

# 5. Payload
set key top right vertical
set title "5. Payload round trip / (json_encode + json_decode) (x, log)"
set logscale y
plot for [i=2:5] dir."/payload.dat" using i:xtic(1) title columnheader(i), \
     1.5 with lines dt 2 lc rgb "black" title "target 1.5x"

# 6. JSON codecs
set title "JSON codecs: encode + decode (us, log)"
set key top left
plot dir."/codec.dat" using 2:xtic(1) title "ext/json (PHP)" lc rgb "#3572b0", \
     ''              using 3 title "jansson (C)" lc rgb "#f0a030"

unset multiplot
