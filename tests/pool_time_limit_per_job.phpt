--TEST--
A time limit that a job sets (set_time_limit(), ini_set('max_execution_time')) ends with that job: the next job on the thread is not interrupted by it
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
foreach ([false, true] as $ini) {
    echo $ini ? 'ini_set: ' : 'set_time_limit: ', pogo_await(pogo_dispatch(TimeLimitJob::class, ['seconds' => 1, 'ini' => $ini])), "\n";
    // 1.5 s later the limit of the job before would have fired in this one.
    echo '  next job: ', pogo_await(pogo_dispatch(SleepJob::class, ['ms' => 1500, 'id' => 'slept']), 10), "\n";
}
?>
--EXPECT--
set_time_limit: 1
  next job: slept
ini_set: 1
  next job: slept
