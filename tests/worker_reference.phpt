--TEST--
The reference worker worker/pogo-worker.php gives the same outcomes as the built-in worker
--SKIPIF--
<?php
require __DIR__ . '/skipif.inc';
if (!is_file(__DIR__ . '/../worker/pogo-worker.php')) {
    die('skip worker/pogo-worker.php not written yet');
}
?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.reference.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.reference.worker={PWD}/../worker/pogo-worker.php
pogo.pool.reference.num_threads=1
--CAPTURE_STDIO--
STDIN STDOUT
--FILE--
<?php
/** What a job gave, in a form that can be compared across workers. */
function outcome(string $class, array $args, string $pool): array
{
    try {
        return ['result' => pogo_await(pogo_dispatch($class, $args, $pool))];
    } catch (Pogo\JobException $e) {
        // The traces differ below the job's own frames (the worker's frames).
        $firstFrame = strtok($e->remoteTrace, "\n");
        return [
            'exception' => get_class($e),
            'message' => $e->getMessage(),
            'code' => $e->getCode(),
            'remoteClass' => $e->remoteClass,
            'remoteFile' => $e->remoteFile,
            'remoteLine' => $e->remoteLine,
            'trace starts' => preg_replace('/^#0 (\[internal function\]|\S+\(\d+\)): /', '#0 ', (string) $firstFrame),
        ];
    } catch (Pogo\PogoException $e) {
        // Messages name the pool and the handle, which differ between the two runs.
        $message = preg_replace(['/pool "[^"]+"/', '/job \d+/'], ['pool "P"', 'job N'], $e->getMessage());
        return ['exception' => get_class($e), 'message' => $message];
    }
}

$jobs = [
    [EchoJob::class, ['value' => ['nested' => [1, 2.0, 'é', null, true], 'empty' => []]]],
    [EchoJob::class, ['value' => [5 => 'a', 9 => 'b']]],
    [EchoJob::class, []],
    [OptionalCtorJob::class, ['name' => 'ref']],
    [ResultJob::class, ['kind' => 'stdclass']],
    [ThrowJob::class, ['message' => 'declined', 'code' => 402]],
    [ErrorJob::class, []],
    [CtorThrowsJob::class, []],
    ['No\Such\Job', []],
    [NotAJob::class, []],
    [CtorArgsJob::class, []],
    [PrivateCtorJob::class, []],
    [AbstractJob::class, []],
    ['echojob', ['value' => 'any case']],
    ['\\EchoJob', ['value' => 'leading backslash']],
    [ResultJob::class, ['kind' => 'inf']],
    [ResultJob::class, ['kind' => 'closure']],
    [ResultJob::class, ['kind' => 'object']],
];
$same = 0;
foreach ($jobs as [$class, $args]) {
    $builtin = outcome($class, $args, 'default');
    $reference = outcome($class, $args, 'reference');
    if ($builtin === $reference) {
        $same++;
        echo $class, ': same', isset($builtin['exception']) ? ' (' . $builtin['message'] . ')' : '', "\n";
    } else {
        echo $class, ": DIFFERENT\n  built-in:  ", json_encode($builtin), "\n  reference: ", json_encode($reference), "\n";
    }
}
echo $same, ' of ', count($jobs), " the same\n";
?>
--EXPECTF--
EchoJob: same
EchoJob: same
EchoJob: same
OptionalCtorJob: same
ResultJob: same
ThrowJob: same (declined)
ErrorJob: same (pool "P": the worker running job N (ErrorJob) failed: Uncaught DivisionByZeroError: Division by zero in %sjobs.inc:%d)
CtorThrowsJob: same (constructor refused)
No\Such\Job: same (class "No\Such\Job" not found in the worker: declare it in the pool's bootstrap or make it autoloadable there)
NotAJob: same (class "NotAJob" does not implement Pogo\JobInterface)
CtorArgsJob: same (CtorArgsJob::__construct() must be public and take no required arguments: a job is created with none)
PrivateCtorJob: same (PrivateCtorJob::__construct() must be public and take no required arguments: a job is created with none)
AbstractJob: same (class "AbstractJob" cannot be instantiated)
echojob: same
\EchoJob: same
ResultJob: same (the result of ResultJob::handle() is not JSON-encodable: $result['x'] is INF (JSON has no INF))
ResultJob: same (the result of ResultJob::handle() is not JSON-encodable: $result is a Closure)
ResultJob: same (the result of ResultJob::handle() is not JSON-encodable: $result is an object of class ArrayObject (only stdClass, JsonSerializable and backed enums are allowed))
18 of 18 the same
