--TEST--
max_wait: a job that waits longer than max_wait for a free thread fails with Pogo\PoolException and never runs
--SKIPIF--
<?php
require __DIR__ . '/skipif.inc';
// Timing or throughput: set under sanitizers and valgrind (run-tests.php --asan, tools/sanitize.sh).
if (getenv('SKIP_PERF_SENSITIVE')) die('skip timing-sensitive');
?>
--INI--
pogo.pool.tight.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.tight.num_threads=1
pogo.pool.tight.max_wait=100ms
--FILE--
<?php
$marker = sys_get_temp_dir() . '/pogo-max-wait-' . getmypid() . '.marker';
@unlink($marker);

// Occupy the only thread for 1 s, then queue a job behind it.
$busy = pogo_dispatch(SleepJob::class, ['ms' => 1000, 'id' => 'busy'], 'tight');
usleep(100000); // let the thread take the busy job
$queued = pogo_dispatch(MarkerJob::class, ['path' => $marker], 'tight');
try {
    var_dump(pogo_await($queued, 5));
    echo "the queued job ran\n";
} catch (Pogo\PoolException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(pogo_await($busy, 5));
// The expired job is used up and never runs, even once the thread is free.
try {
    pogo_await($queued, 0);
} catch (Pogo\PogoException $e) {
    echo get_class($e), "\n";
}
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'pool still works'], 'tight'), 5));
var_dump(file_exists($marker));
@unlink($marker);
?>
--EXPECT--
Pogo\PoolException: pool "tight": job 2 (MarkerJob) waited longer than max_wait (100ms) for a free worker and was not run
string(4) "busy"
Pogo\PogoException
string(16) "pool still works"
bool(false)
