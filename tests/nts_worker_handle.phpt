--TEST--
NTS: pogo_worker_handle() throws Pogo\PogoException (there is no worker)
--SKIPIF--
<?php if (!extension_loaded('pogo')) die('skip'); if (PHP_ZTS) die('skip NTS only'); ?>
--FILE--
<?php
try {
    pogo_worker_handle(fn (array $payload) => ['ok' => true, 'result' => null]);
    echo "returned\n";
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
Pogo\PogoException: pogo_worker_handle() works only in a Pogo worker script (a pool's worker directive)
