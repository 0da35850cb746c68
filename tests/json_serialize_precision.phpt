--TEST--
A low serialize_precision (or precision) in the request does not make floats lose precision on the way
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
serialize_precision=5
precision=5
--FILE--
<?php
var_dump(ini_get('serialize_precision'));
// json_encode() in this request is affected...
var_dump(json_encode(0.1 + 0.2));
// ...but Pogo's payloads and results are not.
$values = [0.1 + 0.2, 1 / 3, M_PI, 123456.789012345, 1.0, PHP_FLOAT_EPSILON, 1e300];
$back = pogo_await(pogo_dispatch(EchoJob::class, ['value' => $values]));
var_dump($back === $values);
foreach ($back as $i => $f) {
    echo $i, ': ', $f === $values[$i] ? 'exact' : 'LOST', "\n";
}
// And the setting itself is left as it was.
var_dump(ini_get('serialize_precision'), json_encode(0.1 + 0.2));
?>
--EXPECT--
string(1) "5"
string(3) "0.3"
bool(true)
0: exact
1: exact
2: exact
3: exact
4: exact
5: exact
6: exact
string(1) "5"
string(3) "0.3"
