--TEST--
pogo_pool_size() of a pool with no num_threads is the number of online CPUs
--SKIPIF--
<?php
require __DIR__ . '/skipif.inc';
if (!function_exists('shell_exec') || (int) shell_exec('nproc 2>/dev/null') < 1) {
    die('skip nproc not available');
}
?>
--INI--
pogo.pool.other.bootstrap={PWD}/fixtures/jobs.inc
--FILE--
<?php
$cpus = (int) shell_exec('nproc');
var_dump(pogo_pool_size() === $cpus);
var_dump(pogo_pool_size('default') === $cpus);
// A pool configured without num_threads gets the same default.
var_dump(pogo_pool_size('other') === $cpus);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
