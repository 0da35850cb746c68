<?php

/*
 * How long a worker reboot takes: a job calls exit() on a 1-thread pool and
 * the next job waits for the fresh request. Prints numbers; asserts nothing.
 * Run with the pool "reboot" (1 thread) whose bootstrap declares the jobs:
 *   php -d pogo.pool.reboot.bootstrap=bench/jobs.php -d pogo.pool.reboot.num_threads=1 bench/reboot.php
 */

declare(strict_types=1);

$rounds = (int) ($argv[1] ?? 200);
pogo_await(pogo_dispatch(BenchEcho::class, ['v' => 0], 'reboot'), 10.0);

$plain = $reboot = [];
for ($i = 0; $i < $rounds; $i++) {
    // Two jobs queued back to back: the second waits for the first.
    $t = hrtime(true);
    $first = pogo_dispatch(BenchEcho::class, ['v' => $i], 'reboot');
    $second = pogo_dispatch(BenchEcho::class, ['v' => $i], 'reboot');
    pogo_await($second, 10.0);
    $plain[] = hrtime(true) - $t;
    pogo_await($first, 10.0);

    // The same, but the first job breaks the worker: the second waits for the reboot too.
    $t = hrtime(true);
    $first = pogo_dispatch(BenchExit::class, [], 'reboot');
    $second = pogo_dispatch(BenchEcho::class, ['v' => $i], 'reboot');
    pogo_await($second, 10.0);
    $reboot[] = hrtime(true) - $t;
    try {
        pogo_await($first, 10.0);
    } catch (Pogo\WorkerException) {
    }
}
sort($plain);
sort($reboot);
$median = fn (array $a) => $a[intdiv(count($a), 2)] / 1000;
printf("two jobs, first plain:       median %.0f us\n", $median($plain));
printf("two jobs, first exits:       median %.0f us (%d rounds)\n", $median($reboot), $rounds);
printf("worker reboot costs about   %.0f us\n", $median($reboot) - $median($plain));
