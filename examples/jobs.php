<?php

/*
 * Jobs for examples/fanout.php. Each worker thread requires this file once
 * (the pool's bootstrap); fanout.php requires it too, to time the same jobs
 * one after another.
 */

declare(strict_types=1);

namespace Example;

use Pogo\JobInterface;

/** Stands in for a remote API call: waits, then answers. */
final class FetchPrice implements JobInterface
{
    public function handle(array $args): mixed
    {
        usleep(250_000);
        $cents = 1000 + crc32($args['sku']) % 9000;

        return ['sku' => $args['sku'], 'price' => $cents / 100];
    }
}

/** CPU work: a few thousand rounds of hashing. */
final class Checksum implements JobInterface
{
    public function handle(array $args): mixed
    {
        $hash = $args['seed'];
        for ($i = 0; $i < $args['rounds']; $i++) {
            $hash = hash('sha256', $hash);
        }

        return substr($hash, 0, 16);
    }
}
