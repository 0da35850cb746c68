--TEST--
A busy pool does not delay a job on another pool
--SKIPIF--
<?php
require __DIR__ . '/skipif.inc';
// Timing or throughput: set under sanitizers and valgrind (run-tests.php --asan, tools/sanitize.sh).
if (getenv('SKIP_PERF_SENSITIVE')) die('skip timing-sensitive');
?>
--INI--
pogo.pool.busy.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.busy.num_threads=1
pogo.pool.free.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.free.num_threads=1
--FILE--
<?php
var_dump(pogo_pool_size('busy'), pogo_pool_size('free'));
$start = hrtime(true);
$busy = pogo_dispatch(SleepJob::class, ['ms' => 1000, 'id' => 'busy'], 'busy');
// Queued behind the busy job on its own pool: it cannot run before it.
$behind = pogo_dispatch(EchoJob::class, ['value' => 'behind'], 'busy');
$free = pogo_dispatch(EchoJob::class, ['value' => 'free'], 'free');

var_dump(pogo_await($free, 10));
$freeDone = (hrtime(true) - $start) / 1e9;
try {
    pogo_await($busy, 0);
    echo "the busy job finished before the free pool's job\n";
} catch (Pogo\TimeoutException $e) {
    echo "busy job still running\n";
}
try {
    pogo_await($behind, 0);
    echo "the busy pool's second job ran early\n";
} catch (Pogo\TimeoutException $e) {
    echo "busy pool still busy\n";
}
var_dump(pogo_await($busy, 10));
var_dump(pogo_await($behind, 10));
$busyDone = (hrtime(true) - $start) / 1e9;

// The free pool's job finished well before the 1 s job.
var_dump($freeDone < $busyDone / 2);
var_dump($busyDone >= 0.9);
?>
--EXPECT--
int(1)
int(1)
string(4) "free"
busy job still running
busy pool still busy
string(4) "busy"
string(6) "behind"
bool(true)
bool(true)
