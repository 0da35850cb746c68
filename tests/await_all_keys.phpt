--TEST--
pogo_await_all() returns every result under its key, in the array's order (string keys, lists, sparse int keys), whatever order the jobs finish in
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=3
--FILE--
<?php
// The first key's job finishes last: the results still come in the array's order.
$h = [
    'price' => pogo_dispatch(SleepJob::class, ['ms' => 300, 'id' => 'price']),
    'tax' => pogo_dispatch(SleepJob::class, ['ms' => 100, 'id' => 'tax']),
    7 => pogo_dispatch(EchoJob::class, ['value' => ['rate' => 0.2, 'list' => [1, 2]]]),
];
var_dump(pogo_await_all($h, 30));

// A list; a null result is kept under its key.
$list = [
    pogo_dispatch(EchoJob::class, ['value' => 'zero']),
    pogo_dispatch(ResultJob::class),
    pogo_dispatch(EchoJob::class, ['value' => 2]),
];
var_dump(pogo_await_all($list, 30));

// Sparse and negative int keys keep their order; an element held by reference is read through.
$x = pogo_dispatch(EchoJob::class, ['value' => 'by reference']);
$sparse = [9 => pogo_dispatch(EchoJob::class, ['value' => 'nine']), 2 => &$x, -1 => pogo_dispatch(EchoJob::class, ['value' => 'minus one'])];
var_dump(pogo_await_all($sparse, INF));

// The default timeout.
var_dump(pogo_await_all(['only' => pogo_dispatch(EchoJob::class, ['value' => true])]));
?>
--EXPECT--
array(3) {
  ["price"]=>
  string(5) "price"
  ["tax"]=>
  string(3) "tax"
  [7]=>
  array(2) {
    ["rate"]=>
    float(0.2)
    ["list"]=>
    array(2) {
      [0]=>
      int(1)
      [1]=>
      int(2)
    }
  }
}
array(3) {
  [0]=>
  string(4) "zero"
  [1]=>
  NULL
  [2]=>
  int(2)
}
array(3) {
  [9]=>
  string(4) "nine"
  [2]=>
  string(12) "by reference"
  [-1]=>
  string(9) "minus one"
}
array(1) {
  ["only"]=>
  bool(true)
}
