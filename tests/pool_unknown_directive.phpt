--TEST--
An unknown directive (pogo.pool.bad.threads): a startup warning names it, and dispatching to that pool throws Pogo\PoolException
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.bad.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.bad.threads=3
--FILE--
<?php
echo "script starts\n";
try {
    pogo_dispatch(EchoJob::class, ['value' => 1], 'bad');
    echo "dispatched\n";
} catch (Pogo\PoolException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'default works'])));
?>
--EXPECTF--
%AWarning: PHP Startup: Pogo: unknown directive "pogo.pool.bad.threads" (known: worker, bootstrap, num_threads, max_wait, max_execution_time, max_jobs, max_queue) in Unknown on line 0
script starts
Pogo\PoolException: pool "bad" is misconfigured: unknown directive "pogo.pool.bad.threads" (known: worker, bootstrap, num_threads, max_wait, max_execution_time, max_jobs, max_queue)
string(13) "default works"
