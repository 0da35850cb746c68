<?php

/*
 * Renders the four fragments of a page in parallel on the default pool,
 * awaits them under one deadline, then assembles them in order.
 */

declare(strict_types=1);

require dirname(__DIR__) . '/bootstrap.php';

use App\Http;
use App\Jobs\RenderFragment;
use App\Layout;

try {
    $handles = [];
    foreach (Layout::SECTIONS as $name => [$title, $items]) {
        $handles[$name] = pogo_dispatch(RenderFragment::class, ['name' => $name, 'title' => $title, 'items' => $items]);
    }
    $fragments = pogo_await_all($handles, 5.0); // same keys, same order
} catch (Pogo\PogoException $e) {
    Http::error($e, ['page' => 'fragments']);

    return;
}

header('Content-Type: text/html; charset=utf-8');
echo Layout::page($fragments);
