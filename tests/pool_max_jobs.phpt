--TEST--
max_jobs recycles a worker's request after that many jobs (static state starts over)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.default.max_jobs=3
pogo.pool.custom.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.custom.worker={PWD}/../worker/pogo-worker.php
pogo.pool.custom.num_threads=1
pogo.pool.custom.max_jobs=2
--FILE--
<?php
foreach (['default', 'custom'] as $pool) {
    $counts = [];
    for ($i = 0; $i < 7; $i++) {
        $counts[] = pogo_await(pogo_dispatch(CounterJob::class, [], $pool));
    }
    echo $pool, ': ', implode(',', $counts), "\n";
}
?>
--EXPECT--
default: 1,2,3,1,2,3,1
custom: 1,2,1,2,1,2,1
