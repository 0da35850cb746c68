--TEST--
A worker that could not boot retries with backoff and picks up a fixed bootstrap without restarting PHP
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.fix.bootstrap={PWD}/lifecycle_boot_fixed.boot.php
pogo.pool.fix.num_threads=1
--CAPTURE_STDIO--
STDIN STDOUT
--FILE--
<?php
$boot = __DIR__ . '/lifecycle_boot_fixed.boot.php';
file_put_contents($boot, "<?php throw new LogicException('not configured yet');\n");
try {
    pogo_await(pogo_dispatch('FixedJob', [], 'fix'));
} catch (Pogo\WorkerException $e) {
    echo strtok($e->getMessage(), "\n"), "\n";
}
file_put_contents($boot, <<<'PHP'
<?php
final class FixedJob implements Pogo\JobInterface
{
    public function handle(array $args): mixed { return 'fixed'; }
}
PHP);
if (function_exists('opcache_invalidate')) {
    opcache_invalidate($boot, true);
}
// The retry comes after a backoff (100 ms doubling): jobs fail fast until then.
$deadline = microtime(true) + 10;
do {
    usleep(50000);
    try {
        $result = pogo_await(pogo_dispatch('FixedJob', [], 'fix'));
    } catch (Pogo\WorkerException $e) {
        $result = null;
    }
} while ($result === null && microtime(true) < $deadline);
var_dump($result);
?>
--CLEAN--
<?php @unlink(__DIR__ . '/lifecycle_boot_fixed.boot.php'); ?>
--EXPECTF--
pool "fix": the worker running job 1 (FixedJob) failed: the pool's worker cannot boot: Uncaught LogicException: not configured yet in %slifecycle_boot_fixed.boot.php:1
string(5) "fixed"
