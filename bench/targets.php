<?php

/*
 * The figures of the speed targets (docs/benchmarks.md, "Targets"), for one
 * build of Pogo and one pass (quiet, or busy: tools/bench.sh starts one
 * CPU-bound process per core around it). Prints CSV rows
 * (targets,LABEL,PASS: CASE,metric,value,unit); tools/bench.sh runs it for
 * this build and for the baseline build in turns, and bench/report.php
 * takes the medians and the ratios. Uses pogo_dispatch() and pogo_await()
 * only, so that an older build runs it too.
 *
 *   php bench/targets.php LABEL PASS [quick]
 *
 * Needs the pools p1 (1 thread) and p2 (2 threads), bootstrap bench/jobs.php.
 */

declare(strict_types=1);

require __DIR__ . '/lib.php';

[, $label, $pass] = $argv + [null, 'pogo', 'quiet'];
$quick = ($argv[3] ?? '') === 'quick';

function t_row(string $case, string $metric, float|int $value, string $unit): void
{
    global $label, $pass;
    bench_row('targets', $label, "$pass: $case", $metric, $value, $unit);
}

/**
 * Median ns of $n round trips of each of $argsList on pool p1 (at most $maxS
 * seconds), in turns: one of each, then again. A ratio of two of them then
 * compares round trips made under the same conditions; measured one after
 * the other, the two would each catch whatever the machine did meanwhile
 * (on a busy machine, where the scheduler happens to put the threads
 * changes a round trip several times over).
 *
 * @return list<float>
 */
function t_roundtrips(array $argsList, int $n, float $maxS): array
{
    $samples = [];
    foreach ($argsList as $k => $args) {
        $check = pogo_await(pogo_dispatch(BenchEcho::class, $args, 'p1'), BENCH_WAIT);
        bench_check($check === $args['v'], 'round trip');
        $samples[$k] = [];
    }
    $stop = hrtime(true) + (int) ($maxS * 1e9);
    for ($i = 0; $i < $n && ($i < 3 || hrtime(true) < $stop); $i++) {
        foreach ($argsList as $k => $args) {
            $t = hrtime(true);
            pogo_await(pogo_dispatch(BenchEcho::class, $args, 'p1'), BENCH_WAIT);
            $samples[$k][] = hrtime(true) - $t;
        }
    }

    return array_map('bench_median', $samples);
}

/** Median ns of $n round trips of $args on pool p1 (at most $maxS seconds). */
function t_roundtrip(array $args, int $n, float $maxS): float
{
    return t_roundtrips([$args], $n, $maxS)[0];
}

/**
 * Median ns of $fn on a fresh copy of the value serialized in $ser, $n times
 * (at most $maxS seconds): strings no one has checked yet, like the data a
 * request has just built (Pogo skips the UTF-8 check of a string PHP knows
 * is valid). The copies are made 8 at a time before the clock starts, then
 * $wake runs untimed, so that the timed calls run back to back as in
 * t_roundtrips(): a copy made between two round trips would let the worker
 * fall asleep (unserialize() of 10 KB of floats takes longer than its spin)
 * and time a wake-up instead of the payload.
 */
function t_fresh(callable $fn, ?callable $wake, string $ser, int $n, float $maxS): float
{
    $samples = [];
    $stop = hrtime(true) + (int) ($maxS * 1e9);
    for ($i = 0; $i < $n && ($i < 3 || hrtime(true) < $stop);) {
        $copies = [];
        for ($k = 0; $k < 8 && $i + $k < $n; $k++) {
            $copies[] = unserialize($ser);
        }
        if ($wake !== null) {
            $wake();
        }
        foreach ($copies as $copy) {
            $t = hrtime(true);
            $fn($copy);
            $samples[] = hrtime(true) - $t;
            $i++;
        }
        unset($copies, $copy);
    }

    return bench_median($samples);
}

/** A list of HTML fragments (1-4 KB strings: quotes, slashes, non-ASCII) of about $bytes of JSON. */
function t_html(int $bytes): array
{
    $out = [];
    $len = 2;
    for ($i = 0; $len < $bytes; $i++) {
        $cell = "<td class=\"price\" data-id=\"$i\">Crème brûlée — 12,50 € <a href=\"/menu/$i/\">voir</a> 🍮</td>";
        $html = '<tr>' . str_repeat($cell, 10 + $i % 30) . '</tr>';
        $out[] = ['id' => $i, 'html' => $html];
        $len += strlen(json_encode(end($out), BENCH_JSON_FLAGS)) + 1;
    }

    return $out;
}

/** Lists of 16 floats of full precision (negative, tiny, large) of about $bytes of JSON. */
function t_floats(int $bytes): array
{
    mt_srand(11);
    $out = [];
    $len = 2;
    while ($len < $bytes) {
        $row = [];
        for ($k = 0; $k < 16; $k++) {
            $x = mt_rand() / mt_getrandmax();
            $row[] = match ($k % 4) {
                0 => $x * 1e6,
                1 => -$x,
                2 => $x * 1e-9,
                default => $x * 1e15,
            };
        }
        $out[] = $row;
        $len += strlen(json_encode($row, BENCH_JSON_FLAGS)) + 1;
    }

    return $out;
}

// 1. Trivial round trip and 100 B of arguments and result.
$calls = $quick ? 3000 : 10000;
$hundred = ['v' => ['sku' => 'apple-1234', 'qty' => 3, 'price' => 12.5, 'note' => str_repeat('x', 40)]];
$bytes100 = strlen(json_encode($hundred, BENCH_JSON_FLAGS));
[$trivial, $median100] = t_roundtrips([['v' => 1], $hundred], $calls, 20);
t_row('round trip, trivial', 'median', $trivial / 1e3, 'us');
t_row('round trip, 100 B', 'median', $median100 / 1e3, 'us');
t_row('round trip, 100 B', 'bytes', $bytes100, 'B');

// 2. Throughput, 2 threads: trivial jobs in batches of 1,000.
$total = $quick ? 30000 : 100000;
$runner = new PogoRunner('p2');
$runner->all(BenchEcho::class, array_map(fn ($i) => ['v' => $i], range(1, 100)));
$done = 0;
$t0 = hrtime(true);
$stop = $t0 + (int) (($quick ? 5 : 15) * 1e9);
while ($done < $total && ($done === 0 || hrtime(true) < $stop)) {
    $results = $runner->all(BenchEcho::class, array_map(fn ($i) => ['v' => $i], range(0, 999)));
    bench_check($results === range(0, 999), 'batch');
    $done += 1000;
}
t_row('throughput, 2 threads', 'jobs_per_s', $done / ((hrtime(true) - $t0) / 1e9), 'jobs/s');

// 3. Payloads, as argument and result, against json_encode + json_decode here:
// each on a fresh copy, then Pogo's round trip of one value over and over.
$shapes = ['records' => 'bench_payload', 'html' => 't_html', 'floats' => 't_floats'];
foreach ($shapes as $shape => $make) {
    foreach ([10000, 1 << 20] as $size) {
        $value = $make($size);
        $case = "payload $shape " . bench_size_label($size);
        $n = $size > 100000 ? ($quick ? 5 : 20) : ($quick ? 200 : 1000);
        $ser = serialize($value);
        $json = t_fresh(fn ($v) => json_decode(json_encode($v, BENCH_JSON_FLAGS), true), null, $ser, $n, 5);
        $pogo = t_fresh(
            fn ($v) => pogo_await(pogo_dispatch(BenchEcho::class, ['v' => $v], 'p1'), BENCH_WAIT),
            fn () => pogo_await(pogo_dispatch(BenchEcho::class, ['v' => 0], 'p1'), BENCH_WAIT),
            $ser,
            $n,
            10
        );
        $again = t_roundtrip(['v' => $value], $n, 10);
        t_row($case, 'median', $pogo / 1e3, 'us');
        t_row($case, 'json_median', $json / 1e3, 'us');
        t_row($case, 'again_median', $again / 1e3, 'us');
        t_row($case, 'bytes', strlen(json_encode($value, BENCH_JSON_FLAGS)), 'B');
    }
}

// 4. Memory per job: RSS after N and after 10 N more trivial jobs (quiet pass only).
if ($pass === 'quiet') {
    $n = $quick ? 5000 : 20000;
    $batch = static function (int $count) use ($runner): void {
        for ($done = 0; $done < $count; $done += 1000) {
            $runner->all(BenchEcho::class, array_map(fn ($i) => ['v' => $i], range(0, 999)));
        }
    };
    $batch($n);
    gc_collect_cycles();
    $rss0 = bench_rss_kb();
    $batch(10 * $n);
    gc_collect_cycles();
    $rss1 = bench_rss_kb();
    t_row('memory per job', 'bytes_per_job', ($rss1 - $rss0) * 1024 / (10 * $n), 'B');
}
$runner->close();
