<?php

/*
 * Pogo's reference worker: the built-in worker's behaviour, written in PHP.
 *
 * Copy it when your application needs its own bootstrapping (a container, a
 * framework kernel) and point a pool at the copy:
 *
 *     pogo.pool.default.worker = /srv/app/pogo-worker.php
 *
 * The pool's `bootstrap` file, if any, is required before this script runs.
 * pogo_worker_handle() waits for the next job, passes its payload
 * ['class' => string, 'args' => array] to the handler and sends back the
 * envelope the handler returns; it returns false once the pool is stopping.
 */

declare(strict_types=1);

$handler = static function (array $payload): array {
    $class = $payload['class'];

    try {
        if (!class_exists($class) && !interface_exists($class) && !trait_exists($class)) {
            return ['ok' => false, 'error' => sprintf(
                'class "%s" not found in the worker: declare it in the pool\'s bootstrap or make it autoloadable there',
                $class,
            )];
        }
        $reflection = new ReflectionClass($class);
        $name = $reflection->getName();
        if (!$reflection->implementsInterface(Pogo\JobInterface::class)) {
            return ['ok' => false, 'error' => sprintf('class "%s" does not implement Pogo\JobInterface', $name)];
        }
        if ($reflection->isInterface() || $reflection->isTrait() || $reflection->isAbstract() || $reflection->isEnum()) {
            return ['ok' => false, 'error' => sprintf('class "%s" cannot be instantiated', $name)];
        }
        $constructor = $reflection->getConstructor();
        if ($constructor !== null && (!$constructor->isPublic() || $constructor->getNumberOfRequiredParameters() > 0)) {
            return ['ok' => false, 'error' => sprintf(
                '%s::__construct() must be public and take no required arguments: a job is created with none',
                $name,
            )];
        }

        return ['ok' => true, 'result' => (new $class())->handle($payload['args'])];
    } catch (Exception $e) {
        // An Error (a call to an undefined function, a TypeError...) is fatal, as
        // in a script: it leaves the handler, fails the job with
        // Pogo\WorkerException and the thread boots a fresh request.
        return [
            'ok' => false,
            'error' => $e->getMessage(),
            'exception' => [
                'class' => get_class($e),
                'code' => $e->getCode(), // an int, or a string (PDOException's SQLSTATE)
                'file' => $e->getFile(),
                'line' => $e->getLine(),
                'trace' => $e->getTraceAsString(),
            ],
        ];
    }
};

while (pogo_worker_handle($handler)) {
}
