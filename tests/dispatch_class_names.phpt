--TEST--
pogo_dispatch(): the class name is resolved in the worker as PHP resolves names (::class, leading backslash, any case); arguments default to []
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'class constant'])));
var_dump(pogo_await(pogo_dispatch('\EchoJob', ['value' => 'leading backslash'])));
var_dump(pogo_await(pogo_dispatch('echojob', ['value' => 'lower case'])));
// No $args: the job gets an empty array.
var_dump(pogo_await(pogo_dispatch('EchoJob')));
var_dump(pogo_await(pogo_dispatch(OptionalCtorJob::class, ['name' => 'pogo'])));
?>
--EXPECT--
string(14) "class constant"
string(17) "leading backslash"
string(10) "lower case"
array(0) {
}
string(10) "hello pogo"
