--TEST--
A custom worker answering something that is not an envelope gives Pogo\WorkerException; the worker carries on
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.broken.worker={PWD}/fixtures/worker_broken.php
pogo.pool.broken.num_threads=1
--FILE--
<?php
$cases = ['NoOk', 'NotJson', 'OkNotBool', 'NoResult', 'NoError', 'ErrorNotString', 'ExceptionNotObject',
    'ExceptionBadField', 'NotAnObject', 'Scalar', 'Empty'];
foreach ($cases as $class) {
    try {
        var_dump(pogo_await(pogo_dispatch($class, [], 'broken')));
    } catch (Pogo\WorkerException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump(pogo_await(pogo_dispatch('Good', [], 'broken')));
?>
--EXPECT--
Pogo\WorkerException: pool "broken": the worker answered job 1 (NoOk) with an invalid envelope: "ok" is missing or not a boolean
Pogo\WorkerException: pool "broken": the worker answered job 2 (NotJson) with an invalid envelope: not JSON (syntax error)
Pogo\WorkerException: pool "broken": the worker answered job 3 (OkNotBool) with an invalid envelope: "ok" is missing or not a boolean
Pogo\WorkerException: pool "broken": the worker answered job 4 (NoResult) with an invalid envelope: "ok" is true but "result" is missing
Pogo\WorkerException: pool "broken": the worker answered job 5 (NoError) with an invalid envelope: "ok" is false but "error" is missing or not a string
Pogo\WorkerException: pool "broken": the worker answered job 6 (ErrorNotString) with an invalid envelope: "ok" is false but "error" is missing or not a string
Pogo\WorkerException: pool "broken": the worker answered job 7 (ExceptionNotObject) with an invalid envelope: "exception" is not an object
Pogo\WorkerException: pool "broken": the worker answered job 8 (ExceptionBadField) with an invalid envelope: "exception" has a field of the wrong type
Pogo\WorkerException: pool "broken": the worker answered job 9 (NotAnObject) with an invalid envelope: "ok" is missing or not a boolean
Pogo\WorkerException: pool "broken": the worker answered job 10 (Scalar) with an invalid envelope: not a JSON object
Pogo\WorkerException: pool "broken": the worker answered job 11 (Empty) with an invalid envelope: not JSON (syntax error)
string(4) "fine"
