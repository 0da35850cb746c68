--TEST--
pogo_settle() never throws for how jobs ended: ok entries with results, failed ones with the exception pogo_await() would throw (JobException, WorkerException), running ones with a TimeoutException; only the running handle stays awaitable
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/fanin_jobs.inc
pogo.pool.default.num_threads=2
pogo.pool.quick.bootstrap={PWD}/fixtures/fanin_jobs.inc
pogo.pool.quick.num_threads=1
--CAPTURE_STDIO--
STDIN STDOUT
--FILE--
<?php
require __DIR__ . '/fixtures/fanin_jobs.inc';
$gate = fanin_gate('settle-mixed');
$h = [
    'running' => pogo_dispatch(GateJob::class, ['gate' => $gate, 'id' => 'late']),
    'ok' => pogo_dispatch(EchoJob::class, ['value' => ['n' => 1]], 'quick'),
    'threw' => pogo_dispatch(ThrowJob::class, ['message' => 'declined', 'code' => 402], 'quick'),
    3 => pogo_dispatch(UndefinedFunctionJob::class, [], 'quick'),
    'null' => pogo_dispatch(ResultJob::class, [], 'quick'),
];
// Let the quick ones finish (pogo_await_any() uses nothing up).
foreach (['ok', 'threw', 3, 'null'] as $key) {
    pogo_await_any([$h[$key]], 30);
}
$settled = pogo_settle($h, 0.2);
var_dump(array_keys($settled));
foreach ($settled as $key => $entry) {
    echo "$key: ", implode(',', array_keys($entry)), ' ', var_export($entry['ok'], true), ' ';
    if ($entry['ok']) {
        echo json_encode($entry['result']), "\n";
    } else {
        echo get_class($entry['error']), ': ', $entry['error']->getMessage(), "\n";
    }
}
var_dump($settled['threw']['error']->getCode(), $settled['threw']['error']->remoteClass);
// The finished handles are used up, the running one is not.
foreach (['ok', 'threw', 3, 'null'] as $key) {
    try {
        pogo_await($h[$key], 0);
    } catch (Pogo\PogoException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
fanin_open($gate);
var_dump(pogo_settle(['running' => $h['running']], 30));
?>
--EXPECTF--
array(5) {
  [0]=>
  string(7) "running"
  [1]=>
  string(2) "ok"
  [2]=>
  string(5) "threw"
  [3]=>
  int(3)
  [4]=>
  string(4) "null"
}
running: ok,error false Pogo\TimeoutException: job 1 (GateJob) on pool "default" did not finish within 0.2 s; it keeps running and can be awaited again
ok: ok,result true {"n":1}
threw: ok,error false Pogo\JobException: declined
3: ok,error false Pogo\WorkerException: pool "quick": the worker running job 4 (UndefinedFunctionJob) failed: Uncaught Error: Call to undefined function no_such_function_anywhere() in %sjobs.inc:%d
null: ok,result true null
int(402)
string(15) "DomainException"
Pogo\PogoException: handle 2 cannot be awaited here: it was already awaited, or another request dispatched it
Pogo\PogoException: handle 3 cannot be awaited here: it was already awaited, or another request dispatched it
Pogo\PogoException: handle 4 cannot be awaited here: it was already awaited, or another request dispatched it
Pogo\PogoException: handle 5 cannot be awaited here: it was already awaited, or another request dispatched it
array(1) {
  ["running"]=>
  array(2) {
    ["ok"]=>
    bool(true)
    ["result"]=>
    string(4) "late"
  }
}
