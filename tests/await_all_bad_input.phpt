--TEST--
pogo_await_all() refuses a bad set before waiting (non-int elements, a handle twice, a bad timeout, unknown, used-up or another request's handles), naming the key; a refused set changes no handle
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.inner.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.inner.num_threads=1
--FILE--
<?php
$a = pogo_dispatch(EchoJob::class, ['value' => 'a']);
$b = pogo_dispatch(EchoJob::class, ['value' => 'b']);
// A handle another request (a job) dispatched, and one already used up.
$theirs = pogo_await(pogo_dispatch(FireAndForgetJob::class, [
    'class' => EchoJob::class, 'pool' => 'inner',
]), 30);
$used = pogo_dispatch(EchoJob::class, ['value' => 'used']);
pogo_await($used, 30);

$sets = [
    ['a' => $a, 'x' => 'text'],
    ['5'],
    [$a, 1.0],
    [$a, $b, null],
    ['list' => [$a]],
    [7 => true],
    [false],
    [$a, 'b' => $a],
    [3 => $b, 4 => $a, 7 => $b],
    // The first bad element in the array's order is the one reported.
    ['x' => 'text', 'y' => 99],
    ['y' => 99, 'x' => 'text'],
    ['x' => 99],
    [$a, 0],
    [$a, 'neg' => -3],
    ['theirs' => $theirs],
    [$a, $b, 'old' => $used],
    [99, 99],
];
foreach ($sets as $set) {
    try {
        var_dump(pogo_await_all($set, 30));
    } catch (ValueError | Pogo\PogoException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
foreach ([-1, -0.001, -INF, NAN] as $timeout) {
    try {
        var_dump(pogo_await_all([$a, $b], $timeout));
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// Neither $a nor $b was touched by the refused sets.
var_dump(pogo_await($a, 30), pogo_await($b, 30));
?>
--EXPECT--
ValueError: pogo_await_all(): Argument #1 ($handles) must contain only int handles, string given at key "x"
ValueError: pogo_await_all(): Argument #1 ($handles) must contain only int handles, string given at key 0
ValueError: pogo_await_all(): Argument #1 ($handles) must contain only int handles, float given at key 1
ValueError: pogo_await_all(): Argument #1 ($handles) must contain only int handles, null given at key 2
ValueError: pogo_await_all(): Argument #1 ($handles) must contain only int handles, array given at key "list"
ValueError: pogo_await_all(): Argument #1 ($handles) must contain only int handles, bool given at key 7
ValueError: pogo_await_all(): Argument #1 ($handles) must contain only int handles, bool given at key 0
ValueError: pogo_await_all(): Argument #1 ($handles) must not contain a handle twice: handle 1 is at key 0 and at key "b"
ValueError: pogo_await_all(): Argument #1 ($handles) must not contain a handle twice: handle 2 is at key 3 and at key 7
ValueError: pogo_await_all(): Argument #1 ($handles) must contain only int handles, string given at key "x"
Pogo\PogoException: unknown handle 99 at key "y": no job has this handle
Pogo\PogoException: unknown handle 99 at key "x": no job has this handle
Pogo\PogoException: unknown handle 0 at key 1: no job has this handle
Pogo\PogoException: unknown handle -3 at key "neg": no job has this handle
Pogo\PogoException: handle 4 at key "theirs" cannot be awaited here: it was already awaited, or another request dispatched it
Pogo\PogoException: handle 5 at key "old" cannot be awaited here: it was already awaited, or another request dispatched it
Pogo\PogoException: unknown handle 99 at key 0: no job has this handle
ValueError: pogo_await_all(): Argument #2 ($timeout) must be a number of seconds, 0 or more (or INF), a negative number given
ValueError: pogo_await_all(): Argument #2 ($timeout) must be a number of seconds, 0 or more (or INF), a negative number given
ValueError: pogo_await_all(): Argument #2 ($timeout) must be a number of seconds, 0 or more (or INF), a negative number given
ValueError: pogo_await_all(): Argument #2 ($timeout) must be a number of seconds, 0 or more (or INF), NAN given
string(1) "a"
string(1) "b"
