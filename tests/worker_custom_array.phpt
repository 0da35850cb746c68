--TEST--
A custom worker script (pool worker directive) serves jobs with pogo_worker_handle(), answering envelope arrays
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.custom.worker={PWD}/fixtures/worker_array.php
pogo.pool.custom.num_threads=1
--FILE--
<?php
// The class does not need to exist anywhere: the worker script decides.
$h = pogo_dispatch('Any\Job', ['n' => 1, 'list' => [1.0, 'é']], 'custom');
var_dump(pogo_await($h));
$handles = [];
for ($i = 0; $i < 5; $i++) {
    $handles[] = pogo_dispatch('Job' . $i, ['i' => $i], 'custom');
}
foreach ($handles as $i => $h) {
    $r = pogo_await($h);
    echo $r['worker'], ' ', $r['class'], ' ', $r['args']['i'], "\n";
}
?>
--EXPECT--
array(3) {
  ["worker"]=>
  string(5) "array"
  ["class"]=>
  string(7) "Any\Job"
  ["args"]=>
  array(2) {
    ["n"]=>
    int(1)
    ["list"]=>
    array(2) {
      [0]=>
      float(1)
      [1]=>
      string(2) "é"
    }
  }
}
array Job0 0
array Job1 1
array Job2 2
array Job3 3
array Job4 4
