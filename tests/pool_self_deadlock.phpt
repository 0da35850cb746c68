--TEST--
Jobs that await jobs of their own pool while every thread of the pool does so fail fast with a PoolException that explains the deadlock, instead of waiting for max_wait; the pool goes on
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=2
pogo.pool.default.max_wait=0
--FILE--
<?php
// Two jobs, one per thread, each dispatching into the same pool and awaiting.
$nested = ['class' => SleepJob::class, 'args' => ['ms' => 10, 'id' => 'inner'], 'pool' => 'default', 'timeout' => 20];
$a = pogo_dispatch(DispatchingJob::class, $nested);
$b = pogo_dispatch(DispatchingJob::class, $nested);
$results = [json_encode(pogo_await($a, 30)), json_encode(pogo_await($b, 30))];
sort($results);
echo implode("\n", $results), "\n";
// With a thread left free, a job may await a job of its own pool.
echo json_encode(pogo_await(pogo_dispatch(DispatchingJob::class, $nested + ['pool' => 'default']), 30)), "\n";
?>
--EXPECTF--
{"error":"Pogo\\PoolException: deadlock: job %d (SleepJob) waits on pool \"default\", and every thread of that pool is a job awaiting a job of the same pool, so none is left to run it; dispatch nested jobs to another pool"}
{"ok":"inner"}
{"ok":"inner"}
