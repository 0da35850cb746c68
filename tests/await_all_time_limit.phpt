--TEST--
The request's own max_execution_time still fires while it waits in pogo_await_all()
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=2
--FILE--
<?php
set_time_limit(1);
echo "waiting\n";
pogo_await_all([pogo_dispatch(SleepJob::class, ['ms' => 3000]), pogo_dispatch(SleepJob::class, ['ms' => 3000])], INF);
echo "not reached\n";
?>
--EXPECTF--
waiting

Fatal error: Maximum execution time of 1 second exceeded in %s on line %d
