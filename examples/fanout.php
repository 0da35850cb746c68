<?php

/*
 * Fans eight jobs out to the default pool, awaits them, and compares the wall
 * time with running the same jobs one after another in this request.
 *
 *     make demo
 *
 * or by hand, with a ZTS PHP and Pogo loaded:
 *
 *     php -d pogo.pool.default.bootstrap=examples/jobs.php examples/fanout.php
 */

declare(strict_types=1);

require __DIR__ . '/jobs.php';

use Example\Checksum;
use Example\FetchPrice;

$jobs = [];
foreach (['apple', 'pear', 'plum', 'fig', 'kiwi', 'lime'] as $sku) {
    $jobs[] = [FetchPrice::class, ['sku' => $sku]];
}
$jobs[] = [Checksum::class, ['seed' => 'pogo', 'rounds' => 200_000]];
$jobs[] = [Checksum::class, ['seed' => 'php', 'rounds' => 200_000]];

printf("Pogo fan-out: %d jobs on pool \"default\" (%d threads)\n\n", count($jobs), pogo_pool_size());

$start = hrtime(true);
$handles = [];
foreach ($jobs as [$class, $args]) {
    $handles[] = pogo_dispatch($class, $args);
}
foreach ($handles as $i => $handle) {
    $result = pogo_await($handle, 10.0);
    printf("  job %d %-22s %s\n", $handle, $jobs[$i][0], json_encode($result));
}
$parallel = (hrtime(true) - $start) / 1e9;

$start = hrtime(true);
foreach ($jobs as [$class, $args]) {
    (new $class())->handle($args);
}
$sequential = (hrtime(true) - $start) / 1e9;

printf("\nwall time with Pogo:      %.3f s\n", $parallel);
printf("one after another:        %.3f s\n", $sequential);
printf("speedup:                  %.1fx\n", $sequential / $parallel);
