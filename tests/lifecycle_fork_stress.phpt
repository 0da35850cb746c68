--TEST--
Forks at random moments while the pool's threads boot, run and reboot: every child exits 0, whether it dispatches or not, none hangs or crashes, and the parent goes on
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
$n = getenv('SKIP_PERF_SENSITIVE') ? 6 : 120; // under sanitizers each child's exit takes seconds
$seed = random_int(1, PHP_INT_MAX);
$r = pogo_test_run_php(__DIR__ . '/fixtures/fork_stress_child.php', [
    'pogo.pool.default.bootstrap' => __DIR__ . '/fixtures/jobs.inc',
    'pogo.pool.default.num_threads' => 2,
    'pogo.pool.default.max_jobs' => 2,
], [$n, $seed]);
$lines = explode("\n", trim($r['stdout']));
echo 'progress lines: ', count(preg_grep('/^child \d+ done$/', $lines)) === $n ? 'one per child' : 'missing', "\n";
echo str_replace((string) $n, 'N', end($lines)), "\n";
echo 'exit status: ', $r['status'], "\n";
echo $r['stderr'] === '' ? "stderr empty\n" : "seed $seed, stderr: " . $r['stderr'];
?>
--EXPECT--
progress lines: one per child
N of N children exited 0
exit status: 0
stderr empty
