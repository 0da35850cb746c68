--TEST--
A job still running while the pools stop cannot start a pool that has not started: its dispatch fails with PoolException (the pool is stopping) instead of starting threads that nothing would join before the other extensions shut down
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/fixtures/subprocess.inc';
$started = sys_get_temp_dir() . '/pogo-stop-refuses-' . getmypid() . '.started';
$out = sys_get_temp_dir() . '/pogo-stop-refuses-' . getmypid() . '.out';
@unlink($started);
@unlink($out);
$run = pogo_test_run_php(__DIR__ . '/fixtures/stop_refuses_start_child.php', [
    'pogo.pool.one.bootstrap' => __DIR__ . '/fixtures/jobs.inc',
    'pogo.pool.one.num_threads' => '1',
    'pogo.pool.late.bootstrap' => __DIR__ . '/fixtures/jobs.inc',
    'pogo.pool.late.num_threads' => '1',
], [$started, $out]);
echo $run['stdout'];
var_dump($run['status']);
echo is_file($out) ? file_get_contents($out) : 'no outcome written', "\n";
if ($run['stderr'] !== '') {
    echo "stderr: ", $run['stderr'], "\n";
}
@unlink($started);
@unlink($out);
?>
--EXPECT--
running
int(0)
Pogo\PoolException: pool "late" is stopping
