<?php

declare(strict_types=1);

namespace App\Jobs;

use Pogo\JobInterface;

/** Stands in for a database or cache lookup: waits 20 ms, then answers. */
final class CheckStock implements JobInterface
{
    public function handle(array $args): mixed
    {
        Output::mark('CheckStock');
        $start = hrtime(true);
        usleep(20_000);

        return [
            'value' => ['sku' => $args['sku'], 'units' => crc32('stock:' . $args['sku']) % 100],
            'ms' => round((hrtime(true) - $start) / 1e6, 1),
        ];
    }
}
