<?php

/*
 * The "remote API" that the FetchQuote job calls: answers after 50 ms. It is
 * served by its own php-fpm (see deploy/slow-fpm.conf.in), so that the jobs
 * calling it never wait for a child of the pool that is waiting for them.
 */

declare(strict_types=1);

usleep(50_000);
header('Content-Type: text/plain');
echo 'slow-ok ', preg_replace('/[^a-z0-9_-]/i', '', (string) ($_GET['sku'] ?? '')), "\n";
