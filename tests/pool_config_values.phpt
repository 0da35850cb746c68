--TEST--
Pool directives: durations in ms, s, m or plain seconds, thread counts, and pool names
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.p1.max_wait=1.5
pogo.pool.p2.max_wait=0.25s
pogo.pool.p3.max_wait=90s
pogo.pool.p4.max_wait=120
pogo.pool.p5.max_wait=1.5m
pogo.pool.p5.num_threads=007
pogo.pool.Mixed_Name-2.num_threads=2
pogo.pool.a.b.num_threads=2
--FILE--
<?php
require __DIR__ . '/fixtures/phpinfo.inc';
foreach (pogo_test_phpinfo_pools() as $name => $pool) {
    if (preg_match('/^(p\d|Mixed_Name-2)$/', $name)) {
        echo "$name: max_wait {$pool['max_wait']}", $name === 'p5' || $name === 'Mixed_Name-2' ? ", num_threads {$pool['num_threads']}" : '', "\n";
    }
}
var_dump(pogo_pool_size('p5'), pogo_pool_size('Mixed_Name-2'));
// "a.b" is not a valid pool name: no such pool was created.
try {
    pogo_pool_size('a.b');
} catch (Pogo\PoolException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECTF--
%AWarning: PHP Startup: Pogo: pogo.pool.a.b.num_threads: invalid pool name "a.b" (use 1 to 64 letters, digits, _ and -) in Unknown on line 0
p1: max_wait 1500ms
p2: max_wait 250ms
p3: max_wait 90s
p4: max_wait 2m
p5: max_wait 90s, num_threads 7
Mixed_Name-2: max_wait 30s, num_threads 2
int(7)
int(2)
Pogo\PoolException: unknown pool "a.b"
