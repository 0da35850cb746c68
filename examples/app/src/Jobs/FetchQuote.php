<?php

declare(strict_types=1);

namespace App\Jobs;

use Pogo\JobInterface;

/** Calls a remote HTTP API (here /slow.php, which answers after 50 ms). */
final class FetchQuote implements JobInterface
{
    public function handle(array $args): mixed
    {
        Output::mark('FetchQuote');
        $start = hrtime(true);
        $url = $args['url'] . '?sku=' . rawurlencode($args['sku']);
        $context = stream_context_create(['http' => ['timeout' => 2.0, 'ignore_errors' => true]]);
        $body = @file_get_contents($url, false, $context);
        $status = isset($http_response_header[0]) ? (int) explode(' ', $http_response_header[0])[1] : 0;
        if ($body === false || $status !== 200) {
            throw new UpstreamFailed(sprintf('GET %s answered %d', $url, $status), $status);
        }

        return [
            'value' => ['sku' => $args['sku'], 'upstream' => trim($body)],
            'ms' => round((hrtime(true) - $start) / 1e6, 1),
        ];
    }
}
