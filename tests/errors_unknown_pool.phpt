--TEST--
pogo_dispatch() and pogo_pool_size() on an unknown pool throw Pogo\PoolException
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.known.num_threads=1
--FILE--
<?php
foreach (['x', 'Known', '', 'known '] as $pool) {
    try {
        pogo_dispatch(EchoJob::class, [], $pool);
        echo "dispatched to \"$pool\"\n";
    } catch (Pogo\PoolException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
    try {
        pogo_pool_size($pool);
        echo "size of \"$pool\"\n";
    } catch (Pogo\PoolException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump(pogo_pool_size('known'));
// No handle was used up by the failed dispatches.
var_dump(pogo_dispatch(EchoJob::class, ['value' => 'default works']));
var_dump(pogo_await(1));
?>
--EXPECT--
Pogo\PoolException: unknown pool "x"
Pogo\PoolException: unknown pool "x"
Pogo\PoolException: unknown pool "Known"
Pogo\PoolException: unknown pool "Known"
Pogo\PoolException: unknown pool ""
Pogo\PoolException: unknown pool ""
Pogo\PoolException: unknown pool "known "
Pogo\PoolException: unknown pool "known "
int(1)
int(1)
string(13) "default works"
