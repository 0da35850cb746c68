/*
 * Pogo: the PHP side of a worker thread.
 */
#ifndef POGO_WORKER_H
#define POGO_WORKER_H

#include "php.h"
#include "pool.h"

/*
 * Prepares what worker threads share; called once at module startup.
 * job_end runs in a worker thread after each job: it gives up the jobs that
 * job dispatched and did not await. Wraps PHP's error callback so that a
 * job interrupted at shutdown is logged as that, not as a time limit.
 */
void pogo_worker_startup(void (*job_end)(void));

/* At module shutdown: puts PHP's error callback back. */
void pogo_worker_shutdown(void);

/* In a child after fork(): resets what the parent's worker threads may have held. */
void pogo_worker_after_fork(void);

/*
 * Runs in a pool thread that already has its TSRM context: boots a PHP
 * request, runs the pool's worker (built-in or script) until the pool stops,
 * rebooting the request when a job breaks it, then shuts the request down.
 */
void pogo_worker_run(pogo_thread *thread);

/*
 * pogo_worker_handle(): in a worker script, waits for the next job, calls the
 * handler with its payload and completes the job with the envelope it
 * returns. Sets return_value to true, or false once the pool stops; throws
 * PogoException outside a worker.
 */
void pogo_worker_handle_next(zend_fcall_info *fci, zend_fcall_info_cache *fcc, zval *return_value);

#endif
