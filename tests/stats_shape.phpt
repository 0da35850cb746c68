--TEST--
pogo_stats() before any dispatch: every pool in configuration order (default first), each with the same keys in order, all ints but oldest_queued_seconds, all 0 but threads_configured; pogo_stats('name') is one pool's array; it starts no pool; an unknown pool throws
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=2
pogo.pool.zeta.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.zeta.num_threads=3
pogo.pool.alpha.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.alpha.num_threads=1
--FILE--
<?php
$all = pogo_stats();
var_dump(array_keys($all));
foreach ($all['default'] as $key => $value) {
    echo $key, ': ', get_debug_type($value), ' ', var_export($value, true), "\n";
}
foreach (['zeta', 'alpha'] as $pool) {
    var_dump(array_keys($all[$pool]) === array_keys($all['default']));
    echo "$pool: configured {$all[$pool]['threads_configured']}, the rest ",
        json_encode(array_unique(array_values(array_diff_key($all[$pool], ['threads_configured' => 1])))), "\n";
    var_dump(pogo_stats($pool) === $all[$pool]);
}
var_dump(pogo_stats(null) === $all, pogo_stats('default') === $all['default']);

foreach (['x', 'Default', '', 'zeta '] as $pool) {
    try {
        pogo_stats($pool);
        echo "stats of \"$pool\"\n";
    } catch (Pogo\PoolException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}

// Reading the figures started nothing; a dispatch starts only its own pool, all its threads.
var_dump(pogo_stats() === $all);
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'z'], 'zeta'), 30));
$after = pogo_stats();
var_dump($after['default'] === $all['default'], $after['alpha'] === $all['alpha']);
$z = $after['zeta'];
var_dump($z['threads_started'], $z['dispatched'], $z['completed'], $z['queued']);
var_dump($z['threads_serving'] >= 1 && $z['threads_serving'] <= 3);
var_dump($z['threads_idle'] + $z['threads_busy'] === $z['threads_serving']);
?>
--EXPECT--
array(3) {
  [0]=>
  string(7) "default"
  [1]=>
  string(4) "zeta"
  [2]=>
  string(5) "alpha"
}
threads_configured: int 2
threads_started: int 0
threads_serving: int 0
threads_idle: int 0
threads_busy: int 0
queued: int 0
oldest_queued_seconds: float 0.0
dispatched: int 0
completed: int 0
failed_exception: int 0
failed_worker: int 0
failed_expired: int 0
failed_dropped: int 0
failed_stopped: int 0
worker_reboots: int 0
boot_failures: int 0
max_jobs_recycles: int 0
bool(true)
zeta: configured 3, the rest [0]
bool(true)
bool(true)
alpha: configured 1, the rest [0]
bool(true)
bool(true)
bool(true)
Pogo\PoolException: unknown pool "x"
Pogo\PoolException: unknown pool "Default"
Pogo\PoolException: unknown pool ""
Pogo\PoolException: unknown pool "zeta "
bool(true)
string(1) "z"
bool(true)
bool(true)
int(3)
int(1)
int(1)
int(0)
bool(true)
bool(true)
