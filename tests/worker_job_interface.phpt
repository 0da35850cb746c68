--TEST--
Pogo\JobInterface exists in the request and in the worker; job classes implement it
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
var_dump(interface_exists('Pogo\JobInterface'));
$m = new ReflectionMethod('Pogo\JobInterface', 'handle');
echo $m->getName(), '(', $m->getParameters()[0]->getType(), ' $', $m->getParameters()[0]->getName(), '): ', $m->getReturnType(), "\n";

// A job class declared in the request implements it like any interface.
final class LocalJob implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        return count($args);
    }
}
var_dump((new LocalJob())->handle([1, 2]));
var_dump(is_subclass_of(LocalJob::class, Pogo\JobInterface::class));

// In the worker: a class implementing it runs, one that does not is refused.
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'implements'])));
try {
    pogo_await(pogo_dispatch(NotAJob::class));
} catch (Pogo\JobException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
bool(true)
handle(array $args): mixed
int(2)
bool(true)
string(10) "implements"
Pogo\JobException: class "NotAJob" does not implement Pogo\JobInterface
