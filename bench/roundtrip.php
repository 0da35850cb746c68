<?php

/*
 * Round trip and throughput of Pogo on this machine. Prints numbers; asserts
 * nothing. Run through tools/bench-quick.sh, which configures the pools:
 *   rt   1 thread  (round trip, one job at a time)
 *   t1, t2, t4    1, 2 and 4 threads (throughput)
 */

declare(strict_types=1);

$calls = (int) ($argv[1] ?? 10000);
$batch = 1000;
$total = (int) ($argv[2] ?? 100000);

// Warm up the pool (its threads start at the first dispatch).
pogo_await(pogo_dispatch(BenchEcho::class, ['v' => 0], 'rt'), 10.0);

$samples = [];
for ($i = 0; $i < $calls; $i++) {
    $t = hrtime(true);
    pogo_await(pogo_dispatch(BenchEcho::class, ['v' => $i], 'rt'), 10.0);
    $samples[] = hrtime(true) - $t;
}
sort($samples);
$pct = fn (float $p) => $samples[min(count($samples) - 1, (int) floor($p * count($samples)))] / 1000;
printf("round trip, 1-thread pool, %d calls: median %.1f us, p90 %.1f us, p99 %.1f us\n",
    $calls, $pct(0.5), $pct(0.9), $pct(0.99));

foreach (['t1' => 1, 't2' => 2, 't4' => 4] as $pool => $threads) {
    pogo_await(pogo_dispatch(BenchEcho::class, ['v' => 0], $pool), 10.0);
    $t = hrtime(true);
    for ($done = 0; $done < $total; $done += $batch) {
        $handles = [];
        for ($i = 0; $i < $batch; $i++) {
            $handles[] = pogo_dispatch(BenchEcho::class, ['v' => $i], $pool);
        }
        foreach ($handles as $i => $h) {
            if (pogo_await($h, 10.0) !== $i) {
                fwrite(STDERR, "wrong result for job $h\n");
                exit(1);
            }
        }
    }
    $seconds = (hrtime(true) - $t) / 1e9;
    printf("throughput, %d thread%s: %d jobs in %.2f s = %.0f jobs/s\n",
        $threads, $threads > 1 ? 's' : ' ', $total, $seconds, $total / $seconds);
}
