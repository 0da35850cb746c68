--TEST--
pogo_settle() of jobs that all succeed: ['ok' => true, 'result' => ...] under each key, in the array's order; every handle used up; [] gives []
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=2
--FILE--
<?php
$h = [
    'slow' => pogo_dispatch(SleepJob::class, ['ms' => 200, 'id' => 'slow']),
    0 => pogo_dispatch(EchoJob::class, ['value' => [1, 2]]),
    'f' => pogo_dispatch(EchoJob::class, ['value' => 1.5]),
];
var_dump(pogo_settle($h, 30));
try {
    pogo_await($h['slow'], 0);
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(pogo_settle([pogo_dispatch(EchoJob::class, ['value' => 'default timeout'])]));
var_dump(pogo_settle([]));
?>
--EXPECT--
array(3) {
  ["slow"]=>
  array(2) {
    ["ok"]=>
    bool(true)
    ["result"]=>
    string(4) "slow"
  }
  [0]=>
  array(2) {
    ["ok"]=>
    bool(true)
    ["result"]=>
    array(2) {
      [0]=>
      int(1)
      [1]=>
      int(2)
    }
  }
  ["f"]=>
  array(2) {
    ["ok"]=>
    bool(true)
    ["result"]=>
    float(1.5)
  }
}
Pogo\PogoException: handle 1 cannot be awaited here: it was already awaited, or another request dispatched it
array(1) {
  [0]=>
  array(2) {
    ["ok"]=>
    bool(true)
    ["result"]=>
    string(15) "default timeout"
  }
}
array(0) {
}
