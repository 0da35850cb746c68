--TEST--
pogo_await() of a handle that was never dispatched throws Pogo\PogoException
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
foreach ([1, 0, -1, 42, PHP_INT_MAX, PHP_INT_MIN] as $handle) {
    try {
        pogo_await($handle, 0);
        echo "awaited $handle\n";
    } catch (Pogo\PogoException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$h = pogo_dispatch(EchoJob::class, ['value' => 'real']);
// The next handle does not exist yet.
try {
    pogo_await($h + 1, 0);
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(pogo_await($h));
?>
--EXPECT--
Pogo\PogoException: unknown handle 1: no job has this handle
Pogo\PogoException: unknown handle 0: no job has this handle
Pogo\PogoException: unknown handle -1: no job has this handle
Pogo\PogoException: unknown handle 42: no job has this handle
Pogo\PogoException: unknown handle 9223372036854775807: no job has this handle
Pogo\PogoException: unknown handle -9223372036854775808: no job has this handle
Pogo\PogoException: unknown handle 2: no job has this handle
string(4) "real"
