--TEST--
A bad num_threads or max_wait value: a startup warning names it, and dispatching to that pool throws Pogo\PoolException with the reason
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.bad.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.bad.num_threads=zero
pogo.pool.huge.num_threads=5000
pogo.pool.slow.max_wait=soon
--FILE--
<?php
echo "script starts\n";
foreach (['bad', 'huge', 'slow'] as $pool) {
    try {
        pogo_dispatch(EchoJob::class, ['value' => 1], $pool);
        echo "dispatched to $pool\n";
    } catch (Pogo\PoolException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// The default pool still works, and no handle was used up.
$h = pogo_dispatch(EchoJob::class, ['value' => 'default works']);
var_dump($h, pogo_await($h));
?>
--EXPECTF--
%AWarning: PHP Startup: Pogo: pogo.pool.bad.num_threads: invalid thread count "zero": use a whole number from 1 to 1024 in Unknown on line 0
%AWarning: PHP Startup: Pogo: pogo.pool.huge.num_threads: invalid thread count "5000": use a whole number from 1 to 1024 in Unknown on line 0
%AWarning: PHP Startup: Pogo: pogo.pool.slow.max_wait: invalid duration "soon": use a number of seconds or a number followed by ms, s or m (e.g. 500ms, 30s, 2m) in Unknown on line 0
script starts
Pogo\PoolException: pool "bad" is misconfigured: pogo.pool.bad.num_threads: invalid thread count "zero": use a whole number from 1 to 1024
Pogo\PoolException: pool "huge" is misconfigured: pogo.pool.huge.num_threads: invalid thread count "5000": use a whole number from 1 to 1024
Pogo\PoolException: pool "slow" is misconfigured: pogo.pool.slow.max_wait: invalid duration "soon": use a number of seconds or a number followed by ms, s or m (e.g. 500ms, 30s, 2m)
int(1)
string(13) "default works"
