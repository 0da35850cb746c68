--TEST--
Jobs that break their worker (Error, exit, die, memory_limit, max_execution_time) fail with Pogo\WorkerException; the pool carries on and loses no queued job
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
memory_limit=64M
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.limited.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.limited.num_threads=1
pogo.pool.limited.max_execution_time=1
--CAPTURE_STDIO--
STDIN STDOUT
--FILE--
<?php
$cases = [
    [UndefinedFunctionJob::class, [], 'default'],
    [ExitJob::class, [], 'default'],
    [DieJob::class, [], 'default'],
    [MemoryHogJob::class, [], 'default'],
    [SpinJob::class, ['seconds' => 5], 'limited'],
];
foreach ($cases as [$class, $args, $pool]) {
    // The breaking job, then two queued behind it on the same single thread.
    $bad = pogo_dispatch($class, $args, $pool);
    $next = [pogo_dispatch(EchoJob::class, ['value' => "$class 1"], $pool),
             pogo_dispatch(EchoJob::class, ['value' => "$class 2"], $pool)];
    try {
        pogo_await($bad, 10);
        echo "$class: no exception\n";
    } catch (Pogo\WorkerException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
    foreach ($next as $h) {
        echo '  then: ', pogo_await($h, 10), "\n";
    }
}
?>
--EXPECTF--
Pogo\WorkerException: pool "default": the worker running job 1 (UndefinedFunctionJob) failed: Uncaught Error: Call to undefined function no_such_function_anywhere() in %sjobs.inc:%d
  then: UndefinedFunctionJob 1
  then: UndefinedFunctionJob 2
Pogo\WorkerException: pool "default": the worker running job 4 (ExitJob) failed: the job called exit()
  then: ExitJob 1
  then: ExitJob 2
Pogo\WorkerException: pool "default": the worker running job 7 (DieJob) failed: the job called exit()
  then: DieJob 1
  then: DieJob 2
Pogo\WorkerException: pool "default": the worker running job 10 (MemoryHogJob) failed: Allowed memory size of 67108864 bytes exhausted%s(tried to allocate %d bytes) in %sjobs.inc on line %d
  then: MemoryHogJob 1
  then: MemoryHogJob 2
Pogo\WorkerException: pool "limited": the worker running job 13 (SpinJob) failed: Maximum execution time of 1 second exceeded in %sjobs.inc on line %d
  then: SpinJob 1
  then: SpinJob 2
