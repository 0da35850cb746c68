--TEST--
pogo_await_any() with no job finished by the deadline throws a TimeoutException; every handle stays awaitable
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/fanin_jobs.inc
pogo.pool.default.num_threads=2
--FILE--
<?php
require __DIR__ . '/fixtures/fanin_jobs.inc';
$gate = fanin_gate('await-any-timeout');
$h = [
    'a' => pogo_dispatch(GateJob::class, ['gate' => $gate, 'id' => 'A']),
    'b' => pogo_dispatch(GateJob::class, ['gate' => $gate, 'id' => 'B']),
];
foreach ([0.2, 0, 0.05] as $timeout) {
    try {
        var_dump(pogo_await_any($h, $timeout));
    } catch (Pogo\TimeoutException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    pogo_await_any([$h['a']], 0.01);
} catch (Pogo\TimeoutException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
fanin_open($gate);
var_dump(in_array(pogo_await_any($h, 30), ['a', 'b'], true));
var_dump(pogo_await_all($h, 30));
?>
--EXPECT--
Pogo\TimeoutException: none of the 2 jobs finished within 0.2 s; they keep running and can be awaited again
Pogo\TimeoutException: none of the 2 jobs finished within 0 s; they keep running and can be awaited again
Pogo\TimeoutException: none of the 2 jobs finished within 0.05 s; they keep running and can be awaited again
Pogo\TimeoutException: none of the 1 jobs finished within 0.01 s; they keep running and can be awaited again
bool(true)
array(2) {
  ["a"]=>
  string(1) "A"
  ["b"]=>
  string(1) "B"
}
