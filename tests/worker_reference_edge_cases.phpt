--TEST--
The reference worker worker/pogo-worker.php matches the built-in worker on interfaces and on class names given in another case
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
        return ['exception' => get_class($e), 'message' => $e->getMessage()];
    }
}

$jobs = [
    // An interface: the class exists but cannot be instantiated.
    ['Pogo\\JobInterface', []],
    // Names are case-insensitive; messages name the class as declared.
    ['notajob', []],
    ['ctorargsjob', []],
    ['abstractjob', []],
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
--EXPECT--
Pogo\JobInterface: same (class "Pogo\JobInterface" cannot be instantiated)
notajob: same (class "NotAJob" does not implement Pogo\JobInterface)
ctorargsjob: same (CtorArgsJob::__construct() must be public and take no required arguments: a job is created with none)
abstractjob: same (class "AbstractJob" cannot be instantiated)
4 of 4 the same
