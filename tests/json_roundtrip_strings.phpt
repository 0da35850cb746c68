--TEST--
JSON round-trip: unicode strings, quotes, backslashes, slashes, control characters and NUL bytes come back identical
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
pogo.pool.default.bootstrap={PWD}/fixtures/jobs.inc
pogo.pool.default.num_threads=1
--FILE--
<?php
$values = [
    'empty' => '',
    'ascii' => 'hello',
    'accent' => 'é',
    'cjk' => '日本',
    'emoji' => '😀👍🏽',
    'mixed' => "Zoë's café: 日本 \u{1F600}",
    'quotes' => 'say "hi" and \'bye\'',
    'backslashes' => 'C:\\path\\to\\file \\n not a newline',
    'slashes' => 'https://example.com/a/b</script>',
    'nul' => "a\0b\0",
    'controls' => "tab\t newline\n cr\r bell\x07 esc\x1b del\x7f",
    'line separators' => "\u{2028}\u{2029}",
    'bom' => "\u{FEFF}x",
    'max code point' => "\u{10FFFF}",
    'numeric' => '0123',
    'float-like' => '1.0',
    'json' => '{"ok":false,"error":"x"}',
];
foreach ($values as $name => $v) {
    $back = pogo_await(pogo_dispatch(EchoJob::class, ['value' => $v]));
    echo $name, ': ', $back === $v ? 'same' : 'DIFFERENT ' . bin2hex($back), ' (', strlen($v), " bytes)\n";
}
// Strings as keys too.
$keyed = ['é' => 1, '日本' => 2, "nul\0key" => 3, '"q"' => 4, '' => 5];
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => $keyed])) === $keyed);
var_dump(pogo_await(pogo_dispatch(EchoJob::class, ['value' => 'café 日本 😀'])));
?>
--EXPECT--
empty: same (0 bytes)
ascii: same (5 bytes)
accent: same (2 bytes)
cjk: same (6 bytes)
emoji: same (12 bytes)
mixed: same (25 bytes)
quotes: same (18 bytes)
backslashes: same (32 bytes)
slashes: same (32 bytes)
nul: same (4 bytes)
controls: same (33 bytes)
line separators: same (6 bytes)
bom: same (4 bytes)
max code point: same (4 bytes)
numeric: same (4 bytes)
float-like: same (3 bytes)
json: same (24 bytes)
bool(true)
string(17) "café 日本 😀"
