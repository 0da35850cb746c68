--TEST--
A jsonSerialize() that returns a new JsonSerializable every time is refused after 512 of them (ext/json would recurse until the stack ran out); a chain within the limit crosses
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
final class Endless implements JsonSerializable
{
    public function jsonSerialize(): mixed
    {
        return new Endless();
    }
}

final class Countdown implements JsonSerializable
{
    public function __construct(private int $left)
    {
    }

    public function jsonSerialize(): mixed
    {
        return $this->left === 0 ? 'bottom' : new Countdown($this->left - 1);
    }
}

try {
    pogo_dispatch(EchoJob::class, ['value' => new Endless()]);
    echo "dispatched\n";
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => new Countdown(500)])));
?>
--EXPECT--
ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['value'] nests deeper than 512 levels
string(6) "bottom"
