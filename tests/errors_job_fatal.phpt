--TEST--
A job that raises a fatal error fails with Pogo\WorkerException naming the cause; the pool carries on
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
$h = pogo_dispatch(FatalJob::class, ['message' => 'out of cheese']);
try {
    pogo_await($h);
    echo "no exception\n";
} catch (Pogo\WorkerException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'after fatal'])));
// (The worker prints the fatal error, as PHP does, on the process's stderr.)
?>
--EXPECTF--
%AFatal error: out of cheese in %sjobs.inc on line %d
Pogo\WorkerException: pool "default": the worker running job 1 (FatalJob) failed: out of cheese in %sjobs.inc on line %d
string(11) "after fatal"
