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
// Bounded by the timeout (0.5 s), not by the jobs (120 s); generous for a busy
// machine, and under sanitizers, whose threads boot and unwind slowly.
var_dump($r['seconds'] < (getenv('SKIP_PERF_SENSITIVE') ? 60 : 10));
echo preg_match('/Pogo: 2 job\(s\) still running after pogo.shutdown_timeout; interrupting them/', $r['stderr']) ? "interruption logged\n" : $r['stderr'];
// Each job's own line names the interruption, not a time limit nobody set.
// (Counted as text: the CLI's stderr is unbuffered, and the two threads' lines may interleave.)
echo substr_count($r['stderr'], 'Pogo: the job was still running when the process shut down, after pogo.shutdown_timeout, and was interrupted'), " jobs logged as interrupted\n";
echo str_contains($r['stderr'], 'Maximum execution time') ? $r['stderr'] : "no time limit reported\n";
?>
--EXPECT--
script done
exit status: 0
bool(true)
interruption logged
2 jobs logged as interrupted
no time limit reported
