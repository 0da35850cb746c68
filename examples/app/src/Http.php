<?php

declare(strict_types=1);

namespace App;

use Pogo\JobException;
use Pogo\PogoException;
use Pogo\PoolException;
use Pogo\TimeoutException;
use Pogo\WorkerException;

/** JSON responses, and how a page turns Pogo's exceptions into one. */
final class Http
{
    public const JSON_FLAGS = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR;

    public static function json(int $status, array $body): void
    {
        http_response_code($status);
        header('Content-Type: application/json');
        header('Cache-Control: no-store');
        echo json_encode($body, self::JSON_FLAGS), "\n";
    }

    /**
     * The HTTP status for each documented exception: a job that failed is
     * the application's error (500); a worker that broke is a bad upstream
     * (502); a pool that cannot take the job is unavailable (503); a job
     * that did not finish in time is a gateway timeout (504).
     */
    public static function status(\Throwable $e): int
    {
        return match (true) {
            $e instanceof JobException => 500,
            $e instanceof WorkerException => 502,
            $e instanceof PoolException => 503,
            $e instanceof TimeoutException => 504,
            default => 500,
        };
    }

    /** The JSON error response for an exception that pogo_dispatch()/pogo_await() threw. */
    public static function error(PogoException $e, array $extra = []): void
    {
        $body = $extra + [
            'error' => $e::class,
            'message' => $e->getMessage(),
            'code' => $e->getCode(),
        ];
        if ($e instanceof JobException) {
            $body['remoteClass'] = $e->remoteClass;
            $body['remoteLine'] = $e->remoteLine;
        }
        self::json(self::status($e), $body);
    }

    /** Milliseconds since $start (an hrtime(true) value), rounded to 0.1 ms. */
    public static function ms(int $start): float
    {
        return round((hrtime(true) - $start) / 1e6, 1);
    }
}
