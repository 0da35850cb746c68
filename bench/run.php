<?php

/*
 * Runs one benchmark with one implementation and prints CSV rows
 * (benchmark,impl,case,metric,value,unit) on standard output; progress and
 * notes go to standard error. Prints numbers; asserts nothing but results.
 *
 *   php bench/run.php BENCHMARK IMPL [key=value ...]
 *
 * IMPL: pogo (needs the extension and the pools tools/bench.sh configures:
 * p1 p2 p4 p8 p16 with bench/jobs.php as bootstrap, m1..m8 of one thread,
 * boot), seq, fork, procpool, procnew; see each benchmark for which apply.
 */

declare(strict_types=1);

require __DIR__ . '/lib.php';

[$bench, $impl] = [$argv[1] ?? '', $argv[2] ?? ''];
$opt = [];
foreach (array_slice($argv, 3) as $kv) {
    [$k, $v] = explode('=', $kv, 2) + [1 => '1'];
    $opt[$k] = $v;
}
$o = fn (string $key, $default) => $opt[$key] ?? $default;
$oi = fn (string $key, int $default) => (int) ($opt[$key] ?? $default);
$of = fn (string $key, float $default) => (float) ($opt[$key] ?? $default);
bench_busy(($opt['busy'] ?? '0') === '1');

/** CPU time (user + system) of this process, all threads, in µs; context switches. */
function bench_rusage(): array
{
    $r = getrusage();

    return [($r['ru_utime.tv_sec'] + $r['ru_stime.tv_sec']) * 1e6 + $r['ru_utime.tv_usec'] + $r['ru_stime.tv_usec'],
        $r['ru_nvcsw'] + $r['ru_nivcsw']];
}

switch ($bench) {
    // 1. One job at a time on one thread (or one worker): median, p90, p99.
    case 'roundtrip':
        $runner = bench_runner($impl, 1);
        $calls = $oi('calls', 10000);
        foreach (range(1, min(200, $calls)) as $i) {
            $runner->await($runner->dispatch(BenchEcho::class, ['v' => $i]));
        }
        [$cpu0, $cs0] = bench_rusage();
        $samples = bench_sample(function (int $i) use ($runner) {
            bench_check($runner->await($runner->dispatch(BenchEcho::class, ['v' => $i])) === $i, "echo $i");
        }, $calls, $of('max_s', 60));
        [$cpu1, $cs1] = bench_rusage();
        $case = '1 thread';
        bench_row('roundtrip', $impl, $case, 'calls', count($samples), 'calls');
        bench_row('roundtrip', $impl, $case, 'median', bench_median($samples) / 1e3, 'us');
        bench_row('roundtrip', $impl, $case, 'p90', bench_pct($samples, 0.9) / 1e3, 'us');
        bench_row('roundtrip', $impl, $case, 'p99', bench_pct($samples, 0.99) / 1e3, 'us');
        bench_row('roundtrip', $impl, $case, 'mean', array_sum($samples) / count($samples) / 1e3, 'us');
        if ($impl === 'pogo') { // all of its threads; a baseline's children are not in this process
            bench_row('roundtrip', $impl, $case, 'cpu_per_call', ($cpu1 - $cpu0) / count($samples), 'us');
            bench_row('roundtrip', $impl, $case, 'ctxsw_per_call', ($cs1 - $cs0) / count($samples), 'switches');
        }
        $runner->close();
        break;

    // 2. $total jobs in batches of $batch: dispatch a batch, await it, repeat.
    case 'throughput':
        $total = $oi('total', 100000);
        $batch = $oi('batch', 1000);
        $threadsList = $impl === 'seq' ? [1] : array_map('intval', explode(',', $o('threads', '1,2,4,8')));
        foreach ($threadsList as $threads) {
            $runner = bench_runner($impl, $threads);
            $runner->all(BenchEcho::class, array_map(fn ($i) => ['v' => $i], range(1, min($batch, max(100, 4 * $threads)))));
            $done = 0;
            [$cpu0, $cs0] = bench_rusage();
            $t0 = hrtime(true);
            $stop = $t0 + (int) ($of('max_s', 30) * 1e9);
            while ($done < $total && ($done === 0 || hrtime(true) < $stop)) {
                $n = min($batch, $total - $done);
                $results = $runner->all(BenchEcho::class, array_map(fn ($i) => ['v' => $i], range(0, $n - 1)));
                bench_check($results === range(0, $n - 1), 'batch');
                $done += $n;
            }
            $seconds = (hrtime(true) - $t0) / 1e9;
            [$cpu1, $cs1] = bench_rusage();
            $case = $threads . ($threads === 1 ? ' thread' : ' threads');
            if ($impl === 'pogo') {
                bench_row('throughput', $impl, $case, 'cpu_per_job', ($cpu1 - $cpu0) / $done, 'us');
                bench_row('throughput', $impl, $case, 'ctxsw_per_job', ($cs1 - $cs0) / $done, 'switches');
            }
            bench_row('throughput', $impl, $case, 'jobs', $done, 'jobs');
            bench_row('throughput', $impl, $case, 'seconds', $seconds, 's');
            bench_row('throughput', $impl, $case, 'jobs_per_s', $done / $seconds, 'jobs/s');
            $runner->close();
        }
        break;

    // 2b. Fan-in: $jobs trivial jobs dispatched at once, then awaited one by
    // one with pogo_await() or all at once with pogo_await_all(); per round.
    case 'fanin':
        $jobs = $oi('jobs', 1000);
        $reps = $oi('reps', 30);
        foreach (array_map('intval', explode(',', $o('threads', '1,2'))) as $threads) {
            $pool = "p$threads";
            $ways = [
                'pogo_await each' => function (array $handles): array {
                    $out = [];
                    foreach ($handles as $k => $h) {
                        $out[$k] = pogo_await($h, BENCH_WAIT);
                    }
                    return $out;
                },
                'pogo_await_all' => fn (array $handles): array => pogo_await_all($handles, BENCH_WAIT),
            ];
            $times = array_fill_keys(array_keys($ways), []);
            for ($r = 0; $r < $reps + 2; $r++) {
                foreach ($ways as $way => $await) { // alternated, so that both see the same machine
                    $handles = [];
                    for ($i = 0; $i < $jobs; $i++) {
                        $handles[] = pogo_dispatch(BenchEcho::class, ['v' => $i], $pool);
                    }
                    $t0 = hrtime(true);
                    $results = $await($handles);
                    $t = hrtime(true) - $t0;
                    bench_check($results === range(0, $jobs - 1), $way);
                    if ($r >= 2) { // two warm-up rounds
                        $times[$way][] = $t;
                    }
                }
            }
            foreach ($times as $way => $samples) {
                $case = "$jobs jobs, $threads " . ($threads === 1 ? 'thread' : 'threads') . ", $way";
                bench_row('fanin', $impl, $case, 'median', bench_median($samples) / 1e6, 'ms');
                bench_row('fanin', $impl, $case, 'min', min($samples) / 1e6, 'ms');
            }
        }
        break;

    // 3. 8 I/O-bound jobs at once on 8 threads (workers): wall time against the sum.
    case 'fanout':
        $jobs = $oi('jobs', 8);
        $runner = bench_runner($impl, $jobs);
        // Every thread or worker up and warm first.
        $runner->all(BenchSleep::class, array_fill(0, $jobs, ['us' => 20000]));
        $kinds = [
            'usleep' => [BenchSleep::class, ['us' => $oi('sleep_ms', 200) * 1000], fn ($r) => $r],
            'http' => [BenchHttp::class, ['host' => '127.0.0.1', 'port' => $oi('port', 0), 'path' => '/'],
                function ($r) { bench_check(str_contains($r[0], ' 200 '), 'HTTP status'); return $r[2]; }],
        ];
        foreach ($kinds as $kind => [$class, $args, $took]) {
            if ($kind === 'http' && $oi('port', 0) === 0) {
                bench_note('fanout http: no port= given, skipped');
                continue;
            }
            $reps = [];
            for ($r = 0; $r < $oi('reps', 3); $r++) {
                $t = hrtime(true);
                $results = $runner->all($class, array_fill(0, $jobs, $args));
                $wall = hrtime(true) - $t;
                $durations = array_map($took, $results);
                $reps[] = ['wall' => $wall, 'sum' => array_sum($durations), 'slowest' => max($durations)];
            }
            usort($reps, fn ($a, $b) => $a['wall'] <=> $b['wall']);
            $m = $reps[intdiv(count($reps) - 1, 2)];
            $case = "$jobs x $kind";
            bench_row('fanout', $impl, $case, 'wall', $m['wall'] / 1e6, 'ms');
            bench_row('fanout', $impl, $case, 'sum', $m['sum'] / 1e6, 'ms');
            bench_row('fanout', $impl, $case, 'slowest', $m['slowest'] / 1e6, 'ms');
            bench_row('fanout', $impl, $case, 'over_slowest', ($m['wall'] / $m['slowest'] - 1) * 100, '%');
        }
        $runner->close();
        break;

    // 4. CPU-bound: J jobs of $rounds hashes on T threads; seq runs them one after another.
    case 'calibrate':
        $target = $of('target_ms', 500) * 1e6;
        $rounds = 20000;
        for ($k = 0; $k < 4; $k++) {
            [, $ns] = (new BenchHash())->handle(['rounds' => $rounds]);
            $rounds = max(1000, (int) ($rounds * $target / $ns));
        }
        echo "$rounds\n";
        break;

    case 'cpu':
        // Each rep runs J jobs one after another in this thread (the sequential
        // reference, measured here so that it sees the same machine), then
        // on the pool; speedup = sequential / parallel wall time, per rep.
        $rounds = $oi('rounds', 1000000);
        $reps = $oi('reps', 3);
        $args = fn (int $n, int $rep) => array_map(fn ($i) => ['rounds' => $rounds, 'seed' => "r$rep-j$i"], range(1, $n));
        $runners = [];
        foreach ([2, 4] as $threads) {
            $runners[$threads] = bench_runner($impl, $threads);
            $runners[$threads]->all(BenchHash::class, array_map(fn ($i) => ['rounds' => 1000, 'seed' => "w$i"], range(1, $threads)));
        }
        $seq = $par = $ratio = $jobMean = [];
        for ($rep = 0; $rep < $reps; $rep++) {
            foreach ([2, 4] as $jobs) {
                $t = hrtime(true);
                foreach ($args($jobs, $rep) as $a) {
                    (new BenchHash())->handle($a);
                }
                $seq[$jobs][] = hrtime(true) - $t;
            }
            foreach ($runners as $threads => $runner) {
                foreach ([2, 4] as $jobs) {
                    $t = hrtime(true);
                    $results = $runner->all(BenchHash::class, $args($jobs, $rep));
                    $wall = hrtime(true) - $t;
                    bench_check(count(array_unique(array_column($results, 0))) === $jobs, 'distinct digests');
                    $par[$threads][$jobs][] = $wall;
                    $ratio[$threads][$jobs][] = $seq[$jobs][$rep] / $wall;
                    $jobMean[$threads][$jobs][] = array_sum(array_column($results, 1)) / $jobs;
                }
            }
        }
        foreach ($runners as $threads => $runner) {
            foreach ([2, 4] as $jobs) {
                $case = "$jobs jobs / $threads threads";
                // Best of the reps: other processes only ever add time, so the
                // shortest run is the closest to what the machine can do.
                bench_row('cpu', $impl, $case, 'seq_wall', min($seq[$jobs]) / 1e6, 'ms');
                bench_row('cpu', $impl, $case, 'wall', min($par[$threads][$jobs]) / 1e6, 'ms');
                bench_row('cpu', $impl, $case, 'speedup', min($seq[$jobs]) / min($par[$threads][$jobs]), 'x');
                bench_row('cpu', $impl, $case, 'speedup_median', bench_median($ratio[$threads][$jobs]), 'x');
                bench_row('cpu', $impl, $case, 'job_mean', min($jobMean[$threads][$jobs]) / 1e6, 'ms');
            }
            $runner->close();
        }
        break;

    // 5. Payloads as argument and result; json: json_encode + json_decode in this thread.
    case 'payload':
        $sizes = array_map('intval', explode(',', $o('sizes', '100,10000,1048576,8388608')));
        $maxS = $of('max_s', 10);
        $runner = bench_runner($impl, 1);
        $runner->await($runner->dispatch(BenchEcho::class, ['v' => 0]));
        foreach ($sizes as $size) {
            $payload = bench_payload($size);
            $bytes = strlen(json_encode($payload, BENCH_JSON_FLAGS));
            $reps = match (true) {
                $size >= 4 << 20 => $oi('reps_8m', 10),
                $size >= 1 << 20 => $oi('reps_1m', 40),
                $size >= 10000 => $oi('reps_10k', 1000),
                default => $oi('reps_100', 3000),
            };
            // The reference first, in this thread: what the same value costs to encode and decode once.
            $json = bench_sample(function () use ($payload) {
                json_decode(json_encode($payload, BENCH_JSON_FLAGS), true);
            }, $reps, $maxS / 2);
            bench_check($runner->await($runner->dispatch(BenchEcho::class, ['v' => $payload])) === $payload, "payload $size");
            [$cpu0, $cs0] = bench_rusage();
            $samples = bench_sample(function () use ($runner, $payload) {
                $runner->await($runner->dispatch(BenchEcho::class, ['v' => $payload]));
            }, $reps, $maxS);
            [$cpu1, $cs1] = bench_rusage();
            $case = bench_size_label($size);
            if ($impl === 'pogo') {
                bench_row('payload', $impl, $case, 'cpu_per_call', ($cpu1 - $cpu0) / count($samples), 'us');
                bench_row('payload', $impl, $case, 'ctxsw_per_call', ($cs1 - $cs0) / count($samples), 'switches');
            }
            bench_row('payload', $impl, $case, 'bytes', $bytes, 'B');
            bench_row('payload', $impl, $case, 'calls', count($samples), 'calls');
            bench_row('payload', $impl, $case, 'median', bench_median($samples) / 1e3, 'us');
            bench_row('payload', $impl, $case, 'json_median', bench_median($json) / 1e3, 'us');
        }
        $runner->close();
        break;

    // The JSON codec benchmark, ext/json side: encode and decode apart.
    case 'codec':
        foreach (array_map('intval', explode(',', $o('sizes', '100,10000,1048576,8388608'))) as $size) {
            $payload = bench_payload($size);
            $json = json_encode($payload, BENCH_JSON_FLAGS);
            $reps = $size >= 1 << 20 ? $oi('reps_big', 20) : $oi('reps_small', 2000);
            $enc = bench_sample(fn () => json_encode($payload, BENCH_JSON_FLAGS), $reps, $of('max_s', 5));
            $dec = bench_sample(fn () => json_decode($json, true), $reps, $of('max_s', 5));
            $case = bench_size_label($size);
            bench_row('codec', 'ext/json', $case, 'bytes', strlen($json), 'B');
            bench_row('codec', 'ext/json', $case, 'encode', bench_median($enc) / 1e3, 'us');
            bench_row('codec', 'ext/json', $case, 'decode', bench_median($dec) / 1e3, 'us');
        }
        break;

    // 6. RSS added per idle worker thread (one 16-thread pool) and per 1-thread pool.
    case 'memory':
        $settle = fn () => usleep(300000);
        if ($impl === 'procpool') {
            $runner = bench_runner('procpool', 16);
            $runner->all(BenchSleep::class, array_fill(0, 16, ['us' => 100000]));
            $settle();
            $rss = array_map('bench_rss_kb', $runner->pids());
            $pss = array_map('bench_pss_kb', $runner->pids());
            bench_row('memory', 'procpool', 'per idle worker process', 'rss', array_sum($rss) / count($rss), 'KB');
            bench_row('memory', 'procpool', 'per idle worker process', 'pss', array_sum($pss) / count($pss), 'KB');
            $runner->close();
            break;
        }
        $settle();
        $rss0 = bench_rss_kb();
        $t = hrtime(true);
        (new PogoRunner('p16'))->all(BenchSleep::class, array_fill(0, 16, ['us' => 300000]));
        bench_check(hrtime(true) - $t < 600e6, 'all 16 threads served at once');
        $settle();
        $rss1 = bench_rss_kb();
        $t = hrtime(true);
        $hs = [];
        foreach (range(1, 8) as $i) {
            $hs[] = pogo_dispatch(BenchSleep::class, ['us' => 300000], "m$i");
        }
        foreach ($hs as $h) {
            pogo_await($h, BENCH_WAIT);
        }
        bench_check(hrtime(true) - $t < 600e6, '8 one-thread pools served at once');
        $settle();
        $rss2 = bench_rss_kb();
        bench_row('memory', 'pogo', 'process, no pool started', 'rss', $rss0, 'KB');
        bench_row('memory', 'pogo', 'per idle thread (16-thread pool)', 'rss', ($rss1 - $rss0) / 16, 'KB');
        bench_row('memory', 'pogo', 'per 1-thread pool, thread included (8 more pools)', 'rss', ($rss2 - $rss1) / 8, 'KB');
        break;

    // 7. First dispatch to an 8-thread pool (workers) whose bootstrap loads N classes.
    case 'boot':
        $bootstrap = $o('bootstrap', '');
        $sleepUs = 200000;
        $t0 = hrtime(true);
        $runner = $impl === 'pogo' ? new PogoRunner('boot') : bench_runner($impl, 8, $bootstrap);
        $first = $runner->dispatch(BenchEcho::class, ['v' => 1]);
        $sleeps = array_map(fn () => $runner->dispatch(BenchSleep::class, ['us' => $sleepUs]), range(1, 8));
        bench_check($runner->await($first) === 1, 'first echo');
        $t1 = hrtime(true);
        foreach ($sleeps as $h) {
            $runner->await($h);
        }
        $t2 = hrtime(true);
        $case = $o('case', 'boot');
        bench_row('boot', $impl, $case, 'first_result', ($t1 - $t0) / 1e6, 'ms');
        // The 8 sleeps end together once all 8 threads serve: the rest is boot.
        bench_row('boot', $impl, $case, 'all_serving', ($t2 - $t0 - $sleepUs * 1000) / 1e6, 'ms');
        $runner->close();
        break;

    // CPU time of a process whose 4-thread pool sits idle.
    case 'idle':
        $seconds = $of('seconds', 10);
        (new PogoRunner('p4'))->all(BenchSleep::class, array_fill(0, 4, ['us' => 100000]));
        usleep(200000);
        $cpu = function () {
            $r = getrusage();
            return ($r['ru_utime.tv_sec'] + $r['ru_stime.tv_sec']) * 1e6 + $r['ru_utime.tv_usec'] + $r['ru_stime.tv_usec'];
        };
        $c0 = $cpu();
        $t0 = hrtime(true);
        usleep((int) ($seconds * 1e6));
        $wall = (hrtime(true) - $t0) / 1e3;
        $used = $cpu() - $c0;
        $case = '4 idle threads, ' . rtrim(rtrim(sprintf('%.1f', $seconds), '0'), '.') . ' s';
        bench_row('idle', 'pogo', $case, 'cpu', $used / 1e3, 'ms');
        bench_row('idle', 'pogo', $case, 'cpu_share', $used / $wall * 100, '% of a core');
        break;

    // What a worker reboot costs (bench/reboot.php as rows): a job exits, the next waits.
    case 'reboot':
        $runner = new PogoRunner('p1');
        $runner->await($runner->dispatch(BenchEcho::class, ['v' => 0]));
        $plain = $reboot = [];
        for ($i = 0; $i < $oi('rounds', 200); $i++) {
            $t = hrtime(true);
            $a = $runner->dispatch(BenchEcho::class, ['v' => $i]);
            $runner->await($runner->dispatch(BenchEcho::class, ['v' => $i]));
            $plain[] = hrtime(true) - $t;
            $runner->await($a);
            $t = hrtime(true);
            $a = $runner->dispatch(BenchExit::class, []);
            $runner->await($runner->dispatch(BenchEcho::class, ['v' => $i]));
            $reboot[] = hrtime(true) - $t;
            try {
                $runner->await($a);
            } catch (Pogo\WorkerException) {
            }
        }
        bench_row('reboot', 'pogo', 'worker reboot', 'cost', (bench_median($reboot) - bench_median($plain)) / 1e3, 'us');
        break;

    default:
        fwrite(STDERR, "usage: run.php roundtrip|throughput|fanout|calibrate|cpu|payload|codec|memory|boot|idle|reboot IMPL [key=value ...]\n");
        exit(2);
}
