--TEST--
A job that calls exit() fails with Pogo\WorkerException; the pool carries on with a fresh worker request
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
var_dump(pogo_await(pogo_dispatch(CounterJob::class)));
var_dump(pogo_await(pogo_dispatch(CounterJob::class)));
$h = pogo_dispatch(ExitJob::class);
$after = pogo_dispatch(EchoJob::class, ['value' => 'after exit']);
try {
    pogo_await($h);
    echo "no exception\n";
} catch (Pogo\WorkerException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(pogo_await($after));
// A fresh request: static state started over.
var_dump(pogo_await(pogo_dispatch(CounterJob::class)));
echo "main script still running\n";
?>
--EXPECT--
int(1)
int(2)
Pogo\WorkerException: pool "default": the worker running job 3 (ExitJob) failed: the job called exit()
string(10) "after exit"
int(1)
main script still running
