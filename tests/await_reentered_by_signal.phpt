--TEST--
A signal handler that awaits the handle the interrupted pogo_await() waits for gets a PogoException; the outer await then returns the result once
--SKIPIF--
<?php
require __DIR__ . '/skipif.inc';
if (!function_exists('pcntl_async_signals') || !function_exists('posix_kill')) {
    die('skip pcntl and posix needed');
}
?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.signal.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.signal.num_threads=1
--FILE--
<?php
pcntl_async_signals(true);
$h = pogo_dispatch(SleepJob::class, ['ms' => 400, 'id' => 'result']);
pcntl_signal(SIGUSR1, function () use ($h) {
    try {
        $r = pogo_await($h, 5);
        echo 'in the handler: ', $r, "\n";
    } catch (Pogo\PogoException $e) {
        echo 'in the handler: ', get_class($e), ': ', $e->getMessage(), "\n";
    }
});
pogo_dispatch(SignalJob::class, ['ms' => 50, 'signal' => SIGUSR1], 'signal');
$r = pogo_await($h, 10);
echo 'outer: ', $r, "\n";
?>
--EXPECT--
in the handler: Pogo\PogoException: handle 1 is already being awaited: it was re-entered (from a signal handler?)
outer: result
