<?php

/** @generate-class-entries */

namespace {
    /**
     * Queues a job on a pool and returns its handle at once.
     */
    function pogo_dispatch(string $class, array $args = [], string $pool = "default"): int {}

    /**
     * Waits for a job's result; $timeout in seconds, 0 polls, INF waits forever.
     */
    function pogo_await(int $handle, float $timeout = 5.0): mixed {}

    /**
     * Waits for every job of $handles under one deadline; returns their results
     * with the same keys. Throws the first failed job's exception, or a
     * Pogo\TimeoutException if some are still running.
     */
    function pogo_await_all(array $handles, float $timeout = 5.0): array {}

    /**
     * Waits for the first job of $handles to finish and returns its key,
     * without using its handle up.
     */
    function pogo_await_any(array $handles, float $timeout = 5.0): int|string {}

    /**
     * Waits for every job of $handles under one deadline; never throws for
     * how they ended: ['ok' => true, 'result' => ...] or
     * ['ok' => false, 'error' => Throwable] for each, with the same keys.
     */
    function pogo_settle(array $handles, float $timeout = 5.0): array {}

    /**
     * Live figures and counters of every pool (keyed by name), or of one.
     * Does not start a pool.
     */
    function pogo_stats(?string $pool = null): array {}

    /**
     * The configured thread count of a pool. Does not start the pool.
     */
    function pogo_pool_size(string $pool = "default"): int {}

    /**
     * In a custom worker script: waits for the next job, hands its payload to
     * $handler and sends back the envelope it returns. False once the pool stops.
     */
    function pogo_worker_handle(callable $handler): bool {}
}

namespace Pogo {
    interface JobInterface
    {
        public function handle(array $args): mixed;
    }

    class PogoException extends \RuntimeException
    {
    }

    class TimeoutException extends PogoException
    {
    }

    class JobException extends PogoException
    {
        public readonly string $remoteClass;
        /** The remote exception's code as it was: an int, or a string such as PDOException's SQLSTATE. */
        public readonly int|string $remoteCode;
        public readonly string $remoteFile;
        public readonly int $remoteLine;
        public readonly string $remoteTrace;
    }

    class WorkerException extends PogoException
    {
    }

    class PoolException extends PogoException
    {
    }
}
