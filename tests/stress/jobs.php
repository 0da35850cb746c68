<?php

/*
 * Job classes of the stress test (tests/stress/stress.php), required by the
 * stress pools' bootstrap. Each job does one thing whose outcome the caller
 * knows in advance.
 */

declare(strict_types=1);

/** Returns its arguments unchanged; prints to its output when asked (that must go to stderr). */
final class StressEcho implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        if (!empty($args['print'])) {
            echo 'STRESS-JOB-OUTPUT ', $args['id'], "\n";
        }
        return $args;
    }
}

final class StressException extends Exception
{
}

/** Throws the exception class, message and code it is given. */
final class StressThrow implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        $class = $args['class'];
        throw new $class($args['message'], $args['code']); // STRESS-THROW-LINE
    }
}

/** Breaks on an uncaught Error: undefined function, division by zero or a TypeError. */
final class StressError implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        switch ($args['how']) {
            case 'undefined':
                $f = 'stress_no_such_function_' . $args['id'];
                return $f();
            case 'intdiv':
                return intdiv($args['id'], 0);
            default:
                return strlen($args); // TypeError: array given
        }
    }
}

/** Raises E_USER_ERROR: a fatal error that breaks the worker's request. */
final class StressFatal implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        trigger_error('stress fatal ' . $args['id'], E_USER_ERROR);
        return 'unreachable';
    }
}

/** Calls exit() in one of its forms. */
final class StressExit implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        switch ($args['how']) {
            case 'int':
                exit(3);
            case 'string':
                exit("STRESS-JOB-OUTPUT exit {$args['id']}\n");
            default:
                exit;
        }
    }
}

/** Exhausts memory_limit, at once or a little at a time. */
final class StressMemory implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        if ($args['how'] === 'huge') {
            return strlen(str_repeat('x', 1 << 40));
        }
        ini_set('memory_limit', '8M');
        $hog = [];
        for ($i = 0; ; $i++) {
            $hog[] = str_repeat('y', 4096) . $i;
        }
    }
}

/**
 * Waits until the caller creates its marker file (at most 20 s), so that an
 * await with a tiny timeout cannot see it finished.
 */
final class StressGated implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        $start = hrtime(true);
        while (!file_exists($args['marker'])) {
            if (hrtime(true) - $start > 20e9) {
                return ['id' => $args['id'], 'gave_up' => true];
            }
            usleep(300);
            clearstatcache();
        }
        return ['id' => $args['id'], 'gave_up' => false];
    }
}

/** Spins until the pool's max_execution_time stops it (or 10 s pass). */
final class StressSpin implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        $start = hrtime(true);
        $n = 0;
        while (hrtime(true) - $start < 10e9) {
            $n++;
        }
        return ['id' => $args['id'], 'not_stopped_after_spins' => $n];
    }
}

/** Sleeps a little, then returns its id (dispatched and never awaited). */
final class StressSleep implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        usleep($args['us']);
        return $args['id'];
    }
}

/** Leaves a file saying it ran, sleeps a little, returns its id (on the max_wait pool). */
final class StressQueued implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        touch($args['ran']);
        usleep($args['us']);
        return $args['id'];
    }
}
