--TEST--
NTS: pogo_pool_size() throws Pogo\PoolException saying Pogo needs a thread-safe (ZTS) build
--SKIPIF--
<?php if (!extension_loaded('pogo')) die('skip'); if (PHP_ZTS) die('skip NTS only'); ?>
--FILE--
<?php
foreach ([null, 'default', 'nope'] as $pool) {
    try {
        $pool === null ? pogo_pool_size() : pogo_pool_size($pool);
        echo "returned a size\n";
    } catch (Pogo\PoolException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
Pogo\PoolException: Pogo needs a thread-safe (ZTS) build of PHP; this PHP is not thread-safe (NTS). Build PHP with --enable-zts and load Pogo there
Pogo\PoolException: Pogo needs a thread-safe (ZTS) build of PHP; this PHP is not thread-safe (NTS). Build PHP with --enable-zts and load Pogo there
Pogo\PoolException: Pogo needs a thread-safe (ZTS) build of PHP; this PHP is not thread-safe (NTS). Build PHP with --enable-zts and load Pogo there
