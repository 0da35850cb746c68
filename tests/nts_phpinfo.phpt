--TEST--
NTS: phpinfo() shows the pogo module and says it needs a thread-safe (ZTS) build
--SKIPIF--
<?php if (!extension_loaded('pogo')) die('skip'); if (PHP_ZTS) die('skip NTS only'); ?>
--FILE--
<?php
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
var_dump(preg_match('/^pogo$/m', $info) === 1);
foreach (explode("\n", $info) as $line) {
    if (str_starts_with($line, 'Pogo support') || str_starts_with($line, 'Thread safety')) {
        echo $line, "\n";
    }
}
?>
--EXPECT--
bool(true)
Pogo support => enabled
Thread safety => Pogo needs a thread-safe (ZTS) build of PHP; this PHP is not thread-safe (NTS). Build PHP with --enable-zts and load Pogo there
