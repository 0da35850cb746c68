--TEST--
pogo_await_all() of 1000 jobs returns the 1000 right results under their keys; pogo_settle() and pogo_await_any() handle as many
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=4
--FILE--
<?php
$h = [];
for ($i = 0; $i < 1000; $i++) {
    $h["job$i"] = pogo_dispatch(EchoJob::class, ['value' => ['i' => $i, 's' => str_repeat('x', $i % 50)]]);
}
$results = pogo_await_all($h, 120);
var_dump(count($results), array_keys($results) === array_keys($h));
$wrong = 0;
foreach ($results as $key => $r) {
    $i = (int) substr($key, 3);
    $wrong += (int) ($r !== ['i' => $i, 's' => str_repeat('x', $i % 50)]);
}
echo "wrong results: $wrong\n";

$list = [];
for ($i = 0; $i < 1000; $i++) {
    $list[] = pogo_dispatch(EchoJob::class, ['value' => $i]);
}
$any = pogo_await_any($list, 120);
var_dump(is_int($any) && $any >= 0 && $any < 1000);
$settled = pogo_settle($list, 120);
$ok = 0;
foreach ($settled as $i => $entry) {
    $ok += (int) ($entry === ['ok' => true, 'result' => $i]);
}
echo "settled ok: $ok\n";
$stats = pogo_stats('default');
var_dump($stats['dispatched'], $stats['completed'], $stats['queued']);
?>
--EXPECT--
int(1000)
bool(true)
wrong results: 0
bool(true)
settled ok: 1000
int(2000)
int(2000)
int(0)
