<?php

declare(strict_types=1);

namespace App\Jobs;

use Pogo\JobInterface;

/**
 * Calls the server's own functions from a job, as framework code does
 * (Symfony's Response::send() calls fastcgi_finish_request() wherever it
 * exists). A job has no client request: each returns what a request without
 * a client gets, or throws an Error saying it needs one, and the server
 * keeps serving.
 */
final class ServerFunctions implements JobInterface
{
    public const FUNCTIONS = [
        'fastcgi_finish_request', 'frankenphp_finish_request', 'getallheaders',
        'apache_request_headers', 'apache_response_headers', 'frankenphp_request_headers',
        'fpm_get_status', 'apache_note', 'apache_getenv', 'virtual', 'headers_send',
        'frankenphp_handle_request', 'mercure_publish',
    ];

    public function handle(array $args): mixed
    {
        Output::mark('ServerFunctions');
        $out = [];
        foreach (self::FUNCTIONS as $f) {
            if (!function_exists($f)) {
                continue;
            }
            try {
                $out[$f] = match ($f) {
                    'apache_note', 'apache_getenv', 'virtual' => $f('x'),
                    'frankenphp_handle_request' => $f(static fn () => null),
                    'mercure_publish' => $f('topic'),
                    default => $f(),
                };
            } catch (\Error $e) {
                $out[$f] = $e::class . ': ' . $e->getMessage();
            }
        }
        ob_start();
        phpinfo(INFO_MODULES);
        $out['phpinfo'] = strlen((string) ob_get_clean()) > 0;

        return $out;
    }
}
