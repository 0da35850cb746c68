--TEST--
pogo_dispatch() accepts $args nested 512 levels deep (json_encode's limit) and refuses deeper
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
// An array nested $levels deep, $args itself being the first level.
function nested(int $levels): array
{
    $a = [];
    for ($i = 1; $i < $levels; $i++) {
        $a = [$a];
    }
    return $a;
}

var_dump(json_encode(nested(512)) !== false, json_encode(nested(513)));
try {
    pogo_dispatch(EchoJob::class, nested(513));
    echo "dispatched\n";
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    pogo_dispatch(EchoJob::class, ['deep' => nested(2000)]);
    echo "dispatched\n";
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$h = pogo_dispatch(EchoJob::class, nested(512));
var_dump($h);
var_dump(pogo_await($h) === nested(512));
?>
--EXPECTF--
bool(true)
bool(false)
ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: %s[0][0] nests deeper than 512 levels
ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: %s[0][0] nests deeper than 512 levels
int(1)
bool(true)
