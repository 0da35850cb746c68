--TEST--
NTS: pogo_dispatch() throws Pogo\PoolException saying Pogo needs a thread-safe (ZTS) build
--SKIPIF--
<?php if (!extension_loaded('pogo')) die('skip'); if (PHP_ZTS) die('skip NTS only'); ?>
--FILE--
<?php
foreach (['default', 'other'] as $pool) {
    try {
        pogo_dispatch('AnyJob', ['x' => 1], $pool);
        echo "dispatched\n";
    } catch (Pogo\PoolException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// Nothing was dispatched: there is no handle to await.
try {
    pogo_await(1, 0);
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
Pogo\PoolException: Pogo needs a thread-safe (ZTS) build of PHP; this PHP is not thread-safe (NTS). Build PHP with --enable-zts and load Pogo there
Pogo\PoolException: Pogo needs a thread-safe (ZTS) build of PHP; this PHP is not thread-safe (NTS). Build PHP with --enable-zts and load Pogo there
Pogo\PogoException: unknown handle 1: no job has this handle
