--TEST--
A job result that is not JSON-encodable fails with Pogo\JobException saying so
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
foreach (['inf', 'nan', 'resource', 'deep', 'closure', 'object'] as $kind) {
    try {
        var_dump(pogo_await(pogo_dispatch(ResultJob::class, ['kind' => $kind])));
    } catch (Pogo\JobException $e) {
        echo $kind, ': ', get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// The worker carries on.
var_dump(pogo_await(pogo_dispatch(ResultJob::class, ['kind' => 'none'])));
?>
--EXPECTF--
inf: Pogo\JobException: the result of ResultJob::handle() is not JSON-encodable: $result['x'] is INF (JSON has no INF)
nan: Pogo\JobException: the result of ResultJob::handle() is not JSON-encodable: $result is NAN (JSON has no NAN)
resource: Pogo\JobException: the result of ResultJob::handle() is not JSON-encodable: $result['file'] is a resource
deep: Pogo\JobException: the result of ResultJob::handle() is not JSON-encodable: %s nests deeper than 512 levels
closure: Pogo\JobException: the result of ResultJob::handle() is not JSON-encodable: $result is a Closure
object: Pogo\JobException: the result of ResultJob::handle() is not JSON-encodable: $result is an object of class ArrayObject (only stdClass, JsonSerializable and backed enums are allowed)
NULL
