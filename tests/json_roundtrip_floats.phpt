--TEST--
JSON round-trip: floats come back exactly and stay floats (1.0, -0.0, 1e300, PHP_FLOAT_EPSILON...)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
$values = [0.1, 1.0, 0.0, -0.0, 1e300, -1e300, 1.5e-300, PHP_FLOAT_EPSILON, PHP_FLOAT_MAX, PHP_FLOAT_MIN,
    1 / 3, 0.1 + 0.2, 100.0, 1e22, 1e15, -2.5, 5e-324, 9007199254740993.0];
$handles = [];
foreach ($values as $i => $v) {
    $handles[$i] = pogo_dispatch(EchoJob::class, ['value' => $v]);
}
foreach ($handles as $i => $h) {
    $back = pogo_await($h);
    $same = is_float($back) && $back === $values[$i]
        && (($back == 0.0) ? (fdiv(1, $back) === fdiv(1, $values[$i])) : true);
    printf("%-24s %s %s\n", var_export($values[$i], true), get_debug_type($back), $same ? 'same' : 'DIFFERENT: ' . var_export($back, true));
}
// Nested, as keys' values and in lists.
$nested = ['a' => [1.0, [2.0, ['c' => -0.0]]], 'sum' => 0.30000000000000004];
$back = pogo_await(pogo_dispatch(EchoJob::class, ['value' => $nested]));
var_dump($back === $nested, fdiv(1, $back['a'][1][1]['c']));
?>
--EXPECT--
0.1                      float same
1.0                      float same
0.0                      float same
-0.0                     float same
1.0E+300                 float same
-1.0E+300                float same
1.5E-300                 float same
2.220446049250313E-16    float same
1.7976931348623157E+308  float same
2.2250738585072014E-308  float same
0.3333333333333333       float same
0.30000000000000004      float same
100.0                    float same
1.0E+22                  float same
1000000000000000.0       float same
-2.5                     float same
5.0E-324                 float same
9007199254740992.0       float same
bool(true)
float(-INF)
