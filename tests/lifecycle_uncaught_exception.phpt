--TEST--
A script that dies of an uncaught exception with jobs queued and running shuts down cleanly
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'warm'])));
for ($i = 0; $i < 20; $i++) {
    pogo_dispatch(SleepJob::class, ['ms' => 50]);
}
throw new LogicException('the script gives up');
?>
--EXPECTF--
string(4) "warm"

Fatal error: Uncaught LogicException: the script gives up in %s:%d
Stack trace:
#0 {main}
  thrown in %s on line %d
