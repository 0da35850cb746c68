--TEST--
Pogo's exception classes: all extend Pogo\PogoException, which extends RuntimeException
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
foreach (['PogoException', 'TimeoutException', 'JobException', 'WorkerException', 'PoolException'] as $short) {
    $class = "Pogo\\$short";
    $r = new ReflectionClass($class);
    $chain = [];
    for ($p = $r->getParentClass(); $p; $p = $p->getParentClass()) {
        $chain[] = $p->getName();
    }
    echo $class, ' < ', implode(' < ', $chain), ($r->isFinal() ? ' (final)' : ''), "\n";
}
var_dump(is_subclass_of(Pogo\TimeoutException::class, Pogo\PogoException::class));
var_dump(new Pogo\JobException('m') instanceof RuntimeException);
// Catching the base class catches them all.
try {
    pogo_await(12345);
} catch (RuntimeException $e) {
    echo 'caught ', get_class($e), "\n";
}
try {
    pogo_dispatch('EchoJob', [], 'no-such-pool');
} catch (Pogo\PogoException $e) {
    echo 'caught ', get_class($e), "\n";
}
?>
--EXPECT--
Pogo\PogoException < RuntimeException < Exception
Pogo\TimeoutException < Pogo\PogoException < RuntimeException < Exception
Pogo\JobException < Pogo\PogoException < RuntimeException < Exception
Pogo\WorkerException < Pogo\PogoException < RuntimeException < Exception
Pogo\PoolException < Pogo\PogoException < RuntimeException < Exception
bool(true)
bool(true)
caught Pogo\PogoException
caught Pogo\PoolException
