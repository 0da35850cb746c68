--TEST--
A worker that cannot boot is reported once when its boots start failing (PHP's report of that failure, and one line of Pogo's), not at every retry or job
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/fixtures/subprocess.inc';
$r = pogo_test_run_php(__DIR__ . '/fixtures/boot_log_child.php', [
    'pogo.pool.broken.bootstrap' => __DIR__ . '/fixtures/boot_throws.inc',
    'pogo.pool.broken.num_threads' => 1,
    'display_errors' => 0,
    'log_errors' => 1,
]);
echo $r['stdout'];
// Boots at 0, 0.1, 0.3, 0.7, 1.5 s, ... (backoff doubling): a handful, reported once.
echo 'PHP reports: ', preg_match_all('/PHP Fatal error:  Uncaught RuntimeException: database unreachable/', $r['stderr']), "\n";
preg_match_all('/^.*Pogo: pool "broken".*$/m', $r['stderr'], $m);
echo 'Pogo reports: ', count($m[0]), "\n", $m[0][0] ?? '', "\n";
?>
--EXPECTF--
50 of 50 failed with WorkerException
PHP reports: 1
Pogo reports: 1
%SPogo: pool "broken": its worker cannot boot: Uncaught RuntimeException: database unreachable in %s (retrying with backoff, 100 ms to 5000 ms; its jobs fail at once meanwhile)
