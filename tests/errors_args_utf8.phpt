--TEST--
pogo_dispatch() refuses strings and keys that are not valid UTF-8, naming the path
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
$cases = [
    'lone byte' => ['name' => "caf\xe9"],
    'nested' => ['list' => ['ok', ['deeper' => "\xc3\x28"]]],
    'truncated' => ['t' => "\xe6\x97"],
    'overlong' => ['o' => "\xc0\xaf"],
    'surrogate' => ['s' => "\xed\xa0\x80"],
    'key' => ["k\xff" => 1],
];
foreach ($cases as $name => $args) {
    try {
        pogo_dispatch(EchoJob::class, $args);
        echo "$name: dispatched\n";
    } catch (ValueError $e) {
        echo "$name: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump(pogo_dispatch(EchoJob::class, ['value' => "caf\u{e9} \u{65e5}\u{672c}"]));
var_dump(pogo_await(1));
?>
--EXPECT--
lone byte: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['name'] is a string that is not valid UTF-8
nested: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['list'][1]['deeper'] is a string that is not valid UTF-8
truncated: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['t'] is a string that is not valid UTF-8
overlong: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['o'] is a string that is not valid UTF-8
surrogate: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['s'] is a string that is not valid UTF-8
key: ValueError: pogo_dispatch(): Argument #2 ($args) must be JSON-compatible: $args['k\xFF'] has a key that is not valid UTF-8
int(1)
string(12) "café 日本"
