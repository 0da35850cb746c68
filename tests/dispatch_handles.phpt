--TEST--
Handles come from one process-wide counter: they start at 1, are unique across pools and never reused
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.other.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.other.num_threads=1
--FILE--
<?php
$handles = [];
$handles[] = pogo_dispatch(EchoJob::class, ['value' => 'a']);
$handles[] = pogo_dispatch(EchoJob::class, ['value' => 'b'], 'other');
$handles[] = pogo_dispatch(EchoJob::class, ['value' => 'c'], 'default');
$handles[] = pogo_dispatch(EchoJob::class, ['value' => 'd'], 'other');
var_dump($handles);

// Awaiting does not free a handle number for reuse.
foreach ($handles as $h) {
    echo $h, ' => ', pogo_await($h), "\n";
}
var_dump(pogo_dispatch(EchoJob::class, [], 'other'));
var_dump(pogo_dispatch(EchoJob::class));
?>
--EXPECT--
array(4) {
  [0]=>
  int(1)
  [1]=>
  int(2)
  [2]=>
  int(3)
  [3]=>
  int(4)
}
1 => a
2 => b
3 => c
4 => d
int(5)
int(6)
