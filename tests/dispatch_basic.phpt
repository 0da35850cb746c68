--TEST--
pogo_dispatch() returns increasing handles and pogo_await() the job's result
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=2
--FILE--
<?php
$a = pogo_dispatch(EchoJob::class, ['value' => 'hello']);
$b = pogo_dispatch(EchoJob::class, ['value' => [1, 2, 3]]);
var_dump($b === $a + 1);
var_dump(pogo_await($a));
var_dump(pogo_await($b, 2.0));
?>
--EXPECT--
bool(true)
string(5) "hello"
array(3) {
  [0]=>
  int(1)
  [1]=>
  int(2)
  [2]=>
  int(3)
}
