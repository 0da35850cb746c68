--TEST--
After pogo_await_all() succeeds every handle is used up: pogo_await(), pogo_await_all(), pogo_await_any() and pogo_settle() of them throw Pogo\PogoException naming the handle (and its key)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=2
--FILE--
<?php
$h = ['x' => pogo_dispatch(EchoJob::class, ['value' => 'x']), 5 => pogo_dispatch(EchoJob::class, ['value' => 'y'])];
var_dump(pogo_await_all($h, 30));
$calls = [
    'pogo_await' => fn () => pogo_await($h[5], 0),
    'pogo_await_all' => fn () => pogo_await_all($h, 0),
    'pogo_await_any' => fn () => pogo_await_any([5 => $h[5]], 0),
    'pogo_settle' => fn () => pogo_settle($h, 0),
];
foreach ($calls as $name => $call) {
    try {
        $call();
        echo "$name: no exception\n";
    } catch (Pogo\PogoException $e) {
        echo "$name: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// A used-up handle in a set with a live one: the set is refused and the live one untouched.
$live = pogo_dispatch(EchoJob::class, ['value' => 'live']);
try {
    pogo_await_all(['live' => $live, 'old' => $h['x']], 30);
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(pogo_await($live, 30));
?>
--EXPECT--
array(2) {
  ["x"]=>
  string(1) "x"
  [5]=>
  string(1) "y"
}
pogo_await: Pogo\PogoException: handle 2 cannot be awaited here: it was already awaited, or another request dispatched it
pogo_await_all: Pogo\PogoException: handle 1 at key "x" cannot be awaited here: it was already awaited, or another request dispatched it
pogo_await_any: Pogo\PogoException: handle 2 at key 5 cannot be awaited here: it was already awaited, or another request dispatched it
pogo_settle: Pogo\PogoException: handle 1 at key "x" cannot be awaited here: it was already awaited, or another request dispatched it
Pogo\PogoException: handle 1 at key "old" cannot be awaited here: it was already awaited, or another request dispatched it
string(4) "live"
