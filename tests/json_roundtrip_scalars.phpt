--TEST--
JSON round-trip: booleans, null, integers up to PHP_INT_MAX and PHP_INT_MIN come back identical
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
$values = [true, false, null, 0, 1, -1, 42, PHP_INT_MAX, PHP_INT_MIN, PHP_INT_MAX - 1, 2 ** 53 + 1, -(2 ** 53) - 1];
$handles = [];
foreach ($values as $i => $v) {
    // Wrapped in a list so that null is a value, not a missing key.
    $handles[$i] = pogo_dispatch(EchoJob::class, ['value' => [$v]]);
}
foreach ($handles as $i => $h) {
    $back = pogo_await($h)[0];
    echo var_export($values[$i], true), ' => ';
    var_dump($back);
    if ($back !== $values[$i]) {
        echo "  MISMATCH\n";
    }
}
// The whole set at once, and as $args directly.
var_dump(pogo_await(pogo_dispatch(EchoJob::class, $values)) === $values);
?>
--EXPECT--
true => bool(true)
false => bool(false)
NULL => NULL
0 => int(0)
1 => int(1)
-1 => int(-1)
42 => int(42)
9223372036854775807 => int(9223372036854775807)
-9223372036854775807-1 => int(-9223372036854775808)
9223372036854775806 => int(9223372036854775806)
9007199254740993 => int(9007199254740993)
-9007199254740993 => int(-9007199254740993)
bool(true)
