<?php

/*
 * Turns the rows of a benchmark run (benchmark,impl,case,metric,value,unit)
 * into one markdown table per benchmark and the targets with met/missed,
 * printed and written to OUT.md, and writes the chart's data files to DATDIR.
 *
 *   php bench/report.php RUN.csv OUT.md DATDIR
 */

declare(strict_types=1);

[, $csvPath, $mdPath, $datDir] = $argv + [null, null, null, null];
if ($csvPath === null || $mdPath === null || $datDir === null) {
    fwrite(STDERR, "usage: report.php RUN.csv OUT.md DATDIR\n");
    exit(2);
}

/** @var array<string, array<string, array<string, array<string, list<string>>>>> $data bench → impl → case → metric → values */
$data = [];
$meta = [];
$fh = fopen($csvPath, 'r');
while (($row = fgetcsv($fh)) !== false) {
    if (count($row) < 5 || $row[0] === 'benchmark') {
        continue;
    }
    [$bench, $impl, $case, $metric, $value] = $row;
    if ($bench === 'meta') {
        $meta[$case] = $value;
        continue;
    }
    $data[$bench][$impl][$case][$metric][] = $value;
}
fclose($fh);

const NAMES = [
    'pogo' => 'Pogo',
    'seq' => 'sequential calls in the request',
    'procpool' => 'pre-started worker processes (proc_open, JSON lines)',
    'fork' => 'fork per job (pcntl_fork + socket pair)',
    'procnew' => 'new PHP process per job (proc_open)',
    'c-condvar' => 'C floor: condvar ping-pong',
    'c-spin' => 'C floor: spin, then condvar',
    'ext/json' => 'ext/json (PHP)',
    'jansson' => 'jansson (C)',
];
/** Short names for the chart. */
const SHORT = [
    'pogo' => 'Pogo', 'seq' => 'sequential', 'procpool' => 'worker procs', 'fork' => 'fork/job',
    'procnew' => 'process/job', 'c-condvar' => 'C condvar', 'c-spin' => 'C spin+condvar',
];
const IMPLS = ['pogo', 'seq', 'procpool', 'fork', 'procnew', 'c-condvar', 'c-spin'];

/** Median of the values of one metric, or null when it was not measured. */
function v(array $data, string $bench, string $impl, string $case, string $metric): ?float
{
    $values = $data[$bench][$impl][$case][$metric] ?? [];
    if ($values === []) {
        return null;
    }
    $values = array_map('floatval', $values);
    sort($values);

    return $values[intdiv(count($values) - 1, 2)];
}

function n(?float $x, int $decimals = 0): string
{
    if ($x === null) {
        return '—';
    }
    if ($decimals === 0 && abs($x) < 10 && $x != 0) {
        $decimals = abs($x) < 1 ? 2 : 1;
    }

    return number_format($x, $decimals, '.', ',');
}

function table(array $head, array $rows): string
{
    $out = '| ' . implode(' | ', $head) . " |\n|" . str_repeat('---|', count($head)) . "\n";
    foreach ($rows as $r) {
        $out .= '| ' . implode(' | ', $r) . " |\n";
    }

    return $out;
}

function impls(array $data, string $bench): array
{
    $have = array_keys($data[$bench] ?? []);

    return array_merge(array_values(array_intersect(IMPLS, $have)), array_diff($have, IMPLS));
}

$md = '';
$section = function (string $title, string $text, string $table) use (&$md) {
    $md .= "### $title\n\n" . ($text !== '' ? "$text\n\n" : '') . $table . "\n";
};
$dat = [];
$spin = $meta['pingpong_spin_ns'] ?? '';

// 1. Round trip.
$rows = [];
foreach (impls($data, 'roundtrip') as $impl) {
    $rows[] = [NAMES[$impl] ?? $impl, n(v($data, 'roundtrip', $impl, '1 thread', 'calls')),
        ...array_map(fn ($m) => n(v($data, 'roundtrip', $impl, '1 thread', $m), 1), ['median', 'p90', 'p99', 'mean'])];
    $dat['roundtrip'][] = [SHORT[$impl] ?? $impl, v($data, 'roundtrip', $impl, '1 thread', 'median'),
        v($data, 'roundtrip', $impl, '1 thread', 'p99')];
}
$section('1. Round trip (µs)', 'A job returning its argument, one at a time, on a 1-thread pool (one worker process; one child at a time). '
    . 'The C floor is two threads handing a token back and forth' . ($spin !== '' ? ' (spin: ' . ($spin / 1000) . ' µs before sleeping)' : '') . '.',
    table(['implementation', 'calls', 'median', 'p90', 'p99', 'mean'], $rows)
    . (($c = v($data, 'roundtrip', 'pogo', '1 thread', 'cpu_per_call')) !== null
        ? "\nPogo's process (all threads) used " . n($c, 1) . ' µs of CPU and ' . n(v($data, 'roundtrip', 'pogo', '1 thread', 'ctxsw_per_call'), 2)
          . " context switches per call.\n" : ''));

// 2. Throughput.
$threadsCols = ['1 thread', '2 threads', '4 threads', '8 threads'];
$rows = [];
foreach (impls($data, 'throughput') as $impl) {
    $r = [NAMES[$impl] ?? $impl];
    foreach ($threadsCols as $i => $case) {
        $jps = v($data, 'throughput', $impl, $case, 'jobs_per_s');
        $jobs = v($data, 'throughput', $impl, $case, 'jobs');
        $r[] = n($jps) . ($jps !== null && $jobs !== null && $jobs < 100000 ? ' (' . n($jobs) . ' jobs)' : '');
        if ($impl !== 'seq') {
            $dat['throughput'][$i][0] = [1, 2, 4, 8][$i];
            $dat['throughput'][$i][$impl] = $jps;
        }
    }
    $rows[] = $r;
}
$section('2. Throughput (jobs/s)', '100,000 echo jobs dispatched in batches of 1,000, each batch awaited before the next. '
    . 'The slow baselines stop after their time budget; the jobs they did are in parentheses. "Threads" are worker processes '
    . 'or concurrent children for the baselines; sequential calls use one thread.',
    table(['implementation', ...$threadsCols], $rows)
    . (isset($data['throughput']['pogo']) ? "\nPogo's CPU time (all threads) per job: " . implode(', ', array_map(
        fn ($c) => $c . ' ' . n(v($data, 'throughput', 'pogo', $c, 'cpu_per_job'), 2) . ' µs ('
            . n(v($data, 'throughput', 'pogo', $c, 'ctxsw_per_job'), 2) . ' context switches)', $threadsCols)) . ".\n" : ''));

// 2b. Fan-in.
if (isset($data['fanin']['pogo'])) {
    $rows = [];
    foreach (array_keys($data['fanin']['pogo']) as $case) {
        $rows[] = [$case, n(v($data, 'fanin', 'pogo', $case, 'median'), 2), n(v($data, 'fanin', 'pogo', $case, 'min'), 2)];
    }
    $section('2b. Fan-in (ms)', '1,000 echo jobs dispatched at once, then awaited one by one with `pogo_await()` or together '
        . 'with `pogo_await_all()`; the two alternate round by round, so that both see the same machine.',
        table(['case', 'median', 'min'], $rows));
}

// 3. Fan-out.
$rows = [];
foreach (impls($data, 'fanout') as $impl) {
    foreach (array_keys($data['fanout'][$impl]) as $case) {
        $wall = v($data, 'fanout', $impl, $case, 'wall');
        $sum = v($data, 'fanout', $impl, $case, 'sum');
        $rows[] = [NAMES[$impl] ?? $impl, $case, n($wall, 1), n($sum, 1), n(v($data, 'fanout', $impl, $case, 'slowest'), 1),
            n(v($data, 'fanout', $impl, $case, 'over_slowest'), 1) . ' %', $wall ? n($sum / $wall, 2) . '×' : '—'];
        $kind = str_contains($case, 'http') ? 'http' : 'usleep';
        $dat['fanout'][$impl]['name'] = SHORT[$impl] ?? $impl;
        $dat['fanout'][$impl][$kind] = $wall;
    }
}
$section('3. I/O fan-out (ms)', '8 jobs at once on 8 threads (8 workers, 8 children): each sleeps 200 ms, or makes one HTTP request '
    . 'to a local server that answers after 100 ms. "Slowest job" is the longest a single job took by its own clock; the '
    . 'ideal wall time equals it.',
    table(['implementation', 'jobs', 'wall', 'sum of jobs', 'slowest job', 'wall over slowest', 'sum / wall'], $rows));

// 4. CPU-bound.
$cpuCols = ['2 jobs / 2 threads', '4 jobs / 2 threads', '2 jobs / 4 threads', '4 jobs / 4 threads'];
$rows = [];
foreach (impls($data, 'cpu') as $impl) {
    $r = [NAMES[$impl] ?? $impl];
    foreach ($cpuCols as $i => $case) {
        $sp = v($data, 'cpu', $impl, $case, 'speedup');
        $r[] = $sp === null ? '—' : n($sp, 2) . '× (' . n(v($data, 'cpu', $impl, $case, 'wall')) . ' vs '
            . n(v($data, 'cpu', $impl, $case, 'seq_wall')) . ' ms)';
        $dat['cpu'][$i][0] = '"' . $case . '"';
        $dat['cpu'][$i][$impl] = $sp;
    }
    $rows[] = $r;
}
$jobMs = v($data, 'cpu', 'pogo', '2 jobs / 2 threads', 'seq_wall');
$section('4. CPU-bound speedup over sequential', 'Jobs of chained SHA-256 hashing (' . ($jobMs ? 'about ' . n($jobMs / 2) . ' ms each' : 'calibrated')
    . '); the sequential reference runs the same jobs one after another in the same process just before. Speedup: '
    . 'sequential / parallel wall time, each the best of ' . ($meta['cpu_reps'] ?? 'the') . ' reps (other processes only add time), '
    . 'then (parallel vs sequential ms).',
    table(['implementation', ...$cpuCols], $rows)
    . "\nHow much longer each job took, by its own clock, when run in parallel than when run alone (1.00× = as fast):\n\n"
    . table(['implementation', ...$cpuCols], array_map(fn ($impl) => [NAMES[$impl] ?? $impl, ...array_map(function ($case) use ($data, $impl) {
        $job = v($data, 'cpu', $impl, $case, 'job_mean');
        $seq = v($data, 'cpu', $impl, $case, 'seq_wall');
        $jobs = (int) $case;
        return $job !== null && $seq ? n($job / ($seq / $jobs), 2) . '×' : '—';
    }, $cpuCols)], impls($data, 'cpu'))));

// 5. Payload.
$sizes = ['100 B', '10 KB', '1 MB', '8 MB'];
$payImpls = array_values(array_diff(impls($data, 'payload'), ['seq']));
$rows = [];
foreach ($sizes as $i => $size) {
    $json = v($data, 'payload', 'pogo', $size, 'json_median') ?? v($data, 'payload', $payImpls[0] ?? 'pogo', $size, 'json_median');
    $r = [$size, n(v($data, 'payload', $payImpls[0] ?? 'pogo', $size, 'bytes')), n($json, 1)];
    $dat['payload'][$i][0] = '"' . $size . '"';
    foreach ($payImpls as $impl) {
        $m = v($data, 'payload', $impl, $size, 'median');
        $own = v($data, 'payload', $impl, $size, 'json_median');
        $r[] = n($m, 1) . ($m !== null && $own ? ' (' . n($m / $own, 2) . '×)' : '');
        $dat['payload'][$i][$impl] = $m !== null && $own ? $m / $own : null;
    }
    $rows[] = $r;
}
$section('5. Payload round trip (µs)', 'The echo job with an argument (and so a result) of each size: a list of small records, as JSON. '
    . 'json_encode + json_decode: the same value encoded and decoded once in one thread. In parentheses: the round trip over '
    . 'json_encode + json_decode measured in the same process just before it.',
    table(['payload', 'JSON bytes', 'json_encode + json_decode', ...array_map(fn ($i) => NAMES[$i] ?? $i, $payImpls)], $rows)
    . (isset($data['payload']['pogo']) ? "\nPogo's CPU time (all threads) per round trip: " . implode(', ', array_map(
        fn ($s) => $s . ' ' . n(v($data, 'payload', 'pogo', $s, 'cpu_per_call'), 1) . ' µs ('
            . n(v($data, 'payload', 'pogo', $s, 'ctxsw_per_call'), 2) . ' context switches)', $sizes)) . ".\n" : ''));

// JSON codecs.
$rows = [];
foreach ($sizes as $i => $size) {
    $e1 = v($data, 'codec', 'ext/json', $size, 'encode');
    $d1 = v($data, 'codec', 'ext/json', $size, 'decode');
    $e2 = v($data, 'codec', 'jansson', $size, 'encode');
    $d2 = v($data, 'codec', 'jansson', $size, 'decode');
    $t1 = $e1 !== null && $d1 !== null ? $e1 + $d1 : null;
    $t2 = $e2 !== null && $d2 !== null ? $e2 + $d2 : null;
    $rows[] = [$size, n($e1, 1), n($d1, 1), n($t1, 1), n($e2, 1), n($d2, 1), n($t2, 1), $t1 && $t2 ? n($t2 / $t1, 2) . '×' : '—'];
    $dat['codec'][$i] = ['"' . $size . '"', $t1, $t2];
}
$section('JSON codecs (µs)', 'The same payloads: ext/json through json_encode()/json_decode() in the release PHP; jansson building a json_t tree '
    . 'from C records and dumping it, then loading it and walking every value (bench/json_codec_bench.c).',
    table(['payload', 'ext/json encode', 'ext/json decode', 'ext/json total', 'jansson encode', 'jansson decode', 'jansson total', 'jansson / ext/json'], $rows));

// 6. Memory.
$rows = [];
foreach (impls($data, 'memory') as $impl) {
    foreach (array_keys($data['memory'][$impl]) as $case) {
        foreach (array_keys($data['memory'][$impl][$case]) as $metric) {
            $rows[] = [NAMES[$impl] ?? $impl, $case, strtoupper($metric), n(v($data, 'memory', $impl, $case, $metric)) . ' KB'];
        }
    }
}
$section('6. Memory', 'Resident memory (VmRSS) of the process with no pool started, then what a 16-thread pool of idle, booted threads '
    . 'added per thread (one-time costs of the first pool included), then what 8 more pools of one thread added per pool. For contrast, an idle worker process of the process '
    . 'baseline (its PSS counts shared pages once).', table(['implementation', 'what', 'metric', 'value'], $rows));

// 7. Boot.
$rows = [];
foreach (impls($data, 'boot') as $impl) {
    foreach (array_keys($data['boot'][$impl]) as $case) {
        $rows[] = [NAMES[$impl] ?? $impl, $case, (string) count($data['boot'][$impl][$case]['first_result'] ?? []),
            n(v($data, 'boot', $impl, $case, 'first_result'), 1), n(v($data, 'boot', $impl, $case, 'all_serving'), 1)];
    }
}
$section('7. Boot (ms)', 'From the first dispatch to a pool of 8 threads (8 worker processes, started then) whose bootstrap requires '
    . ($meta['boot_classes'] ?? '200') . ' generated class files, until the first result; and until all 8 serve (8 jobs of 200 ms '
    . 'dispatched at once end 200 ms after the last one started). Median over fresh processes.',
    table(['implementation', 'setup', 'runs', 'first result', 'all 8 serving'], $rows));

// Idle CPU and reboot.
$rows = [];
foreach (array_keys($data['idle']['pogo'] ?? []) as $case) {
    $rows[] = [$case, n(v($data, 'idle', 'pogo', $case, 'cpu'), 2) . ' ms', n(v($data, 'idle', 'pogo', $case, 'cpu_share'), 3) . ' %'];
}
$section('Idle pool CPU', 'getrusage() of the whole process while its 4-thread pool, booted and warm, has nothing to do.',
    table(['what', 'CPU time (user + system)', 'share of one core'], $rows));
$reboot = v($data, 'reboot', 'pogo', 'worker reboot', 'cost');
$section('Worker reboot', 'What a job that breaks its worker (exit()) costs the next job on a 1-thread pool, beyond a plain job (bench/reboot.php).',
    table(['what', 'µs (median)'], [['worker reboot', n($reboot)]]));

// A busy machine: one CPU-bound process per core (tools/bench.sh's busy pass).
$rows = [];
foreach (impls($data, 'busy-roundtrip') as $impl) {
    $tpCase = isset($data['busy-throughput'][$impl]['2 threads']) ? '2 threads' : '1 thread';
    $rows[] = [NAMES[$impl] ?? $impl, n(v($data, 'roundtrip', $impl, '1 thread', 'median'), 1),
        n(v($data, 'busy-roundtrip', $impl, '1 thread', 'median'), 1), $tpCase,
        n(v($data, 'throughput', $impl, $tpCase, 'jobs_per_s')), n(v($data, 'busy-throughput', $impl, $tpCase, 'jobs_per_s'))];
}
if ($rows !== []) {
    $section('Quiet and busy machine', 'The same round trip and throughput (batches of 1,000) with one CPU-bound process per core running.',
        table(['implementation', 'round trip median, quiet (µs)', 'busy (µs)', 'throughput', 'quiet (jobs/s)', 'busy (jobs/s)'], $rows));
}

// The speed targets: this build against the baseline build (bench/targets.php), medians over the rounds.
$tv = fn (string $label, string $pass, string $case, string $metric) => v($data, 'targets', $label, "$pass: $case", $metric);
$ratio = fn (?float $a, ?float $b) => $a === null || !$b ? null : $a / $b;
$x = fn (?float $r) => $r === null ? '—' : n($r, 2) . '×';
$check = fn (?float $r, bool $ok) => $r === null ? 'not measured' : ($ok ? '**met**' : '**missed**');
$st = [];
$base = $meta['baseline'] ?? '';
foreach (['quiet', 'busy'] as $pass) {
    foreach (['records', 'html', 'floats'] as $shape) {
        foreach (['10 KB', '1 MB'] as $size) {
            $case = "payload $shape $size";
            $r = $ratio($tv('pogo', $pass, $case, 'median'), $tv('pogo', $pass, $case, 'json_median'));
            $rb = $ratio($tv('pogo-base', $pass, $case, 'median'), $tv('pogo-base', $pass, $case, 'json_median'));
            $st[] = [$pass, "$case ≤ 1.0× json_encode + json_decode", n($tv('pogo', $pass, $case, 'median')) . ' µs', $x($r),
                $x($rb), $check($r, $r !== null && $r <= 1.0)];
        }
    }
    $triv = $tv('pogo', $pass, 'round trip, trivial', 'median');
    $trivBase = $tv('pogo-base', $pass, 'round trip, trivial', 'median');
    $r = $ratio($triv, $trivBase);
    $st[] = [$pass, 'trivial round trip ≤ 1.0× the baseline', n($triv, 1) . ' µs (baseline ' . n($trivBase, 1) . ' µs)', $x($r), '',
        $check($r, $r !== null && $r <= 1.0)];
    $hundred = $tv('pogo', $pass, 'round trip, 100 B', 'median');
    $r = $ratio($hundred, $triv);
    $st[] = [$pass, '100 B round trip ≤ 2× the trivial one', n($hundred, 1) . ' µs', $x($r),
        $x($ratio($tv('pogo-base', $pass, 'round trip, 100 B', 'median'), $trivBase)), $check($r, $r !== null && $r <= 2.0)];
    $tp = $tv('pogo', $pass, 'throughput, 2 threads', 'jobs_per_s');
    $tpBase = $tv('pogo-base', $pass, 'throughput, 2 threads', 'jobs_per_s');
    $r = $ratio($tp, $tpBase);
    $st[] = [$pass, 'throughput, 2 threads ≥ 1.5× the baseline', n($tp) . ' jobs/s (baseline ' . n($tpBase) . ')', $x($r), '',
        $check($r, $r !== null && $r >= 1.5)];
}
$grow = $tv('pogo', 'quiet', 'memory per job', 'bytes_per_job');
$st[] = ['quiet', 'no memory growth per job (≤ 16 B a job, RSS)', n($grow, 1) . ' B', '', n($tv('pogo-base', 'quiet', 'memory per job', 'bytes_per_job'), 1) . ' B',
    $check($grow, $grow !== null && $grow <= 16)];
$idle = null;
foreach (array_keys($data['idle']['pogo'] ?? []) as $case) {
    $idle = v($data, 'idle', 'pogo', $case, 'cpu_share');
}
$st[] = ['quiet', 'idle pool: no CPU after its spin budget (≤ 0.1 % of a core)', n($idle, 3) . ' %', '', '', $check($idle, $idle !== null && $idle <= 0.1)];
if (isset($data['targets'])) {
    $section('Speed targets', 'This build (Pogo ' . ($meta['commit'] ?? '?') . ') and the baseline build'
        . ($base !== '' ? " ($base)" : ' (none)') . ' took turns, ' . count($data['targets']['pogo']['quiet: round trip, trivial']['median'] ?? [])
        . ' round(s) a pass; figures are medians over the rounds (bench/targets.php). Busy: one CPU-bound process per core.',
        table(['pass', 'target', 'this build', 'ratio', 'baseline\'s ratio', 'verdict'], $st));
}

// The payload cases' own strings: fresh (the targets) and dispatched again, PHP's UTF-8 mark on them.
$rows = [];
foreach (['quiet', 'busy'] as $pass) {
    foreach (['records', 'html', 'floats'] as $shape) {
        foreach (['10 KB', '1 MB'] as $size) {
            $again = $tv('pogo', $pass, "payload $shape $size", 'again_median');
            if ($again !== null) {
                $rows[] = [$pass, "payload $shape $size", n($tv('pogo', $pass, "payload $shape $size", 'median')),
                    n($again), n($tv('pogo', $pass, "payload $shape $size", 'json_median'))];
            }
        }
    }
}
if ($rows !== []) {
    $section('Payloads dispatched again', 'The targets above time each round trip on a fresh copy of the value, whose strings '
        . 'no one has checked. Dispatched again, the same strings carry PHP\'s mark of valid UTF-8 (docs/design.md), and '
        . 'the check is skipped; so are the strings a job returns from its arguments. Medians in µs.',
        table(['pass', 'case', 'fresh copy', 'the same value again', 'json_encode + json_decode'], $rows));
}

// Targets.
$t = [];
$verdict = fn (?bool $ok) => $ok === null ? 'not measured' : ($ok ? '**met**' : '**missed**');
$median = v($data, 'roundtrip', 'pogo', '1 thread', 'median');
$p99 = v($data, 'roundtrip', 'pogo', '1 thread', 'p99');
$t[] = ['round trip median ≤ 10 µs', n($median, 1) . ' µs', $verdict($median === null ? null : $median <= 10)];
$t[] = ['round trip p99 ≤ 100 µs', n($p99, 1) . ' µs', $verdict($p99 === null ? null : $p99 <= 100)];
$tp2 = v($data, 'throughput', 'pogo', '2 threads', 'jobs_per_s');
$t[] = ['throughput ≥ 200,000 jobs/s with 2 threads', n($tp2) . ' jobs/s', $verdict($tp2 === null ? null : $tp2 >= 200000)];
$fan = array_filter([v($data, 'fanout', 'pogo', '8 x usleep', 'over_slowest'), v($data, 'fanout', 'pogo', '8 x http', 'over_slowest')],
    fn ($x) => $x !== null);
$t[] = ['I/O fan-out within 5 % of the slowest job', 'usleep ' . n(v($data, 'fanout', 'pogo', '8 x usleep', 'over_slowest'), 1)
    . ' %, http ' . n(v($data, 'fanout', 'pogo', '8 x http', 'over_slowest'), 1) . ' %', $verdict($fan === [] ? null : max($fan) <= 5)];
$cpu2 = v($data, 'cpu', 'pogo', '2 jobs / 2 threads', 'speedup');
$t[] = ['CPU-bound ≥ 1.9× on 2 threads (2 jobs)', n($cpu2, 2) . '× (4 jobs: ' . n(v($data, 'cpu', 'pogo', '4 jobs / 2 threads', 'speedup'), 2) . '×)',
    $verdict($cpu2 === null ? null : $cpu2 >= 1.9)];
$ratios = [];
foreach ($sizes as $size) {
    $m = v($data, 'payload', 'pogo', $size, 'median');
    $j = v($data, 'payload', 'pogo', $size, 'json_median');
    if ($m !== null && $j) {
        $ratios[$size] = $m / $j;
    }
}
$t[] = ['payload round trip ≤ 1.5× json_encode + json_decode', implode(', ', array_map(fn ($s, $r) => "$s " . n($r, 2) . '×', array_keys($ratios), $ratios)),
    $verdict($ratios === [] ? null : max($ratios) <= 1.5)];
$mem = v($data, 'memory', 'pogo', 'per idle thread (16-thread pool)', 'rss');
$t[] = ['≤ 1 MB RSS per idle worker thread', n($mem) . ' KB', $verdict($mem === null ? null : $mem <= 1024)];
$section('Targets', '', table(['target', 'Pogo', 'verdict'], $t));
$bg = [];
foreach ($meta as $key => $value) {
    if (str_starts_with($key, 'background: ')) {
        $bg[] = substr($key, 12) . ' ' . $value . ' %';
    }
}
if ($bg !== []) {
    $md .= "### Run conditions\n\nCPU share other processes used while each step ran (/proc/stat minus this run's own processes): "
        . implode('; ', $bg) . ".\n";
}

// Header.
$head = '## Benchmark run: ' . ($meta['mode'] ?? '?') . ', ' . ($meta['date'] ?? '') . "\n\n"
    . '- machine: ' . ($meta['nproc'] ?? '?') . ' CPUs (nproc), ' . ($meta['cpu_model'] ?? '?')
    . (($meta['hypervisor'] ?? '') !== '' ? ' (' . $meta['hypervisor'] . ' guest)' : '')
    . (isset($meta['mem_mb']) ? ', ' . number_format((float) $meta['mem_mb'] / 1024, 1) . ' GB RAM' : '') . ', Linux ' . ($meta['kernel'] ?? '?') . "\n"
    . '- PHP ' . ($meta['php'] ?? '?') . ', the -O2 release build (opcache off unless said); Pogo ' . ($meta['commit'] ?? '?') . "\n"
    . '- load before the run: ' . ($meta['busy_before'] ?? '?') . ' % of the CPUs busy; other processes during the run: '
    . ($meta['background_cpu'] ?? '?') . ' % of the CPUs' . (isset($meta['duration_s']) ? '; the benchmarks took ' . $meta['duration_s'] . ' s' : '')
    . "\n\n";
$md = $head . $md;
file_put_contents($mdPath, $md);
echo $md;

// Chart data: one file per panel, "?" where a figure is missing.
@mkdir($datDir, 0777, true);
$fmt = fn ($x) => $x === null ? '?' : (is_string($x) ? $x : sprintf('%.6g', $x));
$lines = array_map(fn ($r) => '"' . $r[0] . '" ' . $fmt($r[1]) . ' ' . $fmt($r[2]), $dat['roundtrip'] ?? []);
file_put_contents("$datDir/roundtrip.dat", implode("\n", $lines) . "\n");
$cols = ['pogo', 'procpool', 'fork', 'procnew'];
foreach (['throughput', 'cpu', 'payload'] as $panel) {
    $lines = ['x ' . implode(' ', array_map(fn ($c) => '"' . SHORT[$c] . '"', $cols))];
    foreach ($dat[$panel] ?? [] as $r) {
        $lines[] = $fmt($r[0]) . ' ' . implode(' ', array_map(fn ($c) => $fmt($r[$c] ?? null), $cols));
    }
    file_put_contents("$datDir/$panel.dat", implode("\n", $lines) . "\n");
}
$lines = [];
foreach ($dat['fanout'] ?? [] as $r) {
    $lines[] = '"' . $r['name'] . '" ' . $fmt($r['usleep'] ?? null) . ' ' . $fmt($r['http'] ?? null);
}
file_put_contents("$datDir/fanout.dat", implode("\n", $lines) . "\n");
$lines = array_map(fn ($r) => $fmt($r[0]) . ' ' . $fmt($r[1]) . ' ' . $fmt($r[2]), $dat['codec'] ?? []);
file_put_contents("$datDir/codec.dat", implode("\n", $lines) . "\n");
file_put_contents("$datDir/title.txt", ($meta['mode'] ?? '') . ' run, ' . ($meta['date'] ?? '') . ', ' . ($meta['nproc'] ?? '?')
    . ' CPUs ' . ($meta['cpu_model'] ?? '') . ', PHP ' . ($meta['php'] ?? '') . "\n");
