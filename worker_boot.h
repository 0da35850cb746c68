/*
 * Pogo: booting a worker thread's PHP request (worker_boot.c).
 */
#ifndef POGO_WORKER_BOOT_H
#define POGO_WORKER_BOOT_H

#include "php.h"
#include "pool.h"

/*
 * Starts the thread's PHP request for pool's worker: no client, no headers,
 * output to stderr, no time limit on the request itself (only jobs are
 * timed), and the CLI's STDIN/STDOUT/STDERR constants under the CLI.
 */
zend_result pogo_worker_request_startup(pogo_pool *pool);

/* Sets a directive for the rest of this worker request (system level). */
void pogo_worker_set_ini(const char *name, const char *value);

/* Requires path in the current request; a ParseError is reported as PHP would and fails. */
zend_result pogo_worker_run_file(const char *path);

/* Requires the pool's bootstrap, one thread at a time when opcache is loaded. */
zend_result pogo_worker_run_bootstrap(const char *path);

/* In a child after fork(): a fresh bootstrap lock. */
void pogo_worker_boot_after_fork(void);

#endif
