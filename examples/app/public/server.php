<?php

/*
 * /server.php: a job calls the server's own functions (see
 * App\Jobs\ServerFunctions); the page answers with what each gave.
 */

declare(strict_types=1);

require dirname(__DIR__) . '/bootstrap.php';

use App\Http;
use App\Jobs\ServerFunctions;

try {
    Http::json(200, ['page' => 'server', 'sapi' => PHP_SAPI,
        'job' => pogo_await(pogo_dispatch(ServerFunctions::class), 5.0)]);
} catch (Pogo\PogoException $e) {
    Http::error($e, ['page' => 'server']);
}
