--TEST--
A custom worker's handler that throws, returns a non-envelope, or a result that is not JSON-encodable
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.custom.worker={PWD}/fixtures/worker_array.php
pogo.pool.custom.num_threads=1
--FILE--
<?php
// The handler threw: JobException with that exception's details.
try {
    pogo_await(pogo_dispatch('Throw', [], 'custom'));
} catch (Pogo\JobException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
    var_dump($e->getCode(), $e->remoteClass, basename($e->remoteFile), $e->remoteLine > 0);
}
// The handler returned an int: not an envelope.
try {
    pogo_await(pogo_dispatch('BadReturn', [], 'custom'));
} catch (Pogo\WorkerException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
// A result JSON cannot hold: the same rule as the built-in worker.
try {
    pogo_await(pogo_dispatch('BadResult', [], 'custom'));
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(pogo_await(pogo_dispatch('Fine', [], 'custom'))['class']);
?>
--EXPECT--
Pogo\JobException: thrown by the handler
int(5)
string(14) "LogicException"
string(16) "worker_array.php"
bool(true)
Pogo\WorkerException: pool "custom": the worker running job 2 (BadReturn) failed: the handler returned int; expected an envelope array or its JSON string
Pogo\JobException: the result of BadResult::handle() is not JSON-encodable: $result['x'] is INF (JSON has no INF)
string(4) "Fine"
