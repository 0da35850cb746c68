--TEST--
A long-running parent forks children (and grandchildren) all along while its pools run and reboot: its jobs all succeed, every descendant exits 0, and its heap and thread count stay flat
--SKIPIF--
<?php
require __DIR__ . '/skipif.inc';
if (!function_exists('pcntl_fork')) {
    die('skip pcntl not available');
}
?>
--FILE--
<?php
require __DIR__ . '/fixtures/subprocess.inc';
$n = getenv('SKIP_PERF_SENSITIVE') ? 8 : 200; // under sanitizers each child's exit takes seconds
$seed = random_int(1, PHP_INT_MAX);
$r = pogo_test_run_php(__DIR__ . '/fixtures/fork_long_parent.php', [
    'pogo.pool.churn.bootstrap' => __DIR__ . '/fixtures/jobs.inc',
    'pogo.pool.churn.num_threads' => 2,
    'pogo.pool.churn.max_jobs' => 1,
    'pogo.pool.steady.bootstrap' => __DIR__ . '/fixtures/jobs.inc',
    'pogo.pool.steady.num_threads' => 1,
], [$n, $seed]);
echo preg_replace_callback('/heap after warm-up (\d+), at the end (\d+); threads (\d+), (\d+)/', function ($m) {
    // The heap may differ by what PHP's allocator keeps in its caches, not by what each round adds.
    return 'heap ' . ($m[2] - $m[1] < 64 * 1024 ? 'flat' : "grew from $m[1] to $m[2]")
        . ', threads ' . ($m[3] === $m[4] && $m[4] === '4' ? 'the 3 pool threads and the main one' : "$m[3] then $m[4]");
}, $r['stdout']);
echo 'exit status: ', $r['status'], "\n";
echo $r['stderr'] === '' ? "stderr empty\n" : "seed $seed, stderr: " . $r['stderr'];
?>
--EXPECT--
0 children failed
0 wrong results
heap flat, threads the 3 pool threads and the main one
exit status: 0
stderr empty
