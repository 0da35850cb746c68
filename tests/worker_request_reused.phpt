--TEST--
A worker thread boots its PHP request once and serves many jobs in it (the bootstrap runs once per thread)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
$counts = [];
for ($i = 0; $i < 5; $i++) {
    $counts[] = pogo_await(pogo_dispatch(CounterJob::class));
}
echo implode(',', $counts), "\n";
?>
--EXPECT--
1,2,3,4,5
