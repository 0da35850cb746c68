--TEST--
pogo_dispatch() refuses INF, -INF and NAN in $args (JSON has none), naming the path
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
$o = new stdClass();
$o->ratio = NAN;
$cases = [
    ['x' => INF],
    ['nested' => ['y' => [1.0, -INF]]],
    ['n' => NAN],
    ['obj' => $o],
    [fdiv(0, 0)],
];
foreach ($cases as $args) {
    try {
        pogo_dispatch(EchoJob::class, $args);
        echo "dispatched\n";
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump(pogo_dispatch(EchoJob::class, ['value' => PHP_FLOAT_MAX]));
var_dump(pogo_await(1) === PHP_FLOAT_MAX);
?>
--EXPECT--
ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['x'] is INF (JSON has no INF)
ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['nested']['y'][1] is INF (JSON has no INF)
ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['n'] is NAN (JSON has no NAN)
ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['obj']->ratio is NAN (JSON has no NAN)
ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args[0] is NAN (JSON has no NAN)
int(1)
bool(true)
