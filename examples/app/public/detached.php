<?php

/*
 * Dispatches two jobs and does not await them: the request ends with them
 * queued or running, and Pogo releases them. /detached.php?await=H awaits
 * handle H of an earlier request instead, which it may not: a handle is
 * foreign to every request but the one that dispatched it (in FrankenPHP's
 * worker mode too, where each handled request is one).
 */

declare(strict_types=1);

require dirname(__DIR__) . '/bootstrap.php';

use App\Http;
use App\Jobs\Checksum;
use App\Jobs\Fault;

try {
    if (isset($_GET['await'])) {
        Http::json(200, ['page' => 'detached', 'awaited' => pogo_await((int) $_GET['await'], 1.0)]);

        return;
    }
    $handles = [
        pogo_dispatch(Checksum::class, ['seed' => 'detached', 'rounds' => 200], 'cpu'),
        pogo_dispatch(Fault::class, ['kind' => 'sleep', 'ms' => 5], 'external_api'),
    ];
} catch (Pogo\PogoException $e) {
    Http::error($e, ['page' => 'detached']);

    return;
}

Http::json(200, ['page' => 'detached', 'dispatched' => count($handles), 'handle' => $handles[0]]);
