--TEST--
pogo_await_all([]) and pogo_settle([]) return [] at once, whatever the timeout, and start no pool
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
var_dump(pogo_await_all([]));
var_dump(pogo_await_all([], 0));
var_dump(pogo_await_all([], INF));
var_dump(pogo_settle([]));
var_dump(pogo_settle([], 0));
var_dump(pogo_settle([], INF));
var_dump(pogo_stats('default')['threads_started']);
?>
--EXPECT--
array(0) {
}
array(0) {
}
array(0) {
}
array(0) {
}
array(0) {
}
array(0) {
}
int(0)
