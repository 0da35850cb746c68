--TEST--
max_wait only limits the wait for a free thread: a job taken in time may run longer, and awaiting late is fine
--SKIPIF--
<?php
require __DIR__ . '/skipif.inc';
// Timing or throughput: set under sanitizers and valgrind (run-tests.php --asan, tools/sanitize.sh).
if (getenv('SKIP_PERF_SENSITIVE')) die('skip timing-sensitive');
?>
--INI--
pogo.pool.tight.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.tight.num_threads=2
pogo.pool.tight.max_wait=500ms
--FILE--
<?php
// Both jobs get a thread at once; they run longer than max_wait.
$a = pogo_dispatch(SleepJob::class, ['ms' => 700, 'id' => 'a'], 'tight');
$b = pogo_dispatch(SleepJob::class, ['ms' => 700, 'id' => 'b'], 'tight');
var_dump(pogo_await($a, 5), pogo_await($b, 5));
// Awaited long after max_wait: the job was run in time, its result waits.
$c = pogo_dispatch(EchoJob::class, ['value' => 'c'], 'tight');
usleep(800000);
var_dump(pogo_await($c, 5));
?>
--EXPECT--
string(1) "a"
string(1) "b"
string(1) "c"
