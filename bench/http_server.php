<?php

/*
 * The local HTTP server of the I/O fan-out benchmark: listens on 127.0.0.1
 * (port 0 = any free one), forks a child per connection that reads the
 * request, waits $delay_ms, and answers "200 OK" with a short body.
 *
 *   php bench/http_server.php PORTFILE [delay_ms=100] [lifetime_s=900]
 *
 * Writes the port it listens on to PORTFILE once it accepts. Exits on
 * SIGTERM/SIGINT, when its parent goes away, or after lifetime_s in any case.
 */

declare(strict_types=1);

$portFile = $argv[1] ?? null;
$delayUs = (int) ((float) ($argv[2] ?? 100) * 1000);
$lifetime = (int) ($argv[3] ?? 900);
if ($portFile === null) {
    fwrite(STDERR, "usage: http_server.php PORTFILE [delay_ms] [lifetime_s]\n");
    exit(2);
}

$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
if ($server === false) {
    fwrite(STDERR, "http_server: $errstr ($errno)\n");
    exit(1);
}
$port = (int) substr(strrchr(stream_socket_get_name($server, false), ':'), 1);
file_put_contents("$portFile.tmp", "$port\n");
rename("$portFile.tmp", $portFile);

$stop = false;
pcntl_async_signals(true);
pcntl_signal(SIGTERM, function () use (&$stop) { $stop = true; });
pcntl_signal(SIGINT, function () use (&$stop) { $stop = true; });
$parent = posix_getppid();
$end = time() + $lifetime;
$children = [];

while (!$stop && time() < $end && posix_getppid() === $parent) {
    while (($pid = pcntl_waitpid(-1, $status, WNOHANG)) > 0) {
        unset($children[$pid]);
    }
    $read = [$server];
    $write = $except = null;
    if (@stream_select($read, $write, $except, 0, 200000) < 1) {
        continue;
    }
    $conn = @stream_socket_accept($server, 0);
    if ($conn === false) {
        continue;
    }
    $pid = pcntl_fork();
    if ($pid === 0) {
        fclose($server);
        pcntl_signal(SIGTERM, SIG_DFL);
        stream_set_timeout($conn, 5);
        $request = '';
        while (!str_contains($request, "\r\n\r\n") && ($chunk = fread($conn, 8192)) !== false && $chunk !== '') {
            $request .= $chunk;
        }
        usleep($delayUs);
        $body = "ok\n";
        fwrite($conn, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " . strlen($body)
            . "\r\nConnection: close\r\n\r\n$body");
        fclose($conn);
        exit(0);
    }
    fclose($conn);
    if ($pid > 0) {
        $children[$pid] = true;
    }
}

fclose($server);
foreach (array_keys($children) as $pid) {
    pcntl_waitpid($pid, $status);
}
@unlink($portFile);
