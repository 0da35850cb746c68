<?php

/*
 * FrankenPHP's worker mode: this script starts once per worker thread and
 * serves the pages of public/ unchanged, one request after another, each
 * inside frankenphp_handle_request(). Each handled request is a scope of its
 * own for Pogo: what a page dispatched and did not await is released when
 * the request ends, and its handles are foreign to the next one.
 * deploy/Caddyfile-worker.in makes this directory the site's root: every
 * request, for a file that is not here, goes to this index.php, the worker.
 */

declare(strict_types=1);

require dirname(__DIR__) . '/bootstrap.php';

$served = 0;
$handler = static function () use (&$served): void {
    header('X-App-Worker: ' . $served);
    $path = (string) parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);
    $page = $path === '/' ? 'index.php' : ltrim($path, '/');
    $file = dirname(__DIR__) . '/public/' . $page;
    if (!preg_match('/^[a-z]+\.php$/', $page) || !is_file($file)) {
        http_response_code(404);
        echo "no such page\n";

        return;
    }
    require $file;
};

while (frankenphp_handle_request($handler)) {
    $served++;
    gc_collect_cycles();
}
