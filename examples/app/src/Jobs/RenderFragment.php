<?php

declare(strict_types=1);

namespace App\Jobs;

use Pogo\JobInterface;

/** Renders one HTML fragment of a page from its data. */
final class RenderFragment implements JobInterface
{
    public static function render(string $name, string $title, int $items): string
    {
        $html = sprintf("<section id=\"%s\">\n<h2>%s</h2>\n<ul>\n", $name, htmlspecialchars($title));
        for ($i = 1; $i <= $items; $i++) {
            $label = sprintf('%s item %d & <%s>', $title, $i, substr(md5($name . $i), 0, 8));
            $html .= sprintf("<li data-n=\"%d\">%s</li>\n", $i, htmlspecialchars($label));
        }

        return $html . "</ul>\n</section>\n";
    }

    public function handle(array $args): mixed
    {
        Output::mark('RenderFragment');

        return self::render($args['name'], $args['title'], $args['items']);
    }
}
