--TEST--
exit() or an Error in a result's jsonSerialize() breaks the worker (WorkerException), an Exception there fails the job (JobException), with the built-in worker and a worker script; the next job runs
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.script.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.script.worker={PWD}/../worker/pogo-worker.php
pogo.pool.script.num_threads=1
display_errors=0
--FILE--
<?php
foreach (['default', 'script'] as $pool) {
    foreach (['exit', 'error', 'exception', 'none'] as $how) {
        try {
            $r = pogo_await(pogo_dispatch(SerializeFaultJob::class, ['how' => $how], $pool), 10);
            echo "$pool/$how: " . json_encode($r) . "\n";
        } catch (Pogo\PogoException $e) {
            echo "$pool/$how: ", get_class($e), ': ', preg_replace('/ in \/.*$/s', '', $e->getMessage()), "\n";
        }
    }
}
?>
--EXPECT--
default/exit: Pogo\WorkerException: pool "default": the worker running job 1 (SerializeFaultJob) failed: the job called exit()
default/error: Pogo\WorkerException: pool "default": the worker running job 2 (SerializeFaultJob) failed: Uncaught Error: Call to undefined function undefined_function_in_json_serialize()
default/exception: Pogo\JobException: not serializable today
default/none: "serialized"
script/exit: Pogo\WorkerException: pool "script": the worker running job 5 (SerializeFaultJob) failed: the job called exit()
script/error: Pogo\WorkerException: pool "script": the worker running job 6 (SerializeFaultJob) failed: Uncaught Error: Call to undefined function undefined_function_in_json_serialize()
script/exception: Pogo\JobException: not serializable today
script/none: "serialized"
