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
