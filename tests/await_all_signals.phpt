--TEST--
While pogo_await_all() waits, pcntl signal handlers run; one that awaits a handle of the set gets a PogoException naming its key, one that throws ends the wait with its exception, and the set stays awaitable
--SKIPIF--
<?php
require __DIR__ . '/skipif.inc';
if (!function_exists('pcntl_async_signals') || !function_exists('posix_kill')) {
    die('skip pcntl and posix needed');
}
?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/fanin_jobs.inc
pogo.pool.default.num_threads=2
pogo.pool.signal.bootstrap={PWD}/fixtures/fanin_jobs.inc
pogo.pool.signal.num_threads=1
--FILE--
<?php
require __DIR__ . '/fixtures/fanin_jobs.inc';
pcntl_async_signals(true);
$gate = fanin_gate('await-all-signals');
$h = [
    'a' => pogo_dispatch(SleepJob::class, ['ms' => 400, 'id' => 'A']),
    'b' => pogo_dispatch(SleepJob::class, ['ms' => 400, 'id' => 'B']),
];
pcntl_signal(SIGUSR1, function () use ($h) {
    echo "handler ran during the wait\n";
    foreach ([
        fn () => pogo_await_all($h, 5),
        fn () => pogo_await_any(['other' => $h['b']], 5),
        fn () => pogo_settle([$h['b']], 5),
        fn () => pogo_await($h['a'], 5),
    ] as $call) {
        try {
            $call();
            echo "in the handler: no exception\n";
        } catch (Pogo\PogoException $e) {
            echo 'in the handler: ', get_class($e), ': ', $e->getMessage(), "\n";
        }
    }
});
pogo_dispatch(SignalJob::class, ['ms' => 50, 'signal' => SIGUSR1], 'signal');
var_dump(pogo_await_all($h, 30));

// A handler that throws: the exception ends the wait; the jobs keep running, still awaitable.
pcntl_signal(SIGUSR2, function () {
    throw new RuntimeException('interrupted by SIGUSR2');
});
$g = [
    'c' => pogo_dispatch(GateJob::class, ['gate' => $gate, 'id' => 'C']),
    'd' => pogo_dispatch(GateJob::class, ['gate' => $gate, 'id' => 'D']),
];
pogo_dispatch(SignalJob::class, ['ms' => 100, 'signal' => SIGUSR2], 'signal');
try {
    var_dump(pogo_await_all($g, INF));
} catch (RuntimeException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
fanin_open($gate);
var_dump(pogo_await_all($g, 30));
?>
--EXPECT--
handler ran during the wait
in the handler: Pogo\PogoException: handle 1 at key "a" is already being awaited: it was re-entered (from a signal handler?)
in the handler: Pogo\PogoException: handle 2 at key "other" is already being awaited: it was re-entered (from a signal handler?)
in the handler: Pogo\PogoException: handle 2 at key 0 is already being awaited: it was re-entered (from a signal handler?)
in the handler: Pogo\PogoException: handle 1 is already being awaited: it was re-entered (from a signal handler?)
array(2) {
  ["a"]=>
  string(1) "A"
  ["b"]=>
  string(1) "B"
}
RuntimeException: interrupted by SIGUSR2
array(2) {
  ["c"]=>
  string(1) "C"
  ["d"]=>
  string(1) "D"
}
