--TEST--
JSON round-trip: nested arrays, empty arrays, lists and integer-keyed arrays keep their keys and order
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
$values = [
    'empty' => [],
    'list' => [1, 'two', 3.0, null, true],
    'sparse int keys' => [5 => 'a', 9 => 'b'],
    'negative key' => [-3 => 'neg', 0 => 'zero'],
    'unordered int keys' => [2 => 'c', 0 => 'a', 1 => 'b'],
    'starts at 1' => [1 => 'one', 2 => 'two'],
    'mixed keys' => ['x' => 1, 7 => 'seven', 'y' => [8 => [], 'z' => []]],
    'nested' => ['a' => ['b' => ['c' => ['d' => ['e' => 'deep']]]]],
    'list of empties' => [[], [[]], ['k' => []]],
    'big int key' => [PHP_INT_MAX => 'max'],
];
foreach ($values as $name => $v) {
    $back = pogo_await(pogo_dispatch(EchoJob::class, ['value' => $v]));
    echo $name, ': ', $back === $v ? 'same' : 'DIFFERENT ' . var_export($back, true), "\n";
}
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => [5 => 'a', 9 => 'b']])));
// $args itself keeps int keys as well.
var_dump(pogo_await(pogo_dispatch(EchoJob::class, [3 => 'x', 1 => 'y'])));
?>
--EXPECT--
empty: same
list: same
sparse int keys: same
negative key: same
unordered int keys: same
starts at 1: same
mixed keys: same
nested: same
list of empties: same
big int key: same
array(2) {
  [5]=>
  string(1) "a"
  [9]=>
  string(1) "b"
}
array(2) {
  [3]=>
  string(1) "x"
  [1]=>
  string(1) "y"
}
