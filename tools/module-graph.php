<?php
// Pogo's module graph: which of its C modules include or call which, and a
// check that the graph runs one way (docs/design.md, "Layers").
//
//   php tools/module-graph.php [OBJECT_DIR]
//
// A module is a .c file and its .h (worker.c + worker.h = worker). Includes
// are read from the sources; calls from the object files in OBJECT_DIR
// (nm: what each object needs and what each defines), when given. What the
// public header php_pogo.h declares (the module globals, the class entries,
// TSRM's cache) counts as php_pogo's, wherever PHP's layout defines it (in
// pogo.c, as php-src's extensions do in their main file). Prints
// each module's layer and what it depends on, then one line per rule
// broken: a cycle, or a module that depends on a higher layer. Ends with
// "N passed, N failed" and exits 1 if any rule is broken.

declare(strict_types=1);

// Lowest first. A module may use its own layer and the ones below it.
const LAYERS = [
    'base' => ['pogo_error', 'utf8', 'json_codec', 'json_envelope', 'json_internal', 'value_path', 'value_codec', 'value_decode', 'value_internal', 'php_pogo', 'pogo_arginfo'],
    'queue' => ['job_sync', 'job', 'job_queue', 'job_waiter'],
    'pool' => ['thread_stats', 'config_value', 'pool_config', 'pool', 'pool_stop', 'pool_stats'],
    'worker' => ['sapi_guard', 'job_runner', 'worker_boot', 'worker'],
    'surface' => ['outcome', 'dispatch', 'await', 'await_set', 'pogo'],
];

$root = dirname(__DIR__);
$objects = $argv[1] ?? null;

$rank = [];
$layerOf = [];
foreach (array_keys(LAYERS) as $i => $layer) {
    foreach (LAYERS[$layer] as $module) {
        $rank[$module] = $i;
        $layerOf[$module] = $layer;
    }
}

$failed = [];
$checks = 0;

/** @return string the module a source or object file belongs to */
function module_of(string $file): string
{
    return preg_replace('/\.(c|h|o|lo)$/', '', basename($file));
}

// --- includes ------------------------------------------------------------
$edges = []; // module => [module => 'include' | 'call' | 'include, call']
$files = array_merge(glob("$root/*.c"), glob("$root/*.h"));
foreach ($files as $file) {
    $from = module_of($file);
    if ($from === 'config') {
        continue; // configure's, in an in-tree build
    }
    if (!isset($rank[$from])) {
        $failed[] = "module $from (" . basename($file) . ") is in no layer: add it to LAYERS in tools/module-graph.php";
        continue;
    }
    preg_match_all('/^#\s*include\s+"([a-z_]+)\.h"/m', file_get_contents($file), $m);
    foreach ($m[1] as $header) {
        if ($header === $from || $header === 'config' || !is_file("$root/$header.h")) {
            continue; // itself, PHP's own (php.h), or configure's config.h
        }
        $edges[$from][$header]['include'] = true;
    }
}

// --- calls (object files) --------------------------------------------------
if ($objects !== null) {
    $objs = glob(rtrim($objects, '/') . '/*.o');
    if (!$objs) {
        fwrite(STDERR, "module-graph: no object files in $objects\n");
        exit(2);
    }
    $definedBy = [];
    $needs = [];
    // php_pogo.h's declarations: extern variables, the module globals, TSRM's cache.
    $public = ['pogo_globals_id', 'pogo_globals_offset', '_tsrm_ls_cache', 'pogo_globals'];
    preg_match_all('/^extern\s+[^;(]*?\**\s*(\w+)\s*;/m', file_get_contents("$root/php_pogo.h"), $m);
    $public = array_merge($public, $m[1]);
    foreach ($objs as $obj) {
        $module = module_of($obj);
        if (!isset($rank[$module])) {
            continue;
        }
        $out = [];
        exec('nm ' . escapeshellarg($obj), $out, $status);
        if ($status !== 0) {
            fwrite(STDERR, "module-graph: nm failed on $obj\n");
            exit(2);
        }
        foreach ($out as $line) {
            if (preg_match('/^\s*U (\S+)$/', $line, $s)) {
                $needs[$module][] = $s[1];
            } elseif (preg_match('/^[0-9a-f]+ [TDBR] (\S+)$/', $line, $s)) {
                $definedBy[$s[1]] = $module;
            }
        }
    }
    foreach ($needs as $from => $symbols) {
        foreach ($symbols as $symbol) {
            $to = in_array($symbol, $public, true) ? 'php_pogo' : ($definedBy[$symbol] ?? null);
            if ($to !== null && $to !== $from) {
                $edges[$from][$to]['call'] = true;
            }
        }
    }
}

// --- the rules -------------------------------------------------------------
foreach ($edges as $from => $tos) {
    foreach ($tos as $to => $how) {
        $checks++;
        if (!isset($rank[$to])) {
            continue; // reported above
        }
        if ($rank[$to] > $rank[$from]) {
            $failed[] = sprintf('%s (%s) uses %s (%s, a higher layer) by %s', $from, $layerOf[$from], $to,
                $layerOf[$to], implode(' and ', array_map(fn ($k) => $k === 'call' ? 'calls' : 'includes', array_keys($how))));
        }
    }
}

// Cycles: a depth-first walk; each back edge closes one.
$state = [];
$stack = [];
$walk = function (string $m) use (&$walk, &$state, &$stack, &$failed, $edges): void {
    $state[$m] = 1;
    $stack[] = $m;
    foreach (array_keys($edges[$m] ?? []) as $to) {
        if (($state[$to] ?? 0) === 1) {
            $cycle = array_slice($stack, array_search($to, $stack, true));
            $failed[] = 'cycle: ' . implode(' -> ', $cycle) . " -> $to";
        } elseif (($state[$to] ?? 0) === 0) {
            $walk($to);
        }
    }
    array_pop($stack);
    $state[$m] = 2;
};
foreach (array_keys($rank) as $m) {
    $checks++;
    if (($state[$m] ?? 0) === 0) {
        $walk($m);
    }
}

// --- the graph -------------------------------------------------------------
foreach (array_reverse(array_keys(LAYERS)) as $layer) {
    echo "$layer:\n";
    foreach (LAYERS[$layer] as $m) {
        $uses = [];
        foreach ($edges[$m] ?? [] as $to => $how) {
            $uses[] = $to . ($objects !== null && !isset($how['call']) ? ' (types only)' : '');
        }
        sort($uses);
        printf("  %-14s -> %s\n", $m, $uses ? implode(', ', $uses) : '-');
    }
}
echo $objects === null ? "(includes only: give the object directory for calls)\n" : "(includes and calls)\n";
foreach ($failed as $line) {
    echo "FAIL $line\n";
}
printf("%d passed, %d failed\n", $checks - count($failed), count($failed));
exit($failed ? 1 : 0);
