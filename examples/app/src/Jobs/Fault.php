<?php

declare(strict_types=1);

namespace App\Jobs;

use Pogo\JobInterface;

/** Fails on purpose, in each of the ways Pogo documents (public/faults.php). */
final class Fault implements JobInterface
{
    public function handle(array $args): mixed
    {
        Output::mark('Fault ' . $args['kind']);
        switch ($args['kind']) {
            case 'exception':
                // An Exception: the job failed, the worker is fine (JobException).
                throw new UpstreamFailed('the upstream refused the order', 42);
            case 'fatal':
                // A fatal error: the worker's PHP request is over (WorkerException).
                trigger_error('fault: a fatal error in a job', E_USER_ERROR);
                // no break
            case 'exit':
                exit(3); // WorkerException too
            case 'memory':
                // Past memory_limit: fatal (WorkerException).
                return strlen(str_repeat('x', 512 * 1024 * 1024));
            case 'sleep':
                // Outlives the page's await timeout (TimeoutException), and
                // keeps running after the request that dispatched it ended.
                usleep($args['ms'] * 1000);

                return 'late';
        }
        throw new \InvalidArgumentException('unknown fault ' . $args['kind']);
    }
}
