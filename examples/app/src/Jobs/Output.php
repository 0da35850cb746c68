<?php

declare(strict_types=1);

namespace App\Jobs;

/**
 * Every job prints this marker. What a job prints goes to the php-fpm
 * child's standard error (the php-fpm log with catch_workers_output = yes),
 * never to a client: tools/e2e.sh checks that no response contains it.
 */
final class Output
{
    public const MARKER = 'POGO-E2E-JOB-OUTPUT';

    public static function mark(string $job): void
    {
        echo self::MARKER, ' ', $job, "\n";
    }
}
