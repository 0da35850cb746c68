--TEST--
phpinfo(INFO_MODULES) lists each configured pool with its settings, whether it runs and its status
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.num_threads=2
pogo.pool.api.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.api.num_threads=16
pogo.pool.api.max_wait=2s
pogo.pool.api.max_execution_time=30
pogo.pool.api.max_jobs=500
pogo.pool.api.max_queue=1000
pogo.pool.cpu.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.cpu.num_threads=1
pogo.pool.cpu.max_wait=5s
pogo.pool.custom.worker={PWD}/fixtures/worker_array.php
pogo.pool.custom.num_threads=1
pogo.pool.custom.max_wait=2m
pogo.pool.broken.num_threads=nine
--FILE--
<?php
function pogo_section(): string
{
    ob_start();
    phpinfo(INFO_MODULES);
    $info = ob_get_clean();
    // From the line "pogo" to the next module's name, a line without " => ".
    $lines = explode("\n", substr($info, strpos($info, "\npogo\n") + 1));
    $section = [array_shift($lines)];
    foreach ($lines as $line) {
        if ($line !== '' && !str_contains($line, ' => ')) {
            break;
        }
        $section[] = $line;
    }
    return rtrim(implode("\n", $section)) . "\n";
}

// Only the pool that got a job is running.
$h = pogo_dispatch(EchoJob::class, ['value' => 1], 'cpu');
pogo_await($h);
echo pogo_section();
?>
--EXPECTF--
Warning: PHP Startup: Pogo: pogo.pool.broken.num_threads: invalid thread count "nine": use a whole number from 1 to 1024 in Unknown on line 0
pogo

Pogo support => enabled
Version => %d.%d.%s
Thread safety => ZTS: pools can run

Directive => Local Value => Master Value
pogo.shutdown_timeout => 5s => 5s

Pool => default
worker => (built-in)
bootstrap => (none)
num_threads => 2
max_wait => 30s
max_execution_time => no limit
max_jobs => never
max_queue => no limit
running => no
status => ok

Pool figures (pogo_stats()) => default
threads_configured => %d
threads_started => %d
threads_serving => %d
threads_idle => %d
threads_busy => %d
queued => %d
oldest_queued_seconds => %f
dispatched => %d
completed => %d
failed_exception => %d
failed_worker => %d
failed_expired => %d
failed_dropped => %d
failed_stopped => %d
worker_reboots => %d
boot_failures => %d
max_jobs_recycles => %d

Pool => api
worker => (built-in)
bootstrap => %sfixtures%ejobs.inc
num_threads => 16
max_wait => 2s
max_execution_time => 30
max_jobs => 500
max_queue => 1000
running => no
status => ok

Pool figures (pogo_stats()) => api
threads_configured => %d
threads_started => %d
threads_serving => %d
threads_idle => %d
threads_busy => %d
queued => %d
oldest_queued_seconds => %f
dispatched => %d
completed => %d
failed_exception => %d
failed_worker => %d
failed_expired => %d
failed_dropped => %d
failed_stopped => %d
worker_reboots => %d
boot_failures => %d
max_jobs_recycles => %d

Pool => cpu
worker => (built-in)
bootstrap => %sfixtures%ejobs.inc
num_threads => 1
max_wait => 5s
max_execution_time => no limit
max_jobs => never
max_queue => no limit
running => yes
status => ok

Pool figures (pogo_stats()) => cpu
threads_configured => 1
threads_started => 1
threads_serving => 1
threads_idle => %d
threads_busy => %d
queued => 0
oldest_queued_seconds => 0.000
dispatched => 1
completed => 1
failed_exception => %d
failed_worker => %d
failed_expired => %d
failed_dropped => %d
failed_stopped => %d
worker_reboots => %d
boot_failures => %d
max_jobs_recycles => %d

Pool => custom
worker => %sfixtures%eworker_array.php
bootstrap => (none)
num_threads => 1
max_wait => 2m
max_execution_time => no limit
max_jobs => never
max_queue => no limit
running => no
status => ok

Pool figures (pogo_stats()) => custom
threads_configured => %d
threads_started => %d
threads_serving => %d
threads_idle => %d
threads_busy => %d
queued => %d
oldest_queued_seconds => %f
dispatched => %d
completed => %d
failed_exception => %d
failed_worker => %d
failed_expired => %d
failed_dropped => %d
failed_stopped => %d
worker_reboots => %d
boot_failures => %d
max_jobs_recycles => %d

Pool => broken
worker => (built-in)
bootstrap => (none)
num_threads => %d
max_wait => 30s
max_execution_time => no limit
max_jobs => never
max_queue => no limit
running => no
status => pogo.pool.broken.num_threads: invalid thread count "nine": use a whole number from 1 to 1024

Pool figures (pogo_stats()) => broken
threads_configured => %d
threads_started => %d
threads_serving => %d
threads_idle => %d
threads_busy => %d
queued => %d
oldest_queued_seconds => %f
dispatched => %d
completed => %d
failed_exception => %d
failed_worker => %d
failed_expired => %d
failed_dropped => %d
failed_stopped => %d
worker_reboots => %d
boot_failures => %d
max_jobs_recycles => %d
