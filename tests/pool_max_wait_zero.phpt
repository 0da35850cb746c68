--TEST--
max_wait: 0 means no limit (phpinfo says so, a queued job waits as long as it takes); a positive value below 1ms is refused with a startup warning and the pool is misconfigured
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.open.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.open.num_threads=1
pogo.pool.open.max_wait=0
pogo.pool.tiny.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.tiny.max_wait=0.0001
pogo.pool.half.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.half.max_wait=0.5ms
--FILE--
<?php
require __DIR__ . '/fixtures/phpinfo.inc';
foreach (array_intersect_key(pogo_test_phpinfo_pools(), array_flip(['open', 'tiny', 'half'])) as $name => $pool) {
    echo "$name: max_wait {$pool['max_wait']}, status {$pool['status']}\n";
}

// One thread, busy for 300 ms: the job queued behind it waits that long and still runs.
$busy = pogo_dispatch(SleepJob::class, ['ms' => 300, 'id' => 'busy'], 'open');
$queued = pogo_dispatch(EchoJob::class, ['value' => 'ran after waiting'], 'open');
var_dump(pogo_await($busy, 30), pogo_await($queued, 30));

foreach (['tiny', 'half'] as $pool) {
    try {
        pogo_dispatch(EchoJob::class, ['value' => 1], $pool);
        echo "$pool: dispatched\n";
    } catch (Pogo\PoolException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECTF--
Warning: PHP Startup: Pogo: pogo.pool.tiny.max_wait: invalid duration "0.0001": shorter than 1ms, the shortest duration above 0 in Unknown on line 0

Warning: PHP Startup: Pogo: pogo.pool.half.max_wait: invalid duration "0.5ms": shorter than 1ms, the shortest duration above 0 in Unknown on line 0
open: max_wait no limit, status ok
tiny: max_wait 30s, status pogo.pool.tiny.max_wait: invalid duration "0.0001": shorter than 1ms, the shortest duration above 0
half: max_wait 30s, status pogo.pool.half.max_wait: invalid duration "0.5ms": shorter than 1ms, the shortest duration above 0
string(4) "busy"
string(17) "ran after waiting"
Pogo\PoolException: pool "tiny" is misconfigured: pogo.pool.tiny.max_wait: invalid duration "0.0001": shorter than 1ms, the shortest duration above 0
Pogo\PoolException: pool "half" is misconfigured: pogo.pool.half.max_wait: invalid duration "0.5ms": shorter than 1ms, the shortest duration above 0
