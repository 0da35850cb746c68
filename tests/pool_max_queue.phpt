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
$started = __DIR__ . '/pool_max_queue.started';
@unlink($started);
$busy = pogo_dispatch(StartedJob::class, ['path' => $started, 'ms' => 500]);
// Once the only thread runs it, nothing else is taken off the queue.
for ($i = 0; $i < 3000 && !is_file($started); $i++) {
    usleep(10000);
}
while (true) {
    try {
        $h = pogo_dispatch(EchoJob::class, ['value' => 'probe']);
    } catch (Pogo\PoolException $e) {
        break;
    }
    $queued[] = $h;
}
echo get_class($e), ': ', $e->getMessage(), "\n";
echo 'queued before the refusal: ', count($queued), "\n";
@unlink($started);
echo pogo_await($busy, 10), "\n";
foreach ($queued as $h) {
    echo pogo_await($h, 10), "\n";
}
?>
--CLEAN--
<?php @unlink(__DIR__ . '/pool_max_queue.started'); ?>
--EXPECT--
Pogo\PoolException: pool "default" has max_queue (3) jobs waiting for a thread; the job was not queued
queued before the refusal: 3
started
probe
probe
probe
