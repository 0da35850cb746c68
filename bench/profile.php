<?php

declare(strict_types=1);

/*
 * What tools/profile.sh runs under callgrind: N trivial round trips on the
 * pool p1 (1 thread), or, with "payload", 3 json_encode + json_decode of the
 * 1 MB records payload (bench_payload()) and then 3 round trips of it.
 * Uses pogo_dispatch() and pogo_await() only, so that an older build runs it.
 *
 *   php bench/profile.php trivial N
 *   php bench/profile.php payload
 */

require __DIR__ . '/lib.php';

[, $what, $n] = $argv + [null, 'trivial', '2000'];
pogo_await(pogo_dispatch(BenchEcho::class, ['v' => 1], 'p1'), 60);
if ($what === 'payload') {
    $v = bench_payload(1 << 20);
    for ($i = 0; $i < 3; $i++) {
        $x = json_decode(json_encode($v, BENCH_JSON_FLAGS), true);
    }
    for ($i = 0; $i < 3; $i++) {
        $x = pogo_await(pogo_dispatch(BenchEcho::class, ['v' => $v], 'p1'), 60);
    }
    bench_check($x === $v, 'the payload came back');
} else {
    for ($i = 0; $i < (int) $n; $i++) {
        bench_check(pogo_await(pogo_dispatch(BenchEcho::class, ['v' => $i], 'p1'), 60) === $i, "echo $i");
    }
}
