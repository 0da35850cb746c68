--TEST--
pogo_dispatch() returns a handle at once, before the job has run
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
$h = pogo_dispatch(SleepJob::class, ['ms' => 600, 'id' => 'slow']);
var_dump(is_int($h));
// The job sleeps 600 ms: dispatch must not have waited for it.
try {
    pogo_await($h, 0);
    echo "not done yet expected\n";
} catch (Pogo\TimeoutException $e) {
    echo "still running\n";
}
var_dump(pogo_await($h, 10));
?>
--EXPECT--
bool(true)
still running
string(4) "slow"
