<?php

declare(strict_types=1);

namespace App;

/** The page that public/fragments.php assembles from four fragments. */
final class Layout
{
    /** name => [title, items] */
    public const SECTIONS = [
        'header' => ['Pogo store', 3],
        'nav' => ['Departments', 8],
        'content' => ['Today\'s offers', 40],
        'footer' => ['About us', 5],
    ];

    /** @param array<string, string> $fragments name => HTML */
    public static function page(array $fragments): string
    {
        return "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Pogo store</title></head>\n<body>\n"
            . implode('', $fragments)
            . "</body>\n</html>\n";
    }
}
