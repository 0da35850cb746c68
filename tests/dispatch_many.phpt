--TEST--
Many jobs on a small pool: every handle gets its own job's result, large payloads included
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=2
--FILE--
<?php
// Two jobs at once: both threads are up and take part below.
$a = pogo_dispatch(SleepJob::class, ['ms' => 100, 'id' => 'a']);
$b = pogo_dispatch(SleepJob::class, ['ms' => 100, 'id' => 'b']);
echo pogo_await($a), pogo_await($b), "\n";

$handles = [];
for ($i = 0; $i < 300; $i++) {
    $handles[$i] = pogo_dispatch(EchoJob::class, ['value' => ['i' => $i, 's' => str_repeat(chr(65 + $i % 26), $i)]]);
}
$wrong = 0;
foreach ($handles as $i => $h) {
    $r = pogo_await($h, 10);
    if ($r !== ['i' => $i, 's' => str_repeat(chr(65 + $i % 26), $i)]) {
        $wrong++;
    }
}
echo count($handles), " jobs, $wrong wrong results\n";

// A payload and a result of a few megabytes.
$big = [];
for ($i = 0; $i < 20000; $i++) {
    $big["key$i"] = ['n' => $i, 'f' => $i / 7, 's' => "value $i é"];
}
$back = pogo_await(pogo_dispatch(EchoJob::class, ['value' => $big]), 60);
var_dump($back === $big);
?>
--EXPECT--
ab
300 jobs, 0 wrong results
bool(true)
