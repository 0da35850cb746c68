--TEST--
While pogo_await() waits, pcntl signal handlers run and may throw
--SKIPIF--
<?php
require __DIR__ . '/skipif.inc';
if (!extension_loaded('pcntl') || !extension_loaded('posix')) die('skip pcntl and posix needed');
?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=2
--FILE--
<?php
pcntl_async_signals(true);
pcntl_signal(SIGUSR1, function () { echo "handler ran during the wait\n"; });
pcntl_signal(SIGALRM, function () { throw new RuntimeException('alarm'); });

$h = pogo_dispatch(SleepJob::class, ['ms' => 300, 'id' => 'slept']);
posix_kill(getmypid(), SIGUSR1);
var_dump(pogo_await($h, INF));

$h = pogo_dispatch(SleepJob::class, ['ms' => 3000, 'id' => 'long']);
pcntl_alarm(1);
$start = microtime(true);
try {
    pogo_await($h, INF);
} catch (RuntimeException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
    var_dump(microtime(true) - $start < 2.5);
}
?>
--EXPECT--
handler ran during the wait
string(5) "slept"
RuntimeException: alarm
bool(true)
