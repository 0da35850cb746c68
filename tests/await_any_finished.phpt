--TEST--
pogo_await_any() on jobs that had already finished returns at once (also with timeout 0) the key of the one that finished first, not the first in the array
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
// One thread: "early" runs and finishes before "late".
$early = pogo_dispatch(EchoJob::class, ['value' => 'early']);
$late = pogo_dispatch(EchoJob::class, ['value' => 'late']);
// Once "late" has finished, both have.
var_dump(pogo_await_any([$late], 30));
var_dump(pogo_await_any(['late' => $late, 'early' => $early], 0));
var_dump(pogo_await_any([5 => $late, 3 => $early], 30));
var_dump(pogo_await_any([$late, $early]));
// The one that finished first, among a failed one and a running one too.
$failed = pogo_dispatch(ThrowJob::class, ['message' => 'failed']);
$sleeping = pogo_dispatch(SleepJob::class, ['ms' => 300, 'id' => 'slept']);
var_dump(pogo_await_any([$failed], 30));
var_dump(pogo_await_any(['sleeping' => $sleeping, 'failed' => $failed, 'late' => $late], 0));
var_dump(pogo_await_any(['sleeping' => $sleeping, 'failed' => $failed], 0));
// Nothing was used up.
var_dump(pogo_await_all(['early' => $early, 'late' => $late, 'sleeping' => $sleeping], 30));
try {
    pogo_await($failed, 0);
} catch (Pogo\JobException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
int(0)
string(5) "early"
int(3)
int(1)
int(0)
string(4) "late"
string(6) "failed"
array(3) {
  ["early"]=>
  string(5) "early"
  ["late"]=>
  string(4) "late"
  ["sleeping"]=>
  string(5) "slept"
}
Pogo\JobException: failed
