--TEST--
A custom worker answering ['ok' => false, 'error' => ..., 'exception' => [...]] gives Pogo\JobException with those fields
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.custom.worker={PWD}/fixtures/worker_array.php
pogo.pool.custom.num_threads=1
--FILE--
<?php
try {
    pogo_await(pogo_dispatch('Fail', ['message' => 'quota exceeded'], 'custom'));
    echo "no exception\n";
} catch (Pogo\JobException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
    var_dump($e->getCode(), $e->remoteClass, $e->remoteFile, $e->remoteLine, $e->remoteTrace);
}
// Without "exception": the fields are empty.
try {
    pogo_await(pogo_dispatch('FailBare', [], 'custom'));
    echo "no exception\n";
} catch (Pogo\JobException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
    var_dump($e->getCode(), $e->remoteClass, $e->remoteFile, $e->remoteLine, $e->remoteTrace);
}
?>
--EXPECT--
Pogo\JobException: quota exceeded
int(7)
string(15) "App\CustomError"
string(22) "/srv/app/CustomJob.php"
int(12)
string(53) "#0 /srv/app/run.php(3): CustomJob->handle()
#1 {main}"
Pogo\JobException: bare failure
int(0)
string(0) ""
string(0) ""
int(0)
string(0) ""
