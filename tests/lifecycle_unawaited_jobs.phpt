--TEST--
At request end a queued job that was not awaited never runs
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/fixtures/subprocess.inc';
$ini = [
    'pogo.pool.one.bootstrap' => __DIR__ . '/fixtures/jobs.inc',
    'pogo.pool.one.num_threads' => '1',
];
$marker = sys_get_temp_dir() . '/pogo-unawaited-' . getmypid() . '.marker';

foreach (['await', 'leave'] as $mode) {
    @unlink($marker);
    $run = pogo_test_run_php(__DIR__ . '/fixtures/unawaited_child.php', $ini, [$marker, $mode]);
    echo "$mode: ", str_replace("\n", ' | ', trim($run['stdout'])), ", status ", $run['status'], "\n";
    // The child has exited: whatever was going to run has run.
    echo "$mode: the job ", file_exists($marker) ? 'ran' : 'never ran', "\n";
}
@unlink($marker);
?>
--EXPECTF--
await: pogo-unawaited-%d.marker | child ends, status 0
await: the job ran
leave: child ends, status 0
leave: the job never ran
