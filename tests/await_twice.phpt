--TEST--
pogo_await() uses the handle up: awaiting it again throws Pogo\PogoException
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
$h = pogo_dispatch(EchoJob::class, ['value' => 'once']);
var_dump(pogo_await($h));
try {
    pogo_await($h);
    echo "awaited twice\n";
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

// Also when the job failed: a JobException uses the handle up too.
$h = pogo_dispatch(ThrowJob::class, ['message' => 'failed once']);
try {
    pogo_await($h);
} catch (Pogo\JobException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    pogo_await($h);
    echo "awaited twice\n";
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
string(4) "once"
Pogo\PogoException: handle 1 cannot be awaited here: it was already awaited, or another request dispatched it
Pogo\JobException: failed once
Pogo\PogoException: handle 2 cannot be awaited here: it was already awaited, or another request dispatched it
