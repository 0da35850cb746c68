--TEST--
A job class the worker cannot find fails with Pogo\JobException carrying the worker's message
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.bare.num_threads=1
--FILE--
<?php
// Declared here, in the request, but not in the worker: that does not help.
final class OnlyInRequest implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        return 'ran';
    }
}

$jobs = [
    ['No\Such\Job', 'default'],
    [OnlyInRequest::class, 'default'],
    // The pool "bare" has no bootstrap: even EchoJob is unknown there.
    [EchoJob::class, 'bare'],
];
foreach ($jobs as [$class, $pool]) {
    $h = pogo_dispatch($class, ['value' => 1], $pool);
    try {
        var_dump(pogo_await($h));
    } catch (Pogo\JobException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
        var_dump($e->getCode(), $e->remoteClass);
    }
}
// The worker is fine afterwards.
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'still works'])));
?>
--EXPECT--
Pogo\JobException: class "No\Such\Job" not found in the worker: declare it in the pool's bootstrap or make it autoloadable there
int(0)
string(0) ""
Pogo\JobException: class "OnlyInRequest" not found in the worker: declare it in the pool's bootstrap or make it autoloadable there
int(0)
string(0) ""
Pogo\JobException: class "EchoJob" not found in the worker: declare it in the pool's bootstrap or make it autoloadable there
int(0)
string(0) ""
string(11) "still works"
