--TEST--
pogo_await_all() past its deadline with jobs still running throws a TimeoutException counting them; no handle is used up, and a later pogo_await_all() of the same set returns every result
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/fanin_jobs.inc
pogo.pool.default.num_threads=3
--FILE--
<?php
require __DIR__ . '/fixtures/fanin_jobs.inc';
$gate = fanin_gate('await-all-timeout');
$h = [
    'done' => pogo_dispatch(EchoJob::class, ['value' => 'done early']),
    'a' => pogo_dispatch(GateJob::class, ['gate' => $gate, 'id' => 'A']),
    'b' => pogo_dispatch(GateJob::class, ['gate' => $gate, 'id' => 'B']),
];
// Wait for "done" to finish, without using it up.
var_dump(pogo_await_any(['done' => $h['done']], 30));
foreach ([0.2, 0, 0.05] as $timeout) {
    try {
        var_dump(pogo_await_all($h, $timeout));
    } catch (Pogo\TimeoutException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// Every handle is still awaitable, the finished one too.
fanin_open($gate);
var_dump(pogo_await_all($h, 30));
// Now they are used up.
try {
    pogo_await($h['done'], 0);
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
string(4) "done"
Pogo\TimeoutException: 2 of 3 jobs did not finish within 0.2 s; they keep running and can be awaited again
Pogo\TimeoutException: 2 of 3 jobs did not finish within 0 s; they keep running and can be awaited again
Pogo\TimeoutException: 2 of 3 jobs did not finish within 0.05 s; they keep running and can be awaited again
array(3) {
  ["done"]=>
  string(10) "done early"
  ["a"]=>
  string(1) "A"
  ["b"]=>
  string(1) "B"
}
Pogo\PogoException: handle 1 cannot be awaited here: it was already awaited, or another request dispatched it
