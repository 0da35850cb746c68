--TEST--
A job that throws: Pogo\JobException with the job's message and code, and remoteClass, remoteFile, remoteLine, remoteTrace
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
$h = pogo_dispatch(ThrowJob::class, ['message' => 'card declined', 'code' => 402]);
try {
    pogo_await($h);
    echo "no exception\n";
} catch (Pogo\JobException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
    var_dump($e->getCode());
    var_dump($e->remoteClass);
    var_dump($e->remoteFile === realpath(__DIR__ . '/fixtures/jobs.inc'));
    // The line of the throw statement in ThrowJob::handle().
    $lines = file(__DIR__ . '/fixtures/jobs.inc');
    var_dump(str_contains($lines[$e->remoteLine - 1], 'throw new DomainException'));
    var_dump(is_string($e->remoteTrace));
    var_dump(str_contains($e->remoteTrace, 'ThrowJob->handle('));
    // The exception is raised in this request: its own file is not the worker's.
    var_dump($e->getFile() === __FILE__);
    var_dump($e->getPrevious());
}

// An uncaught Error is a fatal error, as in a script: it breaks the worker.
try {
    pogo_await(pogo_dispatch(ErrorJob::class));
} catch (Pogo\WorkerException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

// A constructor that throws too.
try {
    pogo_await(pogo_dispatch(CtorThrowsJob::class));
} catch (Pogo\JobException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
    var_dump($e->getCode(), $e->remoteClass);
}
?>
--EXPECTF--
Pogo\JobException: card declined
int(402)
string(15) "DomainException"
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
NULL
Pogo\WorkerException: pool "default": the worker running job 2 (ErrorJob) failed: Uncaught DivisionByZeroError: Division by zero in %sjobs.inc:%d
Pogo\JobException: constructor refused
int(11)
string(24) "UnexpectedValueException"
