--TEST--
After fork() the child starts its own pool threads; the parent's pool keeps working
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
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'parent before fork'])));
usleep(20000); // the worker drops its reference to the awaited job: the child inherits none
$pid = pcntl_fork();
if ($pid === 0) {
    $h = pogo_dispatch(EchoJob::class, ['value' => 'child']);
    echo "child: handle $h: ", pogo_await($h, 10), "\n";
    exit(0);
}
pcntl_waitpid($pid, $status);
echo 'child exit status: ', pcntl_wexitstatus($status), "\n";
$h = pogo_dispatch(EchoJob::class, ['value' => 'parent after fork']);
echo "parent: handle $h: ", pogo_await($h, 10), "\n";
?>
--EXPECT--
string(18) "parent before fork"
child: handle 2: child
child exit status: 0
parent: handle 2: parent after fork
