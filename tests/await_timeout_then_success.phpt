--TEST--
After a timeout the job keeps running and its handle can be awaited again
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
$h = pogo_dispatch(SleepJob::class, ['ms' => 600, 'id' => 'late']);
$start = hrtime(true);
try {
    pogo_await($h, 0.1);
    echo "no timeout\n";
} catch (Pogo\TimeoutException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
    var_dump($e instanceof Pogo\PogoException);
}
// The timeout waited (at least about 0.1 s) before giving up.
$waited = (hrtime(true) - $start) / 1e9;
var_dump($waited >= 0.09);
try {
    pogo_await($h, 0.05);
} catch (Pogo\TimeoutException $e) {
    echo "timed out again\n";
}
var_dump(pogo_await($h, 10));
?>
--EXPECT--
Pogo\TimeoutException: job 1 (SleepJob) on pool "default" did not finish within 0.1 s; it keeps running and can be awaited again
bool(true)
bool(true)
timed out again
string(4) "late"
