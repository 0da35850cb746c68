--TEST--
What a request holds in Pogo's buffers (arguments of queued jobs, results not awaited) counts toward its memory_limit: a dispatch past it throws PoolException, and awaiting gives the room back
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
memory_limit=32M
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
$blob = str_repeat('x', 1 << 20); // 1 MiB of arguments per job
$handles = [];
try {
    for ($i = 0; $i < 200; $i++) {
        $handles[] = pogo_dispatch(EchoJob::class, ['value' => $blob]);
    }
} catch (Pogo\PoolException $e) {
    echo preg_replace('/\d+ bytes/', 'N bytes', preg_replace('/\(\d+ of PHP memory, \d+ in/', '(N of PHP memory, N in', $e->getMessage())), "\n";
}
printf("dispatched %s before the limit\n", count($handles) > 10 && count($handles) < 40 ? 'between 10 and 40' : count($handles));
// Awaited results are PHP memory again: dispatching works once they are gone.
foreach ($handles as $h) {
    $r = pogo_await($h, 30);
    unset($r);
}
$handles = null;
echo strlen(pogo_await(pogo_dispatch(EchoJob::class, ['value' => $blob]), 30)), "\n";
?>
--EXPECT--
pool "default": job EchoJob was not dispatched: with its N bytes of arguments, this request would hold N bytes (N of PHP memory, N in Pogo's buffers: arguments of its jobs and results not awaited yet), more than its memory_limit of N bytes; await some of its jobs first
dispatched between 10 and 40 before the limit
1048576
