--TEST--
pcntl_fork() while jobs run and wait: the child has no threads and none of the parent's jobs, and dispatches its own; the parent's jobs are unaffected
--SKIPIF--
<?php
require __DIR__ . '/skipif.inc';
if (!extension_loaded('pcntl')) die('skip pcntl needed');
?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
$log = __DIR__ . '/lifecycle_fork_running.pids';
@unlink($log);
$running = pogo_dispatch(AppendPidJob::class, ['path' => $log, 'ms' => 300]);
$queued = pogo_dispatch(AppendPidJob::class, ['path' => $log]);
usleep(50000);
$parent = getmypid();
$pid = pcntl_fork();
if ($pid === 0) {
    try {
        pogo_await($running, 0);
    } catch (Pogo\PogoException $e) {
        echo 'child, parent handle: ', get_class($e), "\n";
    }
    $h = pogo_dispatch(EchoJob::class, ['value' => 'child job']);
    echo 'child: ', pogo_await($h, 10), "\n";
    exit(0);
}
pcntl_waitpid($pid, $status);
echo 'child exit status: ', pcntl_wexitstatus($status), "\n";
var_dump(pogo_await($running, 10) === $parent, pogo_await($queued, 10) === $parent);
// Each of the parent's jobs ran once, in the parent.
var_dump(file($log, FILE_IGNORE_NEW_LINES) === [(string) $parent, (string) $parent]);
?>
--CLEAN--
<?php @unlink(__DIR__ . '/lifecycle_fork_running.pids'); ?>
--EXPECT--
child, parent handle: Pogo\PogoException
child: child job
child exit status: 0
bool(true)
bool(true)
bool(true)
