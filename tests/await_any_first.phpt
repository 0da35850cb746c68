--TEST--
pogo_await_any() returns the key (string or int) of the first job to finish, and does not use its handle up: pogo_await($handles[$key], 0) gives its result
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/fanin_jobs.inc
pogo.pool.default.num_threads=4
--FILE--
<?php
require __DIR__ . '/fixtures/fanin_jobs.inc';
$gate = fanin_gate('await-any-first');
$h = [
    'slow1' => pogo_dispatch(GateJob::class, ['gate' => $gate, 'id' => 'slow1']),
    'fast' => pogo_dispatch(EchoJob::class, ['value' => 'fast result']),
    'slow2' => pogo_dispatch(GateJob::class, ['gate' => $gate, 'id' => 'slow2']),
];
var_dump(pogo_await_any($h, 30));
// Again: the same key, at once; nothing was used up.
var_dump(pogo_await_any($h, 0));
var_dump(pogo_await($h['fast'], 0));
// Now "fast" is used up: a set holding it is refused.
try {
    pogo_await_any($h, 0);
} catch (Pogo\PogoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

// Int keys come back as ints; a job that failed counts as finished.
$g = [10 => pogo_dispatch(GateJob::class, ['gate' => $gate, 'id' => 'ten']), 20 => pogo_dispatch(ThrowJob::class, ['message' => 'failed first'])];
var_dump(pogo_await_any($g, 30));
try {
    pogo_await($g[20], 0);
} catch (Pogo\JobException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

fanin_open($gate);
var_dump(pogo_await_all(['slow1' => $h['slow1'], 'slow2' => $h['slow2'], 10 => $g[10]], 30));
?>
--EXPECT--
string(4) "fast"
string(4) "fast"
string(11) "fast result"
Pogo\PogoException: handle 2 at key "fast" cannot be awaited here: it was already awaited, or another request dispatched it
int(20)
Pogo\JobException: failed first
array(3) {
  ["slow1"]=>
  string(5) "slow1"
  ["slow2"]=>
  string(5) "slow2"
  [10]=>
  string(3) "ten"
}
