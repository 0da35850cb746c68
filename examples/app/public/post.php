<?php

/*
 * A POST with a large body. The page dispatches its jobs first, then reads
 * the body from php://input in the request's own thread while they run
 * (php-fpm reads it from nginx only now: enable_post_data_reading = Off in
 * the pool, see deploy/php-fpm.conf.in). The worker threads never see the
 * body: InspectRequest reports what a job finds there.
 */

declare(strict_types=1);

require dirname(__DIR__) . '/bootstrap.php';

use App\Http;
use App\Jobs\Checksum;
use App\Jobs\InspectRequest;

if (($_SERVER['REQUEST_METHOD'] ?? 'GET') !== 'POST') {
    header('Allow: POST');
    Http::json(405, ['page' => 'post', 'error' => 'POST a body to this page']);

    return;
}

try {
    $checksum = pogo_dispatch(Checksum::class, ['seed' => 'post', 'rounds' => 500], 'cpu');
    $inspect = pogo_dispatch(InspectRequest::class);

    $input = fopen('php://input', 'rb');
    $md5 = hash_init('md5');
    $bytes = 0;
    while (($chunk = fread($input, 65536)) !== false && $chunk !== '') {
        $bytes += strlen($chunk);
        hash_update($md5, $chunk);
    }
    fclose($input);

    $jobs = [
        'checksum' => pogo_await($checksum, 5.0)['value'],
        'inspect' => pogo_await($inspect, 5.0),
    ];
} catch (Pogo\PogoException $e) {
    Http::error($e, ['page' => 'post']);

    return;
}

Http::json(200, ['page' => 'post', 'bytes' => $bytes, 'md5' => hash_final($md5), 'jobs' => $jobs]);
