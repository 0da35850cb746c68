--TEST--
pogo_await_all() where jobs fail throws the first failed job's exception in the array's order (not in time), as pogo_await() would; only that handle is used up, the others give their outcome at once
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--CAPTURE_STDIO--
STDIN STDOUT
--FILE--
<?php
// One thread runs the jobs in dispatch order: "second" fails before "first".
$second = pogo_dispatch(ThrowJob::class, ['message' => 'second failure']);
$first = pogo_dispatch(ThrowJob::class, ['message' => 'first failure', 'code' => 7]);
$ok = pogo_dispatch(EchoJob::class, ['value' => 'fine']);
$h = ['ok' => $ok, 'first' => $first, 'second' => $second];
try {
    var_dump(pogo_await_all($h, 30));
} catch (Pogo\JobException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
    var_dump($e->getCode(), $e->remoteClass);
}
// The thrown job's handle is used up; the others are finished and not used up.
try {
    pogo_await($first, 0);
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(pogo_await($ok, 0));
try {
    pogo_await($second, 0);
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

// A job that breaks its worker: its WorkerException.
$h = [
    pogo_dispatch(EchoJob::class, ['value' => 'a']),
    pogo_dispatch(UndefinedFunctionJob::class),
    pogo_dispatch(EchoJob::class, ['value' => 'c']),
];
try {
    var_dump(pogo_await_all($h, 30));
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(pogo_await_all([$h[0], 2 => $h[2]], 0));
try {
    pogo_await_all($h, 0);
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECTF--
Pogo\JobException: first failure
int(7)
string(15) "DomainException"
Pogo\PogoException: handle 2 cannot be awaited here: it was already awaited, or another request dispatched it
string(4) "fine"
Pogo\JobException: second failure
Pogo\WorkerException: pool "default": the worker running job 5 (UndefinedFunctionJob) failed: Uncaught Error: Call to undefined function no_such_function_anywhere() in %sjobs.inc:%d
array(2) {
  [0]=>
  string(1) "a"
  [2]=>
  string(1) "c"
}
Pogo\PogoException: handle 4 at key 0 cannot be awaited here: it was already awaited, or another request dispatched it
