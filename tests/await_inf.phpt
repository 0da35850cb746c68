--TEST--
pogo_await($h, INF) waits without limit; the default timeout is 5 s
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
$h = pogo_dispatch(SleepJob::class, ['ms' => 300, 'id' => 'inf']);
var_dump(pogo_await($h, INF));
$h = pogo_dispatch(SleepJob::class, ['ms' => 300, 'id' => 'huge']);
var_dump(pogo_await($h, 1e300));
// The default timeout is long enough for a 300 ms job.
$h = pogo_dispatch(SleepJob::class, ['ms' => 300, 'id' => 'default']);
var_dump(pogo_await($h));
// An int timeout is accepted as seconds.
$h = pogo_dispatch(SleepJob::class, ['ms' => 100, 'id' => 'int']);
var_dump(pogo_await($h, 3));
$f = new ReflectionFunction('pogo_await');
var_dump($f->getParameters()[1]->getDefaultValue());
?>
--EXPECT--
string(3) "inf"
string(4) "huge"
string(7) "default"
string(3) "int"
float(5)
