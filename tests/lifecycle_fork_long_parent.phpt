--TEST--
A long-running parent forks children (and grandchildren) all along while its pools run and reboot: its jobs all succeed, every descendant exits 0, and its heap and thread count stay flat
--SKIPIF--
<?php
require __DIR__ . '/skipif.inc';
if (!function_exists('pcntl_fork')) {
    die('skip pcntl not available');
}
if (getenv('POGO_ASAN_OPTIONS')) {
    // gcc 12's libasan takes no allocator locks around fork() (LLVM added that in
    // llvm-project#75290, after gcc 12): a child forked while a parent thread is inside
    // ASan's malloc inherits that size-class lock held, and deadlocks at its next
    // allocation of that size or in LeakSanitizer's exit check (docs/sanitizers.md).
    // glibc's malloc, which every other run uses, is fork-safe.
    die('skip a forked child can deadlock in gcc 12 ASan\'s allocator (see the comment)');
}
?>
--FILE--
<?php
require __DIR__ . '/fixtures/subprocess.inc';
$n = getenv('SKIP_PERF_SENSITIVE') ? 3 : 200; // under sanitizers a child's exit can take 20 s (LeakSanitizer), and the test runner gives up after 180 s of silence
$seed = random_int(1, PHP_INT_MAX);
$r = pogo_test_run_php(__DIR__ . '/fixtures/fork_long_parent.php', [
    'pogo.pool.churn.bootstrap' => __DIR__ . '/fixtures/jobs.inc',
    'pogo.pool.churn.num_threads' => 2,
    'pogo.pool.churn.max_jobs' => 1,
    'pogo.pool.steady.bootstrap' => __DIR__ . '/fixtures/jobs.inc',
    'pogo.pool.steady.num_threads' => 1,
], [$n, $seed]);
$rounds = preg_match_all('/^round \d+ done$/m', $r['stdout']);
echo 'progress lines: ', $rounds === $n ? 'one per round' : $rounds, "\n";
$r['stdout'] = preg_replace('/^round \d+ done\n/m', '', $r['stdout']);
echo preg_replace_callback('/heap after warm-up (\d+), at the end (\d+); threads (\d+), (\d+)/', function ($m) {
    // The heap may differ by what PHP's allocator keeps in its caches, not by what each round adds.
    return 'heap ' . ($m[2] - $m[1] < 64 * 1024 ? 'flat' : "grew from $m[1] to $m[2]")
        . ', threads ' . ($m[3] === $m[4] && $m[4] === '4' ? 'the 3 pool threads and the main one' : "$m[3] then $m[4]");
}, $r['stdout']);
echo 'exit status: ', $r['status'], "\n";
echo $r['stderr'] === '' ? "stderr empty\n" : "seed $seed, stderr: " . $r['stderr'];
?>
--EXPECT--
progress lines: one per round
0 children failed
0 wrong results
heap flat, threads the 3 pool threads and the main one
exit status: 0
stderr empty
