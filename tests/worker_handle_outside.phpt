--TEST--
pogo_worker_handle() outside a worker script, or from inside a job, throws Pogo\PogoException
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.custom.worker={PWD}/fixtures/worker_array.php
pogo.pool.custom.num_threads=1
--FILE--
<?php
$called = false;
try {
    pogo_worker_handle(function (array $payload) use (&$called) {
        $called = true;
        return ['ok' => true, 'result' => null];
    });
    echo "returned\n";
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($called);

// From a job run by the built-in worker.
try {
    pogo_await(pogo_dispatch(NestedHandleJob::class));
} catch (Pogo\JobException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
    var_dump($e->remoteClass);
}
// From a custom worker's handler.
try {
    pogo_await(pogo_dispatch('Nested', [], 'custom'));
} catch (Pogo\JobException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
// Both workers carry on.
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'ok'])));
var_dump(pogo_await(pogo_dispatch('Ok', [], 'custom'))['class']);
?>
--EXPECT--
Pogo\PogoException: pogo_worker_handle() works only in a Pogo worker script (a pool's worker directive)
bool(false)
Pogo\JobException: pogo_worker_handle() cannot be called from inside a job's handler
string(18) "Pogo\PogoException"
Pogo\JobException: pogo_worker_handle() cannot be called from inside a job's handler
string(2) "ok"
string(2) "Ok"
