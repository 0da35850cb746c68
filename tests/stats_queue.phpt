--TEST--
pogo_stats() live figures: with the only thread busy, queued jobs, the oldest one's wait and the busy thread show; once they ran, the queue is empty again and they count as completed
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/fanin_jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
require __DIR__ . '/fixtures/fanin_jobs.inc';
$gate = fanin_gate('stats-queue');
$started = fanin_gate('stats-queue-started');
$h = [pogo_dispatch(GateJob::class, ['gate' => $gate, 'started' => $started])];
var_dump(fanin_wait_file($started));
for ($i = 0; $i < 3; $i++) {
    $h[] = pogo_dispatch(EchoJob::class, ['value' => $i]);
}
usleep(200000);
$s = pogo_stats('default');
foreach (['threads_started', 'threads_serving', 'threads_idle', 'threads_busy', 'queued', 'dispatched', 'completed'] as $key) {
    echo "$key: {$s[$key]}\n";
}
var_dump(is_float($s['oldest_queued_seconds']), $s['oldest_queued_seconds'] >= 0.15, $s['oldest_queued_seconds'] < 600);

fanin_open($gate);
var_dump(pogo_await_all($h, 30));
$s = pogo_stats('default');
foreach (['threads_serving', 'queued', 'oldest_queued_seconds', 'dispatched', 'completed'] as $key) {
    echo "$key: ", var_export($s[$key], true), "\n";
}
var_dump($s['threads_idle'] + $s['threads_busy']);
?>
--EXPECT--
bool(true)
threads_started: 1
threads_serving: 1
threads_idle: 0
threads_busy: 1
queued: 3
dispatched: 4
completed: 0
bool(true)
bool(true)
bool(true)
array(4) {
  [0]=>
  string(6) "opened"
  [1]=>
  int(0)
  [2]=>
  int(1)
  [3]=>
  int(2)
}
threads_serving: 1
queued: 0
oldest_queued_seconds: 0.0
dispatched: 4
completed: 4
int(1)
