--TEST--
A job may dispatch into another pool and await it; awaiting its own pool when no other thread of it is free fails fast as a deadlock
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.outer.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.outer.num_threads=1
pogo.pool.outer.max_wait=300ms
pogo.pool.inner.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.inner.num_threads=1
--FILE--
<?php
// A thread that boots slower than max_wait (valgrind) lets the first jobs expire: wait until both pools serve.
foreach (['outer', 'inner'] as $pool) {
    for ($try = 0; ; $try++) {
        try {
            pogo_await(pogo_dispatch(EchoJob::class, ['value' => 1], $pool), 60);
            break;
        } catch (Pogo\PoolException $e) {
            if ($try > 300) throw $e;
            usleep(100000);
        }
    }
}
// Into another pool: fine.
var_dump(pogo_await(pogo_dispatch(DispatchingJob::class,
    ['class' => EchoJob::class, 'args' => ['value' => 'from inner'], 'pool' => 'inner'], 'outer')));

// Into its own pool, whose only thread it occupies: the inner job can never
// start, and the await says so at once instead of waiting for max_wait.
$start = microtime(true);
$r = pogo_await(pogo_dispatch(DispatchingJob::class,
    ['class' => EchoJob::class, 'args' => ['value' => 'never'], 'pool' => 'outer', 'timeout' => 60], 'outer'), 10);
echo $r['error'], "\n";
var_dump(microtime(true) - $start < 5);

// The same with an await timeout shorter than max_wait.
$r = pogo_await(pogo_dispatch(DispatchingJob::class,
    ['class' => EchoJob::class, 'args' => ['value' => 'never'], 'pool' => 'outer', 'timeout' => 0.1], 'outer'), 10);
echo $r['error'], "\n";
?>
--EXPECTF--
array(1) {
  ["ok"]=>
  string(10) "from inner"
}
Pogo\PoolException: deadlock: job %d (EchoJob) waits on pool "outer", and every thread of that pool is a job awaiting a job of the same pool, so none is left to run it; dispatch nested jobs to another pool
bool(true)
Pogo\PoolException: deadlock: job %d (EchoJob) waits on pool "outer", and every thread of that pool is a job awaiting a job of the same pool, so none is left to run it; dispatch nested jobs to another pool
