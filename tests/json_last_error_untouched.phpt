--TEST--
Dispatching and awaiting leave the request's json_last_error() as it was, also when they fail
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
json_decode('{broken');
var_dump(json_last_error() === JSON_ERROR_SYNTAX);
$h = pogo_dispatch(EchoJob::class, ['value' => [1.5, 'x']]);
var_dump(json_last_error() === JSON_ERROR_SYNTAX);
pogo_await($h);
var_dump(json_last_error() === JSON_ERROR_SYNTAX);

json_encode('ok');
var_dump(json_last_error() === JSON_ERROR_NONE);
try {
    pogo_dispatch(EchoJob::class, ['bad' => NAN]);
} catch (ValueError $e) {
    echo "refused\n";
}
try {
    pogo_dispatch(EchoJob::class, ['bad' => "\xff"]);
} catch (ValueError $e) {
    echo "refused\n";
}
try {
    pogo_await(pogo_dispatch(ResultJob::class, ['kind' => 'inf']));
} catch (Pogo\JobException $e) {
    echo "job failed\n";
}
var_dump(json_last_error(), json_last_error_msg());
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
refused
refused
job failed
int(0)
string(8) "No error"
