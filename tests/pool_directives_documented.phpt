--TEST--
Every pool directive that Pogo knows (its phpinfo() table) is in the README's table and in pogo.ini, and neither names one that Pogo does not know
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/fixtures/phpinfo.inc';
$known = array_keys(array_diff_key(pogo_test_phpinfo_pools()['default'], ['running' => 1, 'status' => 1]));
echo implode(', ', $known), "\n";
$readme = file_get_contents(__DIR__ . '/../README.md');
$ini = file_get_contents(__DIR__ . '/../pogo.ini');
preg_match_all('/^\| `([a-z_]+)` \|/m', $readme, $m);
$inReadme = $m[1];
preg_match_all('/^;pogo\.pool\.default\.([a-z_]+) =/m', $ini, $m);
$inIni = array_values(array_unique($m[1]));
foreach (['README.md' => $inReadme, 'pogo.ini' => $inIni] as $file => $names) {
    $missing = array_diff($known, $names);
    $unknown = array_diff($names, $known);
    echo $file, ': ', $missing || $unknown
        ? 'missing ' . json_encode(array_values($missing)) . ', unknown ' . json_encode(array_values($unknown))
        : 'all, in the same order: ' . ($names === $known ? 'yes' : 'no'), "\n";
}
?>
--EXPECT--
worker, bootstrap, num_threads, max_wait, max_execution_time, max_jobs, max_queue
README.md: all, in the same order: yes
pogo.ini: all, in the same order: yes
