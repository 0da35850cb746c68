--TEST--
What a JsonSerializable in $args returns follows the same rules; an exception from jsonSerialize() reaches the caller
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
final class Wraps implements JsonSerializable
{
    public function __construct(private mixed $value)
    {
    }

    public function jsonSerialize(): mixed
    {
        return ['wrapped' => $this->value];
    }
}

final class Throws implements JsonSerializable
{
    public function jsonSerialize(): mixed
    {
        throw new LogicException('cannot serialize', 3);
    }
}

$cases = [
    'NAN' => new Wraps(NAN),
    'resource' => new Wraps(fopen('php://memory', 'r')),
    'closure' => new Wraps(fn () => 1),
    'DateTime' => new Wraps(new DateTime('2020-01-01')),
];
foreach ($cases as $name => $value) {
    try {
        pogo_dispatch(EchoJob::class, ['x' => $value]);
        echo "$name: dispatched\n";
    } catch (ValueError $e) {
        echo "$name: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    pogo_dispatch(EchoJob::class, ['x' => new Throws()]);
    echo "dispatched\n";
} catch (LogicException $e) {
    echo get_class($e), ': ', $e->getMessage(), ' (', $e->getCode(), ")\n";
}
// None of them was queued: the next handle is the first.
$h = pogo_dispatch(EchoJob::class, ['value' => new Wraps([1.5, 'x'])]);
var_dump($h);
var_dump(pogo_await($h));
?>
--EXPECTF--
NAN: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['x']['wrapped'] is NAN (JSON has no NAN)
resource: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['x']['wrapped'] is a resource
closure: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['x']['wrapped'] is a Closure
DateTime: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['x']['wrapped'] is an object of class DateTime (only stdClass, JsonSerializable and backed enums are allowed)
LogicException: cannot serialize (3)
int(1)
array(1) {
  ["wrapped"]=>
  array(2) {
    [0]=>
    float(1.5)
    [1]=>
    string(1) "x"
  }
}
