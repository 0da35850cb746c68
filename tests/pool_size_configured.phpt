--TEST--
pogo_pool_size() returns the configured num_threads and does not start the pool
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.num_threads=3
pogo.pool.io.num_threads=16
pogo.pool.cpu.num_threads=1
pogo.pool.cpu.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.big.num_threads=1024
--FILE--
<?php
require __DIR__ . '/fixtures/phpinfo.inc';
function running(string $pool): string
{
    return pogo_test_phpinfo_pools()[$pool]['running'] ?? 'not listed';
}

var_dump(pogo_pool_size(), pogo_pool_size('default'), pogo_pool_size('io'), pogo_pool_size('cpu'), pogo_pool_size('big'));
// Asking for the size started no thread.
echo 'io running: ', running('io'), "\n";
echo 'big running: ', running('big'), "\n";
echo 'cpu running: ', running('cpu'), "\n";
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'started'], 'cpu')));
echo 'cpu running: ', running('cpu'), "\n";
var_dump(pogo_pool_size('cpu'));
?>
--EXPECT--
int(3)
int(3)
int(16)
int(1)
int(1024)
io running: no
big running: no
cpu running: no
string(7) "started"
cpu running: yes
int(1)
