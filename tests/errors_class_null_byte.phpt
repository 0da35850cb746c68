--TEST--
pogo_dispatch() refuses a class name with a NUL byte, naming the argument
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
try {
    pogo_dispatch("EchoJob\0Other");
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
ValueError: pogo_dispatch(): Argument #1 ($class) must not contain any null bytes
