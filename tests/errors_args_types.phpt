--TEST--
pogo_dispatch() refuses resources, closures, generators and first-class callables in $args, naming the path
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
function gen()
{
    yield 1;
}

$file = fopen('php://memory', 'r');
$cases = [
    'resource' => ['file' => $file],
    'closed resource' => ['list' => [1, 2, (function () { $f = fopen('php://memory', 'r'); fclose($f); return $f; })()]],
    'closure' => ['items' => [1, 2, 3, fn () => 1]],
    'first-class callable' => ['cb' => strlen(...)],
    'generator' => ['g' => gen()],
    'deep' => ['a' => ['b' => ['c' => [0 => ['d' => $file]]]]],
    'at top' => [$file],
];
foreach ($cases as $name => $args) {
    try {
        pogo_dispatch(EchoJob::class, $args);
        echo "$name: dispatched\n";
    } catch (ValueError $e) {
        echo "$name: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// Nothing was queued: the first handle is still 1.
var_dump(pogo_dispatch(EchoJob::class, ['value' => 'ok']));
var_dump(pogo_await(1));
?>
--EXPECT--
resource: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['file'] is a resource
closed resource: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['list'][2] is a resource
closure: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['items'][3] is a Closure
first-class callable: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['cb'] is a Closure
generator: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['g'] is a Generator
deep: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['a']['b']['c'][0]['d'] is a resource
at top: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args[0] is a resource
int(1)
string(2) "ok"
