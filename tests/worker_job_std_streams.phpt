--TEST--
In the CLI, jobs have STDIN, STDOUT and STDERR as scripts do; what they write goes to the process's standard error
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/fixtures/subprocess.inc';
$r = pogo_test_run_php('-r', [
    'pogo.pool.default.bootstrap' => __DIR__ . '/fixtures/jobs.inc',
    'pogo.pool.default.num_threads' => 1,
], ['var_export(pogo_await(pogo_dispatch(StdStreamsJob::class), 10));']);
echo $r['stdout'], "\n";
echo 'stderr: ', $r['stderr'];
echo 'exit status: ', $r['status'], "\n";
?>
--EXPECT--
array (
  'defined' => true,
  'stderr' => 21,
  'stdout' => 21,
)
stderr: to STDERR from a job
to STDOUT from a job
exit status: 0
