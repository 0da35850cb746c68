/*
 * Pogo: running one job in a worker thread (job_runner.c).
 */
#ifndef POGO_JOB_RUNNER_H
#define POGO_JOB_RUNNER_H

#include "php.h"
#include "pool.h"

/* At module startup: job_end runs after each job (it gives up the jobs that job did not await). */
void pogo_runner_startup(void (*job_end)(void));

/*
 * Runs job, taken from pool's queue, with the built-in worker's rules:
 * instantiates its class and calls handle(). Completes the job. Returns
 * false when the job broke the request (the caller reboots it).
 */
bool pogo_runner_run_builtin(pogo_pool *pool, pogo_job *job);

/*
 * Runs job through a worker script's handler (pogo_worker_handle()).
 * Completes the job. Returns false when the job broke the request; what it
 * threw is then left in EG(exception) to unwind the script.
 */
bool pogo_runner_run_handler(pogo_pool *pool, pogo_job *job, zend_fcall_info *fci,
                             zend_fcall_info_cache *fcc);

/* At the end of a worker's request: forgets the job class this thread kept (it ends with the
 * request). */
void pogo_runner_forget_classes(void);

/* Fails the job this thread runs, if any, with text (malloc'd, taken; NULL: out of memory). */
void pogo_runner_fail_current_take(char *text);

/* At the end of a worker's request: forgets the job class this thread kept (it ends with the
 * request). */
void pogo_runner_forget_classes(void);

/* Fails the job this thread runs, if any, with PHP's last error or fallback: its request broke. */
void pogo_runner_fail_current(const char *fallback);

/* PHP's last error as "message in file on line N", or fallback; malloc'd, the caller frees. */
char *pogo_runner_last_error_text(const char *fallback);

#endif
