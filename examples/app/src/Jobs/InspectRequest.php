<?php

declare(strict_types=1);

namespace App\Jobs;

use Pogo\JobInterface;

/**
 * What a worker thread sees of the HTTP request that dispatched it: nothing.
 * A worker runs its own PHP request, with no client, no body, no headers;
 * reading php://input or $_SERVER there must neither crash php-fpm nor
 * touch the request's body.
 */
final class InspectRequest implements JobInterface
{
    public function handle(array $args): mixed
    {
        Output::mark('InspectRequest');

        return [
            'input_bytes' => strlen((string) file_get_contents('php://input')),
            'post_fields' => count($_POST),
            'files' => count($_FILES),
            'content_length' => $_SERVER['CONTENT_LENGTH'] ?? null,
            'method' => $_SERVER['REQUEST_METHOD'] ?? null,
        ];
    }
}
