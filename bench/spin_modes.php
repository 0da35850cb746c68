<?php

/*
 * Whether the adaptive spin recovers after a slow spell: round trips of the
 * echo job on a 1-thread pool, back to back, then each after a 2 ms pause
 * (every hand-off sleeps, the spin budgets shrink), then back to back again,
 * twice. Prints the median, p90 and context switches per call of each phase.
 * Not part of make bench; run it on a quiet machine:
 *   php -n -d extension=pogo.so -d pogo.pool.p1.bootstrap=bench/jobs.php \
 *       -d pogo.pool.p1.num_threads=1 bench/spin_modes.php [calls=5000]
 */

declare(strict_types=1);

require __DIR__ . '/lib.php';

$calls = (int) ($argv[1] ?? 5000);

function phase(string $name, int $n, int $pauseUs): void
{
    $samples = [];
    $r0 = getrusage();
    for ($i = 0; $i < $n; $i++) {
        if ($pauseUs > 0) {
            usleep($pauseUs);
        }
        $t = hrtime(true);
        pogo_await(pogo_dispatch(BenchEcho::class, ['v' => $i], 'p1'), 10.0);
        $samples[] = hrtime(true) - $t;
    }
    $r1 = getrusage();
    $switches = ($r1['ru_nvcsw'] + $r1['ru_nivcsw'] - $r0['ru_nvcsw'] - $r0['ru_nivcsw']) / $n;
    printf("%-34s median %6.1f us   p90 %6.1f us   context switches per call %.2f\n",
        $name, bench_median($samples) / 1e3, bench_pct($samples, 0.9) / 1e3, $switches);
}

pogo_await(pogo_dispatch(BenchEcho::class, ['v' => 0], 'p1'), 10.0);
phase("$calls back to back", $calls, 0);
phase('300 with a 2 ms pause before each', 300, 2000);
phase("$calls back to back again", $calls, 0);
phase("$calls more back to back", $calls, 0);
