--TEST--
exit() in the script with jobs running and queued on several pools ends it cleanly
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.other.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.other.num_threads=1
--FILE--
<?php
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'a'])));
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'b'], 'other')));
foreach (['default', 'other'] as $pool) {
    for ($i = 0; $i < 10; $i++) {
        pogo_dispatch(SleepJob::class, ['ms' => 100], $pool);
    }
}
// Results that arrived but were never awaited are freed too.
$done = pogo_dispatch(EchoJob::class, ['value' => str_repeat('x', 100000)], 'other');
register_shutdown_function(function () {
    echo "shutdown function runs\n";
});
echo "exiting\n";
exit(0);
echo "not reached\n";
?>
--EXPECT--
string(1) "a"
string(1) "b"
exiting
shutdown function runs
