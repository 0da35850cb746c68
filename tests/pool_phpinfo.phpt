--TEST--
phpinfo(INFO_MODULES) lists each configured pool with its settings, whether it runs and its status
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.num_threads=2
pogo.pool.api.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.api.num_threads=16
pogo.pool.api.max_wait=2s
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
    $start = strpos($info, "\npogo\n");
    $end = strpos($info, "\n\n", strpos($info, 'Pool => ', $start));
    return substr($info, $start + 1, $end - $start);
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

Pool => num_threads => max_wait => worker => bootstrap => running => status
default => 2 => 30s => (built-in) => (none) => no => ok
api => 16 => 2s => (built-in) => %sfixtures%ejobs.inc => no => ok
cpu => 1 => 5s => (built-in) => %sfixtures%ejobs.inc => yes => ok
custom => 1 => 2m => %sfixtures%eworker_array.php => (none) => no => ok
broken => %d => 30s => (built-in) => (none) => no => pogo.pool.broken.num_threads: invalid thread count "nine": use a whole number from 1 to 1024
