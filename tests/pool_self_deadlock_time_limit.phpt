--TEST--
A job whose time limit ends it while it awaits a job of its own pool gives its place back: the pool's count of threads awaiting their own pool does not stay too high, so a later nested await is not refused as a deadlock
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=2
pogo.pool.default.max_wait=0
display_errors=0
--FILE--
<?php
$limited = pogo_dispatch(TimeLimitedOwnAwaitJob::class, ['limit' => 1, 'ms' => 2500, 'pool' => 'default']);
try {
    pogo_await($limited, 30);
    echo "no exception\n";
} catch (Pogo\PogoException $e) {
    echo get_class($e), ": ", str_contains($e->getMessage(), 'Maximum execution time of 1 second exceeded') ? 'time limit' : $e->getMessage(), "\n";
}
// One thread may now await a job of the pool: the other one is free (or
// still sleeps 2.5 s, and then takes the nested job after it).
$nested = ['class' => SleepJob::class, 'args' => ['ms' => 300, 'id' => 'inner'], 'pool' => 'default', 'timeout' => 20];
echo json_encode(pogo_await(pogo_dispatch(DispatchingJob::class, $nested), 30)), "\n";
?>
--EXPECT--
Pogo\WorkerException: time limit
{"ok":"inner"}
