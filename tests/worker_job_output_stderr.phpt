--TEST--
A job's output goes to the process's stderr, not its stdout (checked in a child process)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/fixtures/subprocess.inc';
$run = pogo_test_run_php(__DIR__ . '/fixtures/job_output_child.php', [
    'pogo.pool.default.bootstrap' => __DIR__ . '/fixtures/jobs.inc',
    'pogo.pool.default.num_threads' => '1',
]);
echo "stdout:\n", $run['stdout'];
var_dump(str_contains($run['stderr'], 'JOB-PRINTED-THIS'));
var_dump(str_contains($run['stderr'], 'printed too'));
var_dump($run['status']);
?>
--EXPECT--
stdout:
child starts
string(8) "returned"
child ends
bool(true)
bool(true)
int(0)
