--TEST--
pogo_await($h, 0) polls: TimeoutException while the job runs, the result once it is done
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
$h = pogo_dispatch(SleepJob::class, ['ms' => 400, 'id' => 'polled']);
try {
    pogo_await($h, 0);
    echo "done too early\n";
} catch (Pogo\TimeoutException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

// Poll until done; the last poll returns the result.
$polls = 0;
$deadline = hrtime(true) + 10e9;
while (true) {
    try {
        $result = pogo_await($h, 0.0);
        break;
    } catch (Pogo\TimeoutException $e) {
        $polls++;
        if (hrtime(true) > $deadline) {
            die("never finished\n");
        }
        usleep(20000);
    }
}
var_dump($result, $polls > 0);

// A job already done when polled: the result at once.
$h = pogo_dispatch(EchoJob::class, ['value' => 'ready']);
usleep(300000);
for ($i = 0; $i < 100; $i++) {
    try {
        var_dump(pogo_await($h, 0));
        break;
    } catch (Pogo\TimeoutException $e) {
        usleep(50000);
    }
}
?>
--EXPECT--
Pogo\TimeoutException: job 1 (SleepJob) on pool "default" did not finish within 0 s; it keeps running and can be awaited again
string(6) "polled"
bool(true)
string(5) "ready"
