<?php

/*
 * Fan-out: three jobs on two pools, awaited together. The page takes as long
 * as its slowest job (the 50 ms HTTP call), not the sum of the three.
 */

declare(strict_types=1);

require dirname(__DIR__) . '/bootstrap.php';

use App\Http;
use App\Jobs\CheckStock;
use App\Jobs\Checksum;
use App\Jobs\FetchQuote;

$start = hrtime(true);
$sku = 'apple';
// The remote API: nginx passes its address (see deploy/nginx.conf.in).
$slowUrl = $_SERVER['POGO_SLOW_URL'] ?? 'http://127.0.0.1/slow.php';

try {
    $handles = [
        'quote' => pogo_dispatch(FetchQuote::class, ['url' => $slowUrl, 'sku' => $sku], 'external_api'),
        'stock' => pogo_dispatch(CheckStock::class, ['sku' => $sku], 'external_api'),
        'checksum' => pogo_dispatch(Checksum::class, ['seed' => $sku, 'rounds' => 2000], 'cpu'),
    ];
    $results = $jobMs = [];
    foreach ($handles as $name => $handle) {
        $out = pogo_await($handle, 5.0);
        $results[$name] = $out['value'];
        $jobMs[$name] = $out['ms'];
    }
} catch (Pogo\PogoException $e) {
    Http::error($e, ['page' => 'fanout']);

    return;
}

Http::json(200, [
    'page' => 'fanout',
    'results' => $results,
    'timing' => [
        'elapsed_ms' => Http::ms($start),
        'jobs_ms' => $jobMs,
        'sum_ms' => round(array_sum($jobMs), 1),
    ],
]);
