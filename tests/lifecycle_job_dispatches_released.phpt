--TEST--
A job is a request for its own dispatches: what it dispatched and did not await is released when it ends, and a later job on the same thread cannot await it
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.inner.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.inner.num_threads=1
--FILE--
<?php
$inner = pogo_await(pogo_dispatch(FireAndForgetJob::class, [
    'class' => SleepJob::class, 'args' => ['ms' => 300, 'id' => 'late'], 'pool' => 'inner',
]), 10);
echo 'the job dispatched handle ', $inner, "\n";
echo pogo_await(pogo_dispatch(AwaitHandleJob::class, ['handle' => $inner]), 10), "\n";
?>
--EXPECT--
the job dispatched handle 2
Pogo\PogoException: handle 2 cannot be awaited here: it was already awaited, or another request dispatched it
