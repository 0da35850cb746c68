<?php

declare(strict_types=1);

/*
 * The benchmark jobs. Pogo pools use this file as their bootstrap; the
 * process baselines (bench/lib.php) require it too, so every implementation
 * runs exactly the same handle() methods. A job returns what the benchmark
 * needs to check it and, for the timed ones, how long it ran by its own clock.
 */

if (!interface_exists('Pogo\JobInterface')) {
    // Baselines run without the extension: the same interface, declared here.
    eval('namespace Pogo; interface JobInterface { public function handle(array $args): mixed; }');
}

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

/** Sleeps $args['us'] microseconds; returns how long it took, in ns. */
final class BenchSleep implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        $t = hrtime(true);
        usleep((int) $args['us']);

        return hrtime(true) - $t;
    }
}

/**
 * One HTTP/1.0 GET to $args['host']:$args['port'] over a plain socket
 * (the release PHP has no curl); returns [status line, body length, ns taken].
 */
final class BenchHttp implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        $t = hrtime(true);
        $errno = 0;
        $errstr = '';
        $s = stream_socket_client("tcp://{$args['host']}:{$args['port']}", $errno, $errstr, 5.0);
        if ($s === false) {
            throw new RuntimeException("connect: $errstr ($errno)");
        }
        stream_set_timeout($s, 5);
        fwrite($s, "GET {$args['path']} HTTP/1.0\r\nHost: {$args['host']}\r\nConnection: close\r\n\r\n");
        $response = stream_get_contents($s);
        fclose($s);
        if ($response === false || $response === '') {
            throw new RuntimeException('empty response');
        }
        [$head, $body] = explode("\r\n\r\n", $response, 2) + [1 => ''];
        $status = strtok($head, "\r\n");

        return [$status, strlen($body), hrtime(true) - $t];
    }
}

/** $args['rounds'] chained SHA-256 hashes: CPU only. Returns [digest, ns taken]. */
final class BenchHash implements Pogo\JobInterface
{
    public function handle(array $args): mixed
    {
        $t = hrtime(true);
        $h = (string) ($args['seed'] ?? 'pogo');
        for ($i = (int) $args['rounds']; $i > 0; $i--) {
            $h = hash('sha256', $h, true);
        }

        return [bin2hex($h), hrtime(true) - $t];
    }
}
