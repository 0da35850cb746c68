--TEST--
pogo_dispatch() refuses objects other than stdClass, JsonSerializable and backed enums, and non-backed enum cases
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
enum Status
{
    case Active;
}

final class Plain
{
    public int $x = 1;
}

$o = new stdClass();
$o->when = new DateTimeImmutable('2020-01-01');

$cases = [
    'DateTime' => ['when' => new DateTime('2020-01-01')],
    'user class' => ['p' => new Plain()],
    'ArrayObject' => ['list' => [new ArrayObject([1])]],
    'non-backed enum' => ['status' => Status::Active],
    'inside stdClass' => ['o' => $o],
];
foreach ($cases as $name => $args) {
    try {
        pogo_dispatch(EchoJob::class, $args);
        echo "$name: dispatched\n";
    } catch (ValueError $e) {
        echo "$name: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump(pogo_dispatch(EchoJob::class, ['value' => 'ok']));
var_dump(pogo_await(1));
?>
--EXPECT--
DateTime: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['when'] is an object of class DateTime (only stdClass, JsonSerializable and backed enums are allowed)
user class: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['p'] is an object of class Plain (only stdClass, JsonSerializable and backed enums are allowed)
ArrayObject: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['list'][0] is an object of class ArrayObject (only stdClass, JsonSerializable and backed enums are allowed)
non-backed enum: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['status'] is a case of the non-backed enum Status
inside stdClass: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['o']->when is an object of class DateTimeImmutable (only stdClass, JsonSerializable and backed enums are allowed)
int(1)
string(2) "ok"
