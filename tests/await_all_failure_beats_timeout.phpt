--TEST--
pogo_await_all(): a job that failed wins over one still running at the deadline; the failed handle is used up, the running and the successful ones stay awaitable
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/fanin_jobs.inc
pogo.pool.default.num_threads=3
--FILE--
<?php
require __DIR__ . '/fixtures/fanin_jobs.inc';
$gate = fanin_gate('failure-beats-timeout');
$h = [
    'slow' => pogo_dispatch(GateJob::class, ['gate' => $gate, 'id' => 'slow']),
    'ok' => pogo_dispatch(EchoJob::class, ['value' => 'ok']),
    'bad' => pogo_dispatch(ThrowJob::class, ['message' => 'bad job']),
];
// Let "ok" and "bad" finish first.
pogo_await_any([$h['ok']], 30);
pogo_await_any([$h['bad']], 30);
try {
    var_dump(pogo_await_all($h, 0.2));
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
// Also when the deadline is 0.
try {
    var_dump(pogo_await_all(['slow' => $h['slow'], 'bad' => $h['bad']], 0));
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(pogo_await($h['ok'], 0));
try {
    pogo_await($h['slow'], 0);
} catch (Pogo\TimeoutException $e) {
    echo "slow: still running\n";
}
fanin_open($gate);
var_dump(pogo_await($h['slow'], 30));
?>
--EXPECT--
Pogo\JobException: bad job
Pogo\PogoException: handle 3 at key "bad" cannot be awaited here: it was already awaited, or another request dispatched it
string(2) "ok"
slow: still running
string(4) "slow"
