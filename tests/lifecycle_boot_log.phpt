--TEST--
A worker that cannot boot logs one line per failed boot, not one per job
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
$lines = preg_match_all('/Pogo: pool "broken": a worker thread could not boot: Uncaught RuntimeException: database unreachable/', $r['stderr']);
// Boots at 0, 0.1, 0.3, 0.7, 1.5 s, ... (backoff doubling): a handful, for 50 jobs.
var_dump($lines >= 1 && $lines <= 8);
?>
--EXPECT--
50 of 50 failed with WorkerException
bool(true)
