<?php

/*
 * The application's bootstrap: every page requires it, and every Pogo worker
 * thread requires it once before its first job (the pools' `bootstrap`
 * directive in conf.d/pogo.ini). It only registers the autoloader, so a
 * worker thread compiles a job class the first time it runs one. Once per
 * PHP request: in FrankenPHP's worker mode (worker.php) the pages require it
 * again on every request of the same PHP request.
 */

declare(strict_types=1);

if (defined('APP_BOOTSTRAPPED')) {
    return;
}
define('APP_BOOTSTRAPPED', true);

spl_autoload_register(static function (string $class): void {
    if (str_starts_with($class, 'App\\')) {
        $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, 4)) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
