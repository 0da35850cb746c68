--TEST--
phpinfo() shows each pool's settings and, in a table of its own, the figures pogo_stats() gives, under the same names
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.num_threads=2
pogo.pool.cpu.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.cpu.num_threads=1
pogo.pool.cpu.max_wait=5s
pogo.pool.cpu.max_jobs=100
--FILE--
<?php
// The rows of phpinfo()'s table whose header row is $header, up to the next blank line.
function info_table(string $header): array
{
    ob_start();
    phpinfo(INFO_MODULES);
    $lines = explode("\n", ob_get_clean());
    $at = array_search($header, $lines, true);
    if ($at === false) {
        return [];
    }
    $rows = [];
    for ($i = $at + 1; $i < count($lines) && $lines[$i] !== ''; $i++) {
        [$name, $value] = explode(' => ', $lines[$i], 2);
        $rows[$name] = $value;
    }
    return $rows;
}

pogo_await(pogo_dispatch(EchoJob::class, ['value' => 1], 'cpu'), 30);
pogo_await(pogo_dispatch(EchoJob::class, ['value' => 2], 'cpu'), 30);
try {
    pogo_await(pogo_dispatch(ThrowJob::class, [], 'cpu'), 30);
} catch (Pogo\JobException $e) {
}
foreach (info_table('Pool => cpu') as $name => $value) {
    echo "$name => $value\n";
}
echo "--\n";
$rows = info_table('Pool figures (pogo_stats()) => cpu');
foreach ($rows as $name => $value) {
    echo "$name => $value\n";
}
echo "--\n";
// The same names as pogo_stats(), in the same order, and the same counts.
$stats = pogo_stats('cpu');
var_dump(array_keys($rows) === array_keys($stats));
foreach ($stats as $key => $value) {
    if (is_int($value) && !in_array($key, ['threads_idle', 'threads_busy'], true) && (string) $value !== $rows[$key]) {
        echo "$key differs: phpinfo {$rows[$key]}, pogo_stats $value\n";
    }
}
// A pool that never ran shows its figures too.
$rows = info_table('Pool figures (pogo_stats()) => default');
echo "default: started {$rows['threads_started']}, dispatched {$rows['dispatched']}, configured {$rows['threads_configured']}\n";
?>
--EXPECTF--
worker => (built-in)
bootstrap => %sfixtures%ejobs.inc
num_threads => 1
max_wait => 5s
max_execution_time => no limit
max_jobs => 100
max_queue => no limit
running => yes
status => ok
--
threads_configured => 1
threads_started => 1
threads_serving => 1
threads_idle => %d
threads_busy => %d
queued => 0
oldest_queued_seconds => 0.000
dispatched => 3
completed => 2
failed_exception => 1
failed_worker => 0
failed_expired => 0
failed_dropped => 0
failed_stopped => 0
worker_reboots => 0
boot_failures => 0
max_jobs_recycles => 0
--
bool(true)
default: started 0, dispatched 0, configured 2
