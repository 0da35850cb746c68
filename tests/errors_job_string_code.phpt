--TEST--
A remote exception's code arrives unchanged in JobException::$remoteCode (a string such as an SQLSTATE, or an int); getCode() is the int PHP would make of it
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
pogo.pool.script.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.script.worker={PWD}/../worker/pogo-worker.php
pogo.pool.script.num_threads=1
--FILE--
<?php
foreach (['default', 'script'] as $pool) {
    foreach (['42S02', 'HY000', 7] as $code) {
        try {
            pogo_await(pogo_dispatch(CodeJob::class, ['code' => $code], $pool), 10);
        } catch (Pogo\JobException $e) {
            echo "$pool: getCode() ", var_export($e->getCode(), true), ', remoteCode ', var_export($e->remoteCode, true), "\n";
        }
    }
}
?>
--EXPECT--
default: getCode() 42, remoteCode '42S02'
default: getCode() 0, remoteCode 'HY000'
default: getCode() 7, remoteCode 7
script: getCode() 42, remoteCode '42S02'
script: getCode() 0, remoteCode 'HY000'
script: getCode() 7, remoteCode 7
