--TEST--
pogo_dispatch() refuses recursive arrays and objects, naming the path
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
function attempt(string $name, array $args): void
{
    try {
        pogo_dispatch(EchoJob::class, $args);
        echo "$name: dispatched\n";
    } catch (ValueError $e) {
        echo "$name: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}

$a = [];
$a['x'] = &$a;
attempt('array itself', $a);
attempt('array inside', ['data' => $a]);

$o = new stdClass();
$o->self = $o;
attempt('stdClass', ['o' => $o]);

$p = new stdClass();
$p->child = new stdClass();
$p->child->list = [1, $p];
attempt('stdClass cycle', ['p' => $p]);

// The same object twice, with no cycle, is fine.
$shared = new stdClass();
$shared->v = 1;
var_dump(pogo_dispatch(EchoJob::class, ['value' => [$shared, $shared]]));
var_dump(pogo_await(1));
?>
--EXPECT--
array itself: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['x'] is a recursive reference
array inside: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['data']['x'] is a recursive reference
stdClass: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['o']->self is a recursive reference
stdClass cycle: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['p']->child->list[1] is a recursive reference
int(1)
array(2) {
  [0]=>
  array(1) {
    ["v"]=>
    int(1)
  }
  [1]=>
  array(1) {
    ["v"]=>
    int(1)
  }
}
