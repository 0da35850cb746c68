/*
 * Pogo: named pools of worker threads.
 */
#ifndef POGO_POOL_H
#define POGO_POOL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <sys/types.h>

#include "job_queue.h"
#include "pool_config.h"

typedef struct pogo_pool {
	pogo_pool_config config; /* read-only after startup */
	pogo_queue queue;

	pthread_mutex_t start_lock; /* guards the fields below */
	pid_t started_pid;          /* 0 = not started in any process */
	pthread_t *threads;
	unsigned thread_count;

	atomic_uint serving; /* threads whose request booted and serves jobs */
} pogo_pool;

/*
 * Creates the pools from their configuration at module startup. Takes set's
 * pools (set is left empty), also on failure.
 */
zend_result pogo_pools_init(pogo_pool_config_set *set, pogo_error *err);

/*
 * Stops every pool this process started: fails the jobs still queued, wakes
 * the idle threads and joins them all. Idempotent. Runs before any module's
 * shutdown, while the threads' requests can still end cleanly.
 */
void pogo_pools_stop(void);

/* Stops the pools if still running, then frees them (module shutdown). */
void pogo_pools_shutdown(void);

size_t pogo_pool_count(void);
pogo_pool *pogo_pool_at(size_t index);

/* The pool called name, or NULL with err filled: unknown pool "name". */
pogo_pool *pogo_pool_find(const char *name, size_t len, pogo_error *err);

/* Whether this process has started the pool's threads. */
bool pogo_pool_running(pogo_pool *pool);

/*
 * Queues the job, starting the pool's threads first if this process has not
 * (without waiting for them to boot). On failure the job is untouched and
 * the caller keeps both of its references.
 */
zend_result pogo_pool_submit(pogo_pool *pool, pogo_job *job, pogo_error *err);

/* A worker thread's request booted: it serves jobs (until it ends). */
void pogo_pool_serving_begin(pogo_pool *pool);
void pogo_pool_serving_end(pogo_pool *pool);

/* Whether any thread of the pool serves jobs now. */
bool pogo_pool_serving(pogo_pool *pool);

#endif
