--TEST--
pogo_dispatch() with an empty (or non-UTF-8) class name throws ValueError and queues nothing
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
foreach (['', "\xff\xfe"] as $class) {
    try {
        pogo_dispatch($class, ['value' => 1]);
        echo "dispatched\n";
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// No handle was used up.
var_dump(pogo_dispatch(EchoJob::class, ['value' => 'first']));
var_dump(pogo_await(1));
?>
--EXPECT--
ValueError: pogo_dispatch(): Argument #1 ($class) must be the name of a class implementing Pogo\JobInterface
ValueError: pogo_dispatch(): Argument #1 ($class) must be JSON-compatible: $class is not valid UTF-8
int(1)
string(5) "first"
