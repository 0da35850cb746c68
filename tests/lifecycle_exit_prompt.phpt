--TEST--
A CLI script ending with jobs still queued and running exits promptly, with status 0 and no leak report
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/fixtures/subprocess.inc';
$run = pogo_test_run_php(__DIR__ . '/fixtures/exit_with_queued_child.php', [
    'pogo.pool.one.bootstrap' => __DIR__ . '/fixtures/jobs.inc',
    'pogo.pool.one.num_threads' => '1',
    'report_memleaks' => '1',
]);
echo $run['stdout'];
var_dump($run['status']);
// 1000 jobs of 100 ms would take 100 s; only the running one is waited for.
var_dump($run['seconds'] < 5 || getenv('SKIP_PERF_SENSITIVE'));
var_dump(stripos($run['stderr'], 'leak') === false);
if ($run['stderr'] !== '') {
    echo "stderr: ", $run['stderr'], "\n";
}
?>
--EXPECT--
1000 dispatched
int(0)
bool(true)
bool(true)
