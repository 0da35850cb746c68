--TEST--
pogo_dispatch() accepts stdClass, JsonSerializable and backed enums in $args; the worker sees them as JSON values
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
enum Suit: string
{
    case Hearts = 'H';
    case Spades = 'S';
}

enum Level: int
{
    case High = 3;
}

final class Money implements JsonSerializable
{
    public function __construct(private int $cents, private string $currency)
    {
    }

    public function jsonSerialize(): mixed
    {
        return ['cents' => $this->cents, 'currency' => $this->currency];
    }
}

$point = new stdClass();
$point->x = 1;
$point->y = [2, 3];

$args = [
    'point' => $point,
    'money' => new Money(1999, 'EUR'),
    'suit' => Suit::Spades,
    'level' => Level::High,
    'list' => [Suit::Hearts, new Money(5, 'USD')],
    'empty' => new stdClass(),
];
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => $args])));
var_dump(pogo_await(pogo_dispatch(TypesJob::class, $args)));
?>
--EXPECT--
array(6) {
  ["point"]=>
  array(2) {
    ["x"]=>
    int(1)
    ["y"]=>
    array(2) {
      [0]=>
      int(2)
      [1]=>
      int(3)
    }
  }
  ["money"]=>
  array(2) {
    ["cents"]=>
    int(1999)
    ["currency"]=>
    string(3) "EUR"
  }
  ["suit"]=>
  string(1) "S"
  ["level"]=>
  int(3)
  ["list"]=>
  array(2) {
    [0]=>
    string(1) "H"
    [1]=>
    array(2) {
      ["cents"]=>
      int(5)
      ["currency"]=>
      string(3) "USD"
    }
  }
  ["empty"]=>
  array(0) {
  }
}
array(6) {
  ["point"]=>
  string(5) "array"
  ["money"]=>
  string(5) "array"
  ["suit"]=>
  string(6) "string"
  ["level"]=>
  string(3) "int"
  ["list"]=>
  string(5) "array"
  ["empty"]=>
  string(5) "array"
}
