--TEST--
A class that is not a Pogo\JobInterface, or that the worker cannot create with no arguments, fails with Pogo\JobException
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
foreach ([NotAJob::class, 'ArrayObject', CtorArgsJob::class, PrivateCtorJob::class, AbstractJob::class, 'Pogo\JobInterface'] as $class) {
    try {
        var_dump(pogo_await(pogo_dispatch($class)));
    } catch (Pogo\JobException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
Pogo\JobException: class "NotAJob" does not implement Pogo\JobInterface
Pogo\JobException: class "ArrayObject" does not implement Pogo\JobInterface
Pogo\JobException: CtorArgsJob::__construct() must be public and take no required arguments: a job is created with none
Pogo\JobException: PrivateCtorJob::__construct() must be public and take no required arguments: a job is created with none
Pogo\JobException: class "AbstractJob" cannot be instantiated
Pogo\JobException: class "Pogo\JobInterface" cannot be instantiated
