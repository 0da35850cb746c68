<?php

/*
 * /faults.php?kind=exception|fatal|exit|memory|timeout|pool
 *
 * Each documented failure of a job, and the JSON error response a page makes
 * of the exception that pogo_await() or pogo_dispatch() throws (statuses in
 * App\Http::status()).
 */

declare(strict_types=1);

require dirname(__DIR__) . '/bootstrap.php';

use App\Http;
use App\Jobs\Fault;

$kind = (string) ($_GET['kind'] ?? '');
$kinds = ['exception', 'fatal', 'exit', 'memory', 'timeout', 'pool'];
if (!in_array($kind, $kinds, true)) {
    Http::json(400, ['page' => 'faults', 'error' => 'kind must be one of: ' . implode(', ', $kinds)]);

    return;
}

try {
    $result = match ($kind) {
        // A job that runs 200 ms, awaited for 20 ms: TimeoutException. The job
        // keeps running; the request ends without awaiting it again.
        'timeout' => pogo_await(pogo_dispatch(Fault::class, ['kind' => 'sleep', 'ms' => 200], 'external_api'), 0.02),
        // A pool that does not exist: PoolException.
        'pool' => pogo_await(pogo_dispatch(Fault::class, ['kind' => 'exception'], 'no_such_pool'), 1.0),
        // JobException (exception) or WorkerException (fatal, exit, memory).
        default => pogo_await(pogo_dispatch(Fault::class, ['kind' => $kind]), 5.0),
    };
    Http::json(200, ['page' => 'faults', 'kind' => $kind, 'result' => $result]);
} catch (Pogo\PogoException $e) {
    Http::error($e, ['page' => 'faults', 'kind' => $kind]);
}
