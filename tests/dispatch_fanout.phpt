--TEST--
Fan-out: 8 jobs of 200 ms on an 8-thread pool finish in less than half the sequential time
--SKIPIF--
<?php
require __DIR__ . '/skipif.inc';
// Timing or throughput: set under sanitizers and valgrind (run-tests.php --asan, tools/sanitize.sh).
if (getenv('SKIP_PERF_SENSITIVE')) die('skip timing-sensitive');
?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=8
--FILE--
<?php
$jobs = 8;
$ms = 200;
$sequential = $jobs * $ms / 1000; // 1.6 s: the sum of the jobs' durations

$start = hrtime(true);
$handles = [];
for ($i = 0; $i < $jobs; $i++) {
    $handles[$i] = pogo_dispatch(SleepJob::class, ['ms' => $ms, 'id' => $i]);
}
$results = [];
foreach ($handles as $i => $h) {
    $results[$i] = pogo_await($h, 10);
}
$elapsed = (hrtime(true) - $start) / 1e9;

var_dump($results === range(0, $jobs - 1));
var_dump($elapsed < $sequential / 2);
if ($elapsed >= $sequential / 2) {
    echo "took $elapsed s\n";
}
?>
--EXPECT--
bool(true)
bool(true)
