<?php

/*
 * /metrics.php: every pool's pogo_stats() in Prometheus' text format,
 * `pogo_<key>{pool="name"} value`. The threads and the queue are gauges;
 * every other figure is a counter (`_total`). What each means:
 * docs/operations.md#pogo_stats.
 *
 * The figures are those of the process that answers: under php-fpm or
 * Apache, one child's (a scrape may reach another child each time); under
 * FrankenPHP, the whole server's. pogo_stats() never starts a pool.
 */

declare(strict_types=1);

// A variable, not a const: FrankenPHP's worker mode requires this page again for
// every request (examples/app/worker/index.php).
$help = [
    'threads_configured' => 'Threads the pool is configured with (num_threads).',
    'threads_started' => 'Threads this process started for the pool (0 before its first dispatch).',
    'threads_serving' => 'Threads whose PHP request booted and serves jobs.',
    'threads_idle' => 'Serving threads waiting for a job.',
    'threads_busy' => 'Serving threads running a job.',
    'queued' => 'Jobs waiting for a thread.',
    'oldest_queued_seconds' => 'How long the oldest queued job has waited, in seconds.',
    'dispatched' => 'Jobs queued on the pool.',
    'completed' => 'Jobs that ran and returned a result.',
    'failed_exception' => 'Jobs whose awaiter gets a JobException (the job threw, or could not be loaded or encoded).',
    'failed_worker' => 'Jobs that broke their worker, or could not run because the worker cannot boot.',
    'failed_expired' => 'Jobs that waited longer than max_wait and never ran.',
    'failed_dropped' => 'Jobs given up at the end of their request while still queued (never ran).',
    'failed_stopped' => 'Jobs still queued when the pool stopped.',
    'worker_reboots' => 'Worker requests rebooted because a job broke them.',
    'boot_failures' => 'Worker boots that failed (bootstrap or worker script).',
    'max_jobs_recycles' => 'Worker requests replaced after max_jobs jobs.',
];

try {
    $stats = pogo_stats();
} catch (Pogo\PogoException $e) {
    http_response_code(503);
    header('Content-Type: text/plain; charset=utf-8');
    echo get_class($e), ': ', $e->getMessage(), "\n";

    return;
}

header('Content-Type: text/plain; version=0.0.4; charset=utf-8');
header('Cache-Control: no-store');

$label = static fn (string $v): string => strtr($v, ['\\' => '\\\\', '"' => '\\"', "\n" => '\\n']);
$number = static fn (int|float $v): string => is_int($v) ? (string) $v : sprintf('%.6f', $v);

printf("# pogo_stats() of process %d (%s)\n", getmypid(), PHP_SAPI);
// One family per figure, every pool's sample under it.
$keys = array_keys(array_merge(...array_values($stats ?: [[]])));
foreach ($keys as $key) {
    $gauge = str_starts_with($key, 'threads_') || in_array($key, ['queued', 'oldest_queued_seconds'], true);
    $name = 'pogo_' . $key . ($gauge ? '' : '_total');
    echo "# HELP $name ", $help[$key] ?? "pogo_stats() figure $key.", $gauge ? '' : ' Since the pool started in this process.', "\n";
    echo "# TYPE $name ", $gauge ? 'gauge' : 'counter', "\n";
    foreach ($stats as $pool => $figures) {
        if (isset($figures[$key])) {
            echo $name, '{pool="', $label((string) $pool), '"} ', $number($figures[$key]), "\n";
        }
    }
}
