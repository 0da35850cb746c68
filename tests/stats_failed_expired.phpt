--TEST--
pogo_stats() counts a job that waited longer than max_wait as failed_expired, not as completed or dropped
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.tight.bootstrap={PWD}/fixtures/fanin_jobs.inc
pogo.pool.tight.num_threads=1
pogo.pool.tight.max_wait=100ms
--FILE--
<?php
require __DIR__ . '/fixtures/fanin_jobs.inc';
$gate = fanin_gate('stats-expired');
$started = fanin_gate('stats-expired-started');
var_dump(fanin_boot('tight'));
$before = pogo_stats('tight'); // the boot job counts as completed or expired: only what follows is checked
$busy = pogo_dispatch(GateJob::class, ['gate' => $gate, 'started' => $started, 'id' => 'busy'], 'tight');
var_dump(fanin_wait_file($started));
$queued = [pogo_dispatch(EchoJob::class, ['value' => 1], 'tight'), pogo_dispatch(EchoJob::class, ['value' => 2], 'tight')];
foreach ($queued as $h) {
    try {
        pogo_await($h, 30);
    } catch (Pogo\PoolException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
fanin_open($gate);
var_dump(pogo_await($busy, 30));
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'after'], 'tight'), 30));
$s = pogo_stats('tight');
foreach (['dispatched', 'completed', 'failed_expired', 'failed_dropped', 'failed_exception', 'failed_worker'] as $key) {
    echo "$key: ", $s[$key] - $before[$key], "\n";
}
echo "queued: {$s['queued']}\n";
?>
--EXPECT--
bool(true)
bool(true)
Pogo\PoolException: pool "tight": job 3 (EchoJob) waited longer than max_wait (100ms) for a free worker and was not run
Pogo\PoolException: pool "tight": job 4 (EchoJob) waited longer than max_wait (100ms) for a free worker and was not run
string(4) "busy"
string(5) "after"
dispatched: 4
completed: 2
failed_expired: 2
failed_dropped: 0
failed_exception: 0
failed_worker: 0
queued: 0
