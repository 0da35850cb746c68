--TEST--
At process end, running jobs get pogo.shutdown_timeout to finish, then are interrupted, even in sleep() or a busy loop
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/fixtures/subprocess.inc';
$r = pogo_test_run_php(__DIR__ . '/fixtures/shutdown_child.php', [
    'pogo.pool.default.bootstrap' => __DIR__ . '/fixtures/jobs.inc',
    'pogo.pool.default.num_threads' => 2,
    'pogo.shutdown_timeout' => '500ms',
]);
echo $r['stdout'];
echo 'exit status: ', $r['status'], "\n";
// Bounded by the timeout (0.5 s), not by the jobs (30 s); generous for a busy machine.
// (Under sanitizers, still well below the jobs' 30 s.)
var_dump($r['seconds'] < (getenv('SKIP_PERF_SENSITIVE') ? 25 : 10));
echo preg_match('/Pogo: 2 job\(s\) still running after pogo.shutdown_timeout; interrupting them/', $r['stderr']) ? "interruption logged\n" : $r['stderr'];
?>
--EXPECT--
script done
exit status: 0
bool(true)
interruption logged
