--TEST--
Pogo\JobException's remote properties are typed, public and readonly
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
foreach (['remoteClass', 'remoteFile', 'remoteLine', 'remoteTrace'] as $name) {
    $p = new ReflectionProperty(Pogo\JobException::class, $name);
    echo $name, ': ', $p->getType(), ', ', $p->isPublic() ? 'public' : 'not public', ', ',
        $p->isReadOnly() ? 'readonly' : 'writable', "\n";
}
try {
    pogo_await(pogo_dispatch(ThrowJob::class, ['message' => 'x']));
} catch (Pogo\JobException $e) {
    try {
        $e->remoteClass = 'Other';
        echo "modified\n";
    } catch (Error $err) {
        echo get_class($err), ': ', $err->getMessage(), "\n";
    }
    var_dump($e->remoteClass);
}
?>
--EXPECT--
remoteClass: string, public, readonly
remoteFile: string, public, readonly
remoteLine: int, public, readonly
remoteTrace: string, public, readonly
Error: Cannot modify readonly property Pogo\JobException::$remoteClass
string(15) "DomainException"
