<?php

declare(strict_types=1);

/** Returns its argument: the cost of a round trip and nothing else. */
final class BenchEcho implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        return $args['v'];
    }
}

/** Ends its worker's request: the thread boots a fresh one. */
final class BenchExit implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        exit(1);
    }
}
