--TEST--
A queued job that passes max_wait while a set is awaited fails with its PoolException: pogo_await_any() returns its key at once, pogo_await_all() throws it, pogo_settle() gives it as the entry's error
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.tight.bootstrap={PWD}/fixtures/fanin_jobs.inc
pogo.pool.tight.num_threads=1
pogo.pool.tight.max_wait=100ms
--FILE--
<?php
require __DIR__ . '/fixtures/fanin_jobs.inc';
$gate = fanin_gate('await-all-max-wait');
$started = fanin_gate('await-all-max-wait-started');
var_dump(fanin_boot('tight'));
// The only thread is held until the gate opens: what is queued behind it expires.
$busy = pogo_dispatch(GateJob::class, ['gate' => $gate, 'started' => $started, 'id' => 'busy'], 'tight');
var_dump(fanin_wait_file($started));

$q = pogo_dispatch(EchoJob::class, ['value' => 'never'], 'tight');
var_dump(pogo_await_any(['busy' => $busy, 'queued' => $q], 30));
// A failure wins over the still running job; only the failed handle is used up.
try {
    pogo_await_all(['busy' => $busy, 'queued' => $q], 0);
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    pogo_await($q, 0);
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

$q2 = pogo_dispatch(EchoJob::class, ['value' => 'never either'], 'tight');
// Expires while pogo_await_all() waits: thrown at the deadline, the busy job still running.
try {
    pogo_await_all(['busy' => $busy, 'queued' => $q2], 0.5);
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

$q3 = pogo_dispatch(EchoJob::class, ['value' => 'nor this'], 'tight');
foreach (pogo_settle(['busy' => $busy, 'queued' => $q3], 0.5) as $key => $entry) {
    echo "$key: ", get_class($entry['error']), ': ', $entry['error']->getMessage(), "\n";
}

fanin_open($gate);
var_dump(pogo_await($busy, 30));
?>
--EXPECT--
bool(true)
bool(true)
string(6) "queued"
Pogo\PoolException: pool "tight": job 3 (EchoJob) waited longer than max_wait (100ms) for a free worker and was not run
Pogo\PogoException: handle 3 cannot be awaited here: it was already awaited, or another request dispatched it
Pogo\PoolException: pool "tight": job 4 (EchoJob) waited longer than max_wait (100ms) for a free worker and was not run
busy: Pogo\TimeoutException: job 2 (GateJob) on pool "tight" did not finish within 0.5 s; it keeps running and can be awaited again
queued: Pogo\PoolException: pool "tight": job 5 (EchoJob) waited longer than max_wait (100ms) for a free worker and was not run
string(4) "busy"
