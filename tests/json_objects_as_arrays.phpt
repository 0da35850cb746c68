--TEST--
JSON objects come back as arrays: stdClass in $args and in results, JsonSerializable, backed enums
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
// A job returning a stdClass with nested stdClass objects.
var_dump(pogo_await(pogo_dispatch(ResultJob::class, ['kind' => 'stdclass'])));
// An empty stdClass and an empty array both come back as [].
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => [new stdClass(), []]])));
// Numeric property names become integer keys, as json_decode(..., true) does.
$o = new stdClass();
$o->{'12'} = 'twelve';
$o->name = 'n';
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => $o])));
?>
--EXPECT--
array(3) {
  ["name"]=>
  string(4) "pogo"
  ["list"]=>
  array(2) {
    [0]=>
    int(1)
    [1]=>
    int(2)
  }
  ["inner"]=>
  array(1) {
    ["empty"]=>
    array(0) {
    }
  }
}
array(2) {
  [0]=>
  array(0) {
  }
  [1]=>
  array(0) {
  }
}
array(2) {
  [12]=>
  string(6) "twelve"
  ["name"]=>
  string(1) "n"
}
