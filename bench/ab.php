<?php

declare(strict_types=1);

/*
 * One throughput sample for tools/bench-ab.sh: N trivial jobs on the pool
 * p2 (2 threads) in batches of 1,000, each batch awaited before the next,
 * after a warm-up batch. Prints "LABEL jobs_per_s cpu_us_per_job
 * voluntary_switches_per_job" (the whole process, all threads). Uses
 * pogo_dispatch() and pogo_await() only, so that an older build runs it.
 *
 *   php bench/ab.php LABEL [N]
 */

require __DIR__ . '/lib.php';

[, $label, $n] = $argv + [null, 'pogo', '100000'];
$runner = new PogoRunner('p2');
$runner->all(BenchEcho::class, array_map(fn ($i) => ['v' => $i], range(1, 100)));
$r0 = getrusage();
$t0 = hrtime(true);
for ($done = 0; $done < (int) $n; $done += 1000) {
    bench_check($runner->all(BenchEcho::class, array_map(fn ($i) => ['v' => $i], range(0, 999))) === range(0, 999), 'batch');
}
$wall = (hrtime(true) - $t0) / 1e9;
$r1 = getrusage();
$cpu = fn (array $r) => ($r['ru_utime.tv_sec'] + $r['ru_stime.tv_sec']) * 1e6 + $r['ru_utime.tv_usec'] + $r['ru_stime.tv_usec'];
printf("%s %.0f %.3f %.4f\n", $label, $done / $wall, ($cpu($r1) - $cpu($r0)) / $done, ($r1['ru_nvcsw'] - $r0['ru_nvcsw']) / $done);
