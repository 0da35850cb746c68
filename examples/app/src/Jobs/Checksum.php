<?php

declare(strict_types=1);

namespace App\Jobs;

use Pogo\JobInterface;

/** CPU work: a chain of SHA-256 rounds. */
final class Checksum implements JobInterface
{
    public static function compute(string $seed, int $rounds): string
    {
        $hash = $seed;
        for ($i = 0; $i < $rounds; $i++) {
            $hash = hash('sha256', $hash);
        }

        return substr($hash, 0, 16);
    }

    public function handle(array $args): mixed
    {
        Output::mark('Checksum');
        $start = hrtime(true);

        return [
            'value' => self::compute($args['seed'], $args['rounds']),
            'ms' => round((hrtime(true) - $start) / 1e6, 1),
        ];
    }
}
