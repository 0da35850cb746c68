--TEST--
A script that ends while the pool's threads are still booting (requiring the bootstrap) exits cleanly
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/fixtures/subprocess.inc';
$ini = [
    'pogo.pool.default.bootstrap' => __DIR__ . '/fixtures/jobs.inc',
    'pogo.pool.default.num_threads' => '8',
];
$failures = [];
for ($i = 0; $i < 20; $i++) {
    $run = pogo_test_run_php(__DIR__ . '/fixtures/boot_race_child.php', $ini);
    if ($run['status'] !== 0 || $run['stdout'] !== "done\n" || $run['stderr'] !== '') {
        $failures[] = "run $i: status {$run['status']}, stdout " . json_encode($run['stdout']) . ', stderr ' . json_encode($run['stderr']);
    }
}
echo count($failures), " of 20 runs failed\n";
echo implode("\n", array_slice($failures, 0, 2)), $failures ? "\n" : '';
?>
--EXPECT--
0 of 20 runs failed
