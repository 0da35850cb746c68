--TEST--
A string found valid UTF-8 once is checked again after it changes in place
--DESCRIPTION--
Pogo skips the UTF-8 check of a string that PHP marks as valid (a string it
checked before, a string a job returned, a string a /u regex matched). PHP
drops the mark when it changes the string in place; each change here must be
refused.
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
function try_dispatch(string $name, array $args): void
{
    try {
        $value = pogo_await(pogo_dispatch(EchoJob::class, $args));
        echo "$name: ", $value === $args['value'] ? 'came back the same' : 'came back changed', "\n";
    } catch (ValueError $e) {
        echo "$name: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}

$s = str_repeat("\u{e9}", 20);
try_dispatch('checked', ['value' => $s]);
$s[0] = "\xff";
try_dispatch('offset written', ['value' => $s]);

$t = str_repeat('a', 20);
try_dispatch('checked', ['value' => $t]);
$t .= "\xc3";
try_dispatch('appended', ['value' => $t]);

$back = pogo_await(pogo_dispatch(EchoJob::class, ['value' => str_repeat("\u{65e5}", 10)]));
$back[1] = 'A';
try_dispatch('result written', ['value' => $back]);

$u = str_repeat("\u{1f36e}", 10);
var_dump(preg_match('/./u', $u));
$u[2] = "\xfe";
try_dispatch('matched /u, then written', ['list' => [1, $u]]);
?>
--EXPECT--
checked: came back the same
offset written: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['value'] is a string that is not valid UTF-8
checked: came back the same
appended: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['value'] is a string that is not valid UTF-8
result written: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['value'] is a string that is not valid UTF-8
int(1)
matched /u, then written: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['list'][1] is a string that is not valid UTF-8
