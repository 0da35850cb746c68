--TEST--
A custom worker's handler may return the envelope as a JSON string
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.json.worker={PWD}/fixtures/worker_json.php
pogo.pool.json.num_threads=1
--FILE--
<?php
var_dump(pogo_await(pogo_dispatch('Some\Job', ['x' => [1, 2]], 'json')));
try {
    pogo_await(pogo_dispatch('Fail', [], 'json'));
} catch (Pogo\JobException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
    var_dump($e->getCode(), $e->remoteClass, $e->remoteFile, $e->remoteLine, $e->remoteTrace);
}
?>
--EXPECT--
array(3) {
  ["worker"]=>
  string(4) "json"
  ["class"]=>
  string(8) "Some\Job"
  ["args"]=>
  array(1) {
    ["x"]=>
    array(2) {
      [0]=>
      int(1)
      [1]=>
      int(2)
    }
  }
}
Pogo\JobException: failed in the JSON worker
int(9)
string(15) "JsonWorkerError"
string(5) "w.php"
int(3)
string(0) ""
