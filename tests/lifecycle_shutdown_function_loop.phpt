--TEST--
A job's shutdown function that loops at process end is interrupted after pogo.shutdown_timeout like a running job: the process exits 0
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/fixtures/subprocess.inc';
$r = pogo_test_run_php(__DIR__ . '/fixtures/shutdown_loop_child.php', [
    'pogo.pool.default.bootstrap' => __DIR__ . '/fixtures/jobs.inc',
    'pogo.pool.default.num_threads' => 1,
    'pogo.shutdown_timeout' => '300ms',
    'display_errors' => 0,
]);
echo $r['stdout'];
echo 'exit status: ', $r['status'], "\n";
echo preg_match('/did not stop after interruption/', $r['stderr']) ? $r['stderr'] : "no thread left running\n";
?>
--EXPECT--
registered
exit status: 0
no thread left running
