--TEST--
Every pogo_stats() key is in docs/operations.md's tables and has a HELP line in examples/app/public/metrics.php, and neither names a key that pogo_stats() does not give
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
$known = array_keys(pogo_stats('default'));
preg_match_all('/^\| `([a-z_]+)` \|/m', file_get_contents(__DIR__ . '/../docs/operations.md'), $m);
$doc = $m[1];
preg_match_all("/^    '([a-z_]+)' => '/m", file_get_contents(__DIR__ . '/../examples/app/public/metrics.php'), $m);
$help = $m[1];
foreach (['operations.md' => $doc, 'metrics.php' => $help] as $file => $names) {
    $missing = array_diff($known, $names);
    $unknown = array_diff($names, $known);
    echo $file, ': ', $missing || $unknown
        ? 'missing ' . json_encode(array_values($missing)) . ', unknown ' . json_encode(array_values($unknown))
        : 'all, in the same order: ' . ($names === $known ? 'yes' : 'no'), "\n";
}
?>
--EXPECT--
operations.md: all, in the same order: yes
metrics.php: all, in the same order: yes
