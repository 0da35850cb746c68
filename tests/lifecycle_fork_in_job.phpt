--TEST--
pcntl_fork() in a job throws an Error saying why: the child would be a lone worker thread that never ends
--SKIPIF--
<?php
require __DIR__ . '/skipif.inc';
if (!function_exists('pcntl_fork')) {
    die('skip pcntl not available');
}
?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
echo pogo_await(pogo_dispatch(ForkJob::class), 10), "\n";
?>
--EXPECT--
Error: pcntl_fork() cannot be called from a Pogo job: the child would be a copy of one worker thread, with no pool and no request to end; fork in the request that dispatched the job
