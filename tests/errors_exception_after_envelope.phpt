--TEST--
An exception raised after a job's envelope is made (a throwing destructor of its result or of its exception, a message that is not a string) never reaches the next job
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
foreach (['result destructor', 'exception destructor', 'array message'] as $how) {
    try {
        $r = pogo_await(pogo_dispatch(LeftoverExceptionJob::class, ['how' => $how]), 10);
        echo "$how: ", json_encode($r), "\n";
    } catch (Pogo\PogoException $e) {
        echo "$how: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
    // The same thread runs the next job.
    echo '  next job: ', pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'fine']), 10), "\n";
}
?>
--EXPECTF--
result destructor: "result"
  next job: fine
exception destructor: Pogo\JobException: the job failed
  next job: fine
array message: Pogo\JobException: (the message of this RuntimeException@anonymous is array, not a string)
  next job: fine
