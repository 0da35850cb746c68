--TEST--
Values cross as json_decode(json_encode()) gives them, across every size and key form of the binary transfer form; jsonSerialize() runs once
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
function json_path(mixed $v): mixed
{
    $flags = JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR;
    return json_decode(json_encode($v, $flags), true, 600, JSON_THROW_ON_ERROR);
}

$o = new stdClass();
$o->{'7'} = 'seven';
$o->{'-3'} = 'minus three';
$o->{'07'} = 'not numeric';
$o->{''} = 'empty name';
$records = [];
for ($i = 0; $i < 300; $i++) {
    // The same keys in every record, and 300 distinct ones besides.
    $records[] = ['id' => $i, 'name' => "n$i", "only$i" => $i % 2 === 0, 'score' => $i / 7];
}
$cases = [
    'integers at the size bounds' => [0, 127, 128, -128, -129, 255, 256, 65536, -2147483649, PHP_INT_MAX, PHP_INT_MIN],
    'floats' => [0.0, -0.0, 1.0, 0.1, -1.5e-300, 1.7976931348623157e308, 5e-324, 1e15, 123456789012345678.0],
    'strings at the length bounds' => ['', 'a', str_repeat('b', 255), str_repeat('c', 256), str_repeat('é', 40000)],
    'long keys' => [str_repeat('k', 255) => 1, str_repeat('l', 256) => 2, str_repeat('ü', 300) => 3],
    'a list, an array with holes, integer keys out of order' => [[1, 2, 3], [0 => 'a', 2 => 'c'], [3 => 'x', 1 => 'y']],
    'numeric property names' => $o,
    'records' => $records,
    'nested' => ['a' => ['b' => ['c' => ['d' => [null, true, false]]]]],
];
foreach ($cases as $what => $value) {
    $got = pogo_await(pogo_dispatch(EchoJob::class, ['value' => $value]));
    $want = json_path($value);
    echo $what, ': ', $got === $want && serialize($got) === serialize($want) ? 'same' : 'DIFFERENT', "\n";
}
var_dump(array_keys(pogo_await(pogo_dispatch(EchoJob::class, ['value' => $o]))));

$counted = new class () implements JsonSerializable {
    public int $calls = 0;

    public function jsonSerialize(): mixed
    {
        return ['calls' => ++$this->calls];
    }
};
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => $counted])), $counted->calls);
var_dump(pogo_await(pogo_dispatch(ResultJob::class, ['kind' => 'counted'])));
?>
--EXPECT--
integers at the size bounds: same
floats: same
strings at the length bounds: same
long keys: same
a list, an array with holes, integer keys out of order: same
numeric property names: same
records: same
nested: same
array(4) {
  [0]=>
  int(7)
  [1]=>
  int(-3)
  [2]=>
  string(2) "07"
  [3]=>
  string(0) ""
}
array(1) {
  ["calls"]=>
  int(1)
}
int(1)
array(1) {
  ["calls"]=>
  int(1)
}
