--TEST--
A script that ends with 1000 jobs queued and one running exits cleanly: queued jobs are dropped, nothing leaks
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.one.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.one.num_threads=1
--FILE--
<?php
$handles = [];
for ($i = 0; $i < 1000; $i++) {
    // The first job outlasts the dispatching, however slow (valgrind).
    $handles[] = pogo_dispatch(SleepJob::class, ['ms' => $i === 0 ? 2000 : 100, 'id' => $i], 'one');
}
echo count($handles), " jobs dispatched, handles ", $handles[0], " to ", end($handles), "\n";
// Wait until the first job is surely running, then leave without awaiting.
try {
    pogo_await($handles[0], 0.05);
} catch (Pogo\TimeoutException $e) {
    echo "first job still running\n";
}
echo "leaving\n";
?>
--EXPECT--
1000 jobs dispatched, handles 1 to 1000
first job still running
leaving
