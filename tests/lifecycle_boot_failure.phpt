--TEST--
A pool whose worker cannot boot fails its jobs within a second with Pogo\WorkerException quoting the boot error
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.missing.bootstrap={PWD}/fixtures/no_such_bootstrap.inc
pogo.pool.missing.num_threads=1
pogo.pool.syntax.bootstrap={PWD}/fixtures/boot_syntax_error.inc
pogo.pool.syntax.num_threads=1
pogo.pool.throws.bootstrap={PWD}/fixtures/boot_throws.inc
pogo.pool.throws.num_threads=2
pogo.pool.noloop.worker={PWD}/fixtures/worker_noloop.php
pogo.pool.noloop.num_threads=1
--CAPTURE_STDIO--
STDIN STDOUT
--FILE--
<?php
foreach (['missing', 'syntax', 'throws', 'noloop'] as $pool) {
    $handles = [pogo_dispatch('AnyJob', [], $pool), pogo_dispatch('AnyJob', [], $pool)];
    foreach ($handles as $i => $h) {
        $start = microtime(true);
        try {
            pogo_await($h, 30);
            echo "$pool: no exception\n";
        } catch (Pogo\WorkerException $e) {
            $elapsed = microtime(true) - $start;
            echo $i ? '' : get_class($e) . ': ' . strtok($e->getMessage(), "\n") . "\n";
            echo "  within a second: ", var_export($elapsed < 1.0, true), "\n";
        }
    }
}
?>
--EXPECTF--
Pogo\WorkerException: pool "missing": the worker running job 1 (AnyJob) failed: the pool's worker cannot boot: %SFailed opening required '%sno_such_bootstrap.inc'%S
  within a second: true
  within a second: true
Pogo\WorkerException: pool "syntax": the worker running job 3 (AnyJob) failed: the pool's worker cannot boot: syntax error, unexpected token "{"%S
  within a second: true
  within a second: true
Pogo\WorkerException: pool "throws": the worker running job 5 (AnyJob) failed: the pool's worker cannot boot: Uncaught RuntimeException: database unreachable in %sboot_throws.inc:3
  within a second: true
  within a second: true
Pogo\WorkerException: pool "noloop": the worker running job 7 (AnyJob) failed: the pool's worker cannot boot: worker script %sworker_noloop.php returned without handling a job
  within a second: true
  within a second: true
