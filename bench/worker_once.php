<?php

/*
 * A PHP process started for one job (ProcNewRunner in bench/lib.php): reads
 * the job's JSON from stdin to EOF, writes the envelope's JSON to stdout.
 */

declare(strict_types=1);

require_once __DIR__ . '/jobs.php';

try {
    $job = json_decode(stream_get_contents(STDIN), true, 512, JSON_THROW_ON_ERROR);
    $envelope = ['ok' => true, 'result' => (new $job['class']())->handle($job['args'])];
} catch (Throwable $e) {
    $envelope = ['ok' => false, 'error' => $e->getMessage()];
}
stream_set_chunk_size(STDOUT, 1 << 20);
fwrite(STDOUT, json_encode($envelope, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION));
