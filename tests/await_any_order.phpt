--TEST--
Jobs can be awaited in any order; each handle gives its own job's result
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=2
--FILE--
<?php
$handles = [];
foreach ([300, 10, 200, 50, 0, 100] as $i => $ms) {
    $handles[$i] = pogo_dispatch(SleepJob::class, ['ms' => $ms, 'id' => "job$i"]);
}
foreach (array_reverse($handles, true) as $i => $h) {
    echo $i, ': ', pogo_await($h, 10), "\n";
}
?>
--EXPECT--
5: job5
4: job4
3: job3
2: job2
1: job1
0: job0
