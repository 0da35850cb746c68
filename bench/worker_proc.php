<?php

/*
 * A pre-started worker process (ProcPoolRunner in bench/lib.php): reads one
 * job per line of JSON on stdin, answers one envelope per line on stdout,
 * until stdin closes. argv[1]: an optional bootstrap to require first.
 */

declare(strict_types=1);

require_once __DIR__ . '/jobs.php';
if (isset($argv[1])) {
    require_once $argv[1];
}

stream_set_chunk_size(STDOUT, 1 << 20);
while (($line = fgets(STDIN)) !== false) {
    try {
        $job = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
        $envelope = ['ok' => true, 'result' => (new $job['class']())->handle($job['args'])];
    } catch (Throwable $e) {
        $envelope = ['ok' => false, 'error' => $e->getMessage()];
    }
    fwrite(STDOUT, json_encode($envelope, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION) . "\n");
}
