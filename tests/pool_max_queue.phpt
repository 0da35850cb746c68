--TEST--
A pool with max_queue refuses a dispatch once that many jobs wait for a thread, with a PoolException naming the limit; the queued jobs still run
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.default.max_queue=3
--FILE--
<?php
$busy = pogo_dispatch(SleepJob::class, ['ms' => 500, 'id' => 'busy']);
// Until the thread takes the first job, it is one of the queued.
while (true) {
    usleep(10000);
    try {
        $h = pogo_dispatch(EchoJob::class, ['value' => 'probe']);
    } catch (Pogo\PoolException $e) {
        break;
    }
    $queued[] = $h;
}
echo get_class($e), ': ', $e->getMessage(), "\n";
echo 'queued before the refusal: ', count($queued), "\n";
echo pogo_await($busy, 10), "\n";
foreach ($queued as $h) {
    echo pogo_await($h, 10), "\n";
}
?>
--EXPECT--
Pogo\PoolException: pool "default" has max_queue (3) jobs waiting for a thread; the job was not queued
queued before the refusal: 3
busy
probe
probe
probe
