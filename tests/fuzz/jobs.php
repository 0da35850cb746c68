<?php

/*
 * Job classes of the fuzz test (tests/fuzz/fuzz.php), required by the fuzz
 * pools' bootstrap.
 */

declare(strict_types=1);

require_once __DIR__ . '/values.php';

/** Returns its arguments unchanged. */
final class FuzzEcho implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        return $args;
    }
}

/** Returns its arguments unchanged after 2 ms, so that short awaits time out. */
final class FuzzEchoSlow implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        usleep(2000);
        return $args;
    }
}

/** Builds the value of the fuzz case whose seed it is given and returns it. */
final class FuzzBuild implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        return build(gen_case($args['seed'])['root']);
    }
}
