--TEST--
NTS: the extension loads and declares its functions, interface and exception classes
--SKIPIF--
<?php if (!extension_loaded('pogo')) die('skip'); if (PHP_ZTS) die('skip NTS only'); ?>
--FILE--
<?php
var_dump(extension_loaded('pogo'), phpversion('pogo') !== false);
foreach (['pogo_dispatch', 'pogo_await', 'pogo_pool_size', 'pogo_worker_handle'] as $f) {
    echo $f, ': ', function_exists($f) ? 'yes' : 'no', "\n";
}
var_dump(interface_exists('Pogo\JobInterface'));
foreach (['PogoException', 'TimeoutException', 'JobException', 'WorkerException', 'PoolException'] as $c) {
    echo "Pogo\\$c: ", get_parent_class("Pogo\\$c"), "\n";
}
?>
--EXPECT--
bool(true)
bool(true)
pogo_dispatch: yes
pogo_await: yes
pogo_pool_size: yes
pogo_worker_handle: yes
bool(true)
Pogo\PogoException: RuntimeException
Pogo\TimeoutException: Pogo\PogoException
Pogo\JobException: Pogo\PogoException
Pogo\WorkerException: Pogo\PogoException
Pogo\PoolException: Pogo\PogoException
