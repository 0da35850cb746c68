<?php

declare(strict_types=1);

/*
 * One hand-off sample for tools/bench-ab.sh: N round trips of a trivial job
 * and N of one with 100 B of arguments and result on the pool p1 (1 thread),
 * in turns, after a warm-up. Prints "LABEL trivial_us hundred_us", the
 * medians. Uses pogo_dispatch() and pogo_await() only, so that an older
 * build runs it.
 *
 *   php bench/handoff.php LABEL [N]
 */

require __DIR__ . '/lib.php';

[, $label, $n] = $argv + [null, 'pogo', '10000'];
$cases = [['v' => 1], ['v' => ['sku' => 'apple-1234', 'qty' => 3, 'price' => 12.5, 'note' => str_repeat('x', 40)]]];
$samples = [[], []];
foreach ($cases as $args) {
    bench_check(pogo_await(pogo_dispatch(BenchEcho::class, $args, 'p1'), BENCH_WAIT) === $args['v'], 'round trip');
}
for ($i = 0; $i < (int) $n; $i++) {
    foreach ($cases as $k => $args) {
        $t = hrtime(true);
        pogo_await(pogo_dispatch(BenchEcho::class, $args, 'p1'), BENCH_WAIT);
        $samples[$k][] = hrtime(true) - $t;
    }
}
printf("%s %.2f %.2f\n", $label, bench_median($samples[0]) / 1e3, bench_median($samples[1]) / 1e3);
