--TEST--
pogo_stats() counters after a known sequence of jobs on one thread: dispatched, completed, failed_exception (throws, missing class, not a job, result not encodable), failed_worker and worker_reboots (jobs that break the worker), max_jobs_recycles, boot_failures
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.one.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.one.num_threads=1
pogo.pool.recycle.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.recycle.num_threads=1
pogo.pool.recycle.max_jobs=2
pogo.pool.noboot.bootstrap={PWD}/fixtures/no_such_bootstrap.inc
pogo.pool.noboot.num_threads=1
--CAPTURE_STDIO--
STDIN STDOUT
--FILE--
<?php
function show(string $pool, array $keys): void
{
    $s = pogo_stats($pool);
    foreach ($keys as $key) {
        echo "  $key: ", var_export($s[$key], true), "\n";
    }
}
$counters = ['dispatched', 'completed', 'failed_exception', 'failed_worker', 'failed_expired',
    'failed_dropped', 'failed_stopped', 'worker_reboots', 'boot_failures', 'max_jobs_recycles'];

$jobs = [
    [EchoJob::class, ['value' => 1]],
    [ThrowJob::class, ['message' => 'one']],
    [EchoJob::class, ['value' => 2]],
    ['No\Such\Job', []],
    [NotAJob::class, []],
    [ResultJob::class, ['kind' => 'closure']],
    [ThrowJob::class, ['message' => 'two']],
    [FatalJob::class, []],
    [EchoJob::class, ['value' => 3]],
    [UndefinedFunctionJob::class, []],
    [EchoJob::class, ['value' => 4]],
];
$h = [];
foreach ($jobs as [$class, $args]) {
    $h[] = pogo_dispatch($class, $args, 'one');
}
foreach (pogo_settle($h, 30) as $i => $entry) {
    echo $i, ': ', $entry['ok'] ? 'ok' : get_class($entry['error']), "\n";
}
echo "one:\n";
show('one', array_merge(['threads_started', 'threads_serving', 'queued', 'oldest_queued_seconds'], $counters));

// max_jobs=2: five jobs, two recycles (after the 2nd and the 4th).
for ($i = 0; $i < 5; $i++) {
    pogo_await(pogo_dispatch(CounterJob::class, [], 'recycle'), 30);
}
echo "recycle:\n";
show('recycle', ['dispatched', 'completed', 'worker_reboots', 'max_jobs_recycles']);

// A worker that cannot boot: the job fails with a WorkerException, the boot counts as failed.
try {
    pogo_await(pogo_dispatch(EchoJob::class, [], 'noboot'), 30);
} catch (Pogo\WorkerException $e) {
    echo get_class($e), "\n";
}
$s = pogo_stats('noboot');
echo "noboot:\n";
show('noboot', ['threads_started', 'threads_serving', 'dispatched', 'completed', 'failed_exception', 'failed_worker']);
var_dump($s['boot_failures'] >= 1);
?>
--EXPECT--
0: ok
1: Pogo\JobException
2: ok
3: Pogo\JobException
4: Pogo\JobException
5: Pogo\JobException
6: Pogo\JobException
7: Pogo\WorkerException
8: ok
9: Pogo\WorkerException
10: ok
one:
  threads_started: 1
  threads_serving: 1
  queued: 0
  oldest_queued_seconds: 0.0
  dispatched: 11
  completed: 4
  failed_exception: 5
  failed_worker: 2
  failed_expired: 0
  failed_dropped: 0
  failed_stopped: 0
  worker_reboots: 2
  boot_failures: 0
  max_jobs_recycles: 0
recycle:
  dispatched: 5
  completed: 5
  worker_reboots: 0
  max_jobs_recycles: 2
Pogo\WorkerException
noboot:
  threads_started: 1
  threads_serving: 0
  dispatched: 1
  completed: 0
  failed_exception: 0
  failed_worker: 1
bool(true)
