--TEST--
What a job prints does not reach the script's output (it goes to the process's stderr); the result still comes back
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--CAPTURE_STDIO--
STDIN STDOUT
--FILE--
<?php
echo "before\n";
var_dump(pogo_await(pogo_dispatch(OutputJob::class, ['text' => 'JOB-SAYS-HELLO'])));
// Output buffering in the script does not catch it either.
ob_start();
$r = pogo_await(pogo_dispatch(OutputJob::class, ['text' => 'JOB-SAYS-AGAIN']));
$buffered = ob_get_clean();
var_dump($r, $buffered);
echo "after\n";
?>
--EXPECT--
before
string(8) "returned"
string(8) "returned"
string(0) ""
after
