--TEST--
pogo_await() with a negative or NAN timeout throws ValueError; the handle stays awaitable
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
$h = pogo_dispatch(EchoJob::class, ['value' => 'still here']);
foreach ([-1, -0.001, -INF, NAN] as $timeout) {
    try {
        pogo_await($h, $timeout);
        echo "accepted\n";
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump(pogo_await($h));

// Also for an unknown handle, the timeout is checked first.
try {
    pogo_await(999, -5);
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
ValueError: pogo_await(): Argument #2 ($timeout) must be a number of seconds, 0 or more (or INF), a negative number given
ValueError: pogo_await(): Argument #2 ($timeout) must be a number of seconds, 0 or more (or INF), a negative number given
ValueError: pogo_await(): Argument #2 ($timeout) must be a number of seconds, 0 or more (or INF), a negative number given
ValueError: pogo_await(): Argument #2 ($timeout) must be a number of seconds, 0 or more (or INF), NAN given
string(10) "still here"
ValueError: pogo_await(): Argument #2 ($timeout) must be a number of seconds, 0 or more (or INF), a negative number given
