--TEST--
A job awaiting a set of jobs of its own pool while every thread of that pool does so gets the deadlock PoolException (pogo_await_all, pogo_await_any, pogo_settle) instead of waiting; polling, a set it can finish, or a free thread are fine
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/fanin_jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.default.max_wait=0
pogo.pool.other.bootstrap={PWD}/fixtures/fanin_jobs.inc
pogo.pool.other.num_threads=1
pogo.pool.two.bootstrap={PWD}/fixtures/fanin_jobs.inc
pogo.pool.two.num_threads=2
pogo.pool.two.max_wait=0
--FILE--
<?php
$own = [
    'x' => [EchoJob::class, ['value' => 'x'], 'default'],
    'y' => [EchoJob::class, ['value' => 'y'], 'default'],
];
$mixed = [
    'own' => [EchoJob::class, ['value' => 'own'], 'default'],
    'other' => [EchoJob::class, ['value' => 'other'], 'other'],
];
$cases = [
    ['pogo_await_all', $own, 20],
    ['pogo_await_any', $own, 20],
    ['pogo_settle', $own, 20],
    // Polling never deadlocks: it does not wait.
    ['pogo_await_all', $own, 0],
    // Another pool's job can finish the wait of pogo_await_any(), not that of pogo_await_all().
    ['pogo_await_any', $mixed, 20],
    ['pogo_await_all', $mixed, 20],
];
foreach ($cases as [$fn, $jobs, $timeout]) {
    $r = pogo_await(pogo_dispatch(FanInJob::class, ['fn' => $fn, 'jobs' => $jobs, 'timeout' => $timeout]), 60);
    echo "$fn: ", json_encode($r), "\n";
}
// With a thread left free, a job may fan in on its own pool.
foreach (['pogo_await_all', 'pogo_await_any', 'pogo_settle'] as $fn) {
    $jobs = ['x' => [EchoJob::class, ['value' => 'x'], 'two'], 'y' => [EchoJob::class, ['value' => 'y'], 'two']];
    $r = pogo_await(pogo_dispatch(FanInJob::class, ['fn' => $fn, 'jobs' => $jobs, 'timeout' => 20], 'two'), 60);
    echo "$fn on two: ", json_encode($fn === 'pogo_await_any' ? ['ok' => in_array($r['ok'][0] ?? null, ['x', 'y'], true)] : $r), "\n";
}
// The pool goes on.
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'still serving']), 30));
?>
--EXPECT--
pogo_await_all: {"error":"Pogo\\PoolException: deadlock: job 2 (EchoJob) waits on pool \"default\", and every thread of that pool is a job awaiting a job of the same pool, so none is left to run it; dispatch nested jobs to another pool"}
pogo_await_any: {"error":"Pogo\\PoolException: deadlock: job 5 (EchoJob) waits on pool \"default\", and every thread of that pool is a job awaiting a job of the same pool, so none is left to run it; dispatch nested jobs to another pool"}
pogo_settle: {"error":"Pogo\\PoolException: deadlock: job 8 (EchoJob) waits on pool \"default\", and every thread of that pool is a job awaiting a job of the same pool, so none is left to run it; dispatch nested jobs to another pool"}
pogo_await_all: {"error":"Pogo\\TimeoutException: 2 of 2 jobs did not finish within 0 s; they keep running and can be awaited again"}
pogo_await_any: {"ok":["other","other"]}
pogo_await_all: {"error":"Pogo\\PoolException: deadlock: job 17 (EchoJob) waits on pool \"default\", and every thread of that pool is a job awaiting a job of the same pool, so none is left to run it; dispatch nested jobs to another pool"}
pogo_await_all on two: {"ok":{"x":"x","y":"y"}}
pogo_await_any on two: {"ok":true}
pogo_settle on two: {"ok":{"x":"x","y":"y"}}
string(13) "still serving"
