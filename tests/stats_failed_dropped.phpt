--TEST--
pogo_stats() counts a queued job that its request (here a job, which is a request for what it dispatches) gave up at its end as failed_dropped; it never runs
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/fanin_jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.inner.bootstrap={PWD}/fixtures/fanin_jobs.inc
pogo.pool.inner.num_threads=1
pogo.pool.inner.max_wait=0
--FILE--
<?php
require __DIR__ . '/fixtures/fanin_jobs.inc';
$gate = fanin_gate('stats-dropped');
$started = fanin_gate('stats-dropped-started');
$marker = fanin_gate('stats-dropped-marker');
$busy = pogo_dispatch(GateJob::class, ['gate' => $gate, 'started' => $started, 'id' => 'busy'], 'inner');
var_dump(fanin_wait_file($started));
// A job queues a job on the busy pool and ends without awaiting it.
$inner = pogo_await(pogo_dispatch(FireAndForgetJob::class, [
    'class' => MarkerJob::class, 'args' => ['path' => $marker], 'pool' => 'inner',
]), 30);
echo "the job dispatched handle $inner\n";
// The next job on the same thread starts once that job's request has ended.
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'next']), 30));
$s = pogo_stats('inner');
foreach (['dispatched', 'queued', 'failed_dropped', 'completed'] as $key) {
    echo "$key: {$s[$key]}\n";
}
fanin_open($gate);
var_dump(pogo_await($busy, 30));
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'after'], 'inner'), 30));
var_dump(file_exists($marker));
$s = pogo_stats('inner');
foreach (['dispatched', 'queued', 'failed_dropped', 'completed', 'failed_expired', 'failed_exception', 'failed_worker'] as $key) {
    echo "$key: {$s[$key]}\n";
}
// The dispatching pool's own counters.
$s = pogo_stats('default');
echo "default: dispatched {$s['dispatched']}, completed {$s['completed']}, dropped {$s['failed_dropped']}\n";
?>
--EXPECT--
bool(true)
the job dispatched handle 3
string(4) "next"
dispatched: 2
queued: 0
failed_dropped: 1
completed: 0
string(4) "busy"
string(5) "after"
bool(false)
dispatched: 3
queued: 0
failed_dropped: 1
completed: 2
failed_expired: 0
failed_exception: 0
failed_worker: 0
default: dispatched 2, completed 2, dropped 0
