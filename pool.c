/*
 * Pogo: named pools of worker threads.
 *
 * DESIGN
 * The pools are created once, at module startup, from the INI directives,
 * and live until module shutdown; their configuration is read-only after
 * that, so any thread may read it without a lock. A pool's threads start
 * lazily, at the first job submitted to it in this process: a forking server
 * (php-fpm) starts them in each child, after the fork. Each pool has two
 * locks:
 *   - start_lock guards the thread array and started_pid. It is taken only
 *     to start or stop the threads, never while a queue or job lock is held.
 *   - the queue's lock (job_queue.c) guards the queue; job locks come after
 *     it.
 * Each thread owns its TSRM context and its PHP request (worker.c); jobs and
 * their results cross threads only as malloc'd JSON text (job_queue.c).
 * Shutdown: pogo_pools_shutdown() stops each queue (waking every idle
 * worker, failing the jobs still queued), joins every thread (each finishes
 * the job it is running, then shuts its request down and frees its TSRM
 * context) and frees the pools. A child process after fork() finds
 * started_pid naming its parent: it has no threads and starts its own.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "php.h"

#include "pool.h"
#include "worker.h"

static pogo_pool *pools;
static size_t pools_count;

zend_result pogo_pools_init(pogo_pool_config_set *set, pogo_error *err)
{
	size_t i;

	pools = calloc(set->count ? set->count : 1, sizeof(*pools));
	if (!pools) {
		pogo_error_set(err, POGO_ERR_NOMEM, "out of memory creating the pools");
		pogo_config_set_free(set);
		return FAILURE;
	}
	for (i = 0; i < set->count; i++) {
		pools[i].config = set->pools[i]; /* takes the strings */
		if (pogo_queue_init(&pools[i].queue) == FAILURE) {
			pogo_error_set(err, POGO_ERR_NOMEM, "cannot create the queue of pool \"%s\"",
			               pools[i].config.name);
			goto unwind;
		}
		if (pthread_mutex_init(&pools[i].start_lock, NULL) != 0) {
			pogo_queue_destroy(&pools[i].queue);
			pogo_error_set(err, POGO_ERR_NOMEM, "cannot create the lock of pool \"%s\"",
			               pools[i].config.name);
			goto unwind;
		}
	}
	pools_count = set->count;
	free(set->pools);
	set->pools = NULL;
	set->count = 0;
	return SUCCESS;

unwind:
	while (i-- > 0) {
		pthread_mutex_destroy(&pools[i].start_lock);
		pogo_queue_destroy(&pools[i].queue);
	}
	pogo_config_set_free(set); /* still owns every pool's strings */
	free(pools);
	pools = NULL;
	return FAILURE;
}

size_t pogo_pool_count(void)
{
	return pools_count;
}

pogo_pool *pogo_pool_at(size_t index)
{
	return index < pools_count ? &pools[index] : NULL;
}

pogo_pool *pogo_pool_find(const char *name, size_t len, pogo_error *err)
{
	for (size_t i = 0; i < pools_count; i++) {
		if (strlen(pools[i].config.name) == len && memcmp(pools[i].config.name, name, len) == 0) {
			return &pools[i];
		}
	}
	pogo_error_set(err, POGO_ERR_POOL, "unknown pool \"%.*s\"", (int)MIN(len, 128), name);
	return NULL;
}

void pogo_pool_serving_begin(pogo_pool *pool)
{
	atomic_fetch_add(&pool->serving, 1);
}

void pogo_pool_serving_end(pogo_pool *pool)
{
	atomic_fetch_sub(&pool->serving, 1);
}

bool pogo_pool_serving(pogo_pool *pool)
{
	return atomic_load(&pool->serving) > 0;
}

bool pogo_pool_running(pogo_pool *pool)
{
	bool running;

	pthread_mutex_lock(&pool->start_lock);
	running = pool->started_pid == getpid() && pool->thread_count > 0;
	pthread_mutex_unlock(&pool->start_lock);
	return running;
}

#ifdef ZTS
static void *pool_thread_main(void *arg)
{
	pogo_pool *pool = arg;

	(void)ts_resource(0);
	ZEND_TSRMLS_CACHE_UPDATE();
	pogo_worker_run(pool);
	ts_free_thread();
	return NULL;
}

/*
 * Starts the threads. Worker threads block the asynchronous signals so that
 * the process's signal handlers run in the request threads, but keep the
 * signal of PHP's per-thread execution timer.
 */
static zend_result pool_start_locked(pogo_pool *pool, pogo_error *err)
{
	sigset_t blocked, saved;
	unsigned wanted = pool->config.num_threads;
	int rc = 0;

	if (pool->started_pid && pool->started_pid != getpid()) {
		/* Forked: the parent's threads do not exist here. */
		free(pool->threads);
		pool->threads = NULL;
		pool->thread_count = 0;
		/* The parent's queue lock may have been held at fork: start afresh. */
		memset(&pool->queue, 0, sizeof(pool->queue));
		if (pogo_queue_init(&pool->queue) == FAILURE) {
			pogo_error_set(err, POGO_ERR_POOL, "pool \"%s\": cannot create its queue",
			               pool->config.name);
			return FAILURE;
		}
	}
	pool->threads = calloc(wanted, sizeof(*pool->threads));
	if (!pool->threads) {
		pogo_error_set(err, POGO_ERR_NOMEM, "pool \"%s\": out of memory", pool->config.name);
		return FAILURE;
	}
	sigfillset(&blocked);
	sigdelset(&blocked, SIGRTMIN);
	sigdelset(&blocked, SIGSEGV);
	sigdelset(&blocked, SIGBUS);
	sigdelset(&blocked, SIGFPE);
	sigdelset(&blocked, SIGILL);
	pthread_sigmask(SIG_SETMASK, &blocked, &saved);
	pool->thread_count = 0;
	while (pool->thread_count < wanted) {
		rc = pthread_create(&pool->threads[pool->thread_count], NULL, pool_thread_main, pool);
		if (rc != 0) {
			break;
		}
		pool->thread_count++;
	}
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	pool->started_pid = getpid();
	if (pool->thread_count == 0) {
		pogo_error_set(err, POGO_ERR_POOL, "pool \"%s\": cannot start a thread: %s",
		               pool->config.name, strerror(rc));
		free(pool->threads);
		pool->threads = NULL;
		pool->started_pid = 0;
		return FAILURE;
	}
	if (pool->thread_count < wanted) {
		php_error_docref(NULL, E_WARNING, "Pogo pool \"%s\" started %u of %u threads: %s",
		                 pool->config.name, pool->thread_count, wanted, strerror(rc));
	}
	return SUCCESS;
}
#endif

zend_result pogo_pool_submit(pogo_pool *pool, pogo_job *job, pogo_error *err)
{
#ifdef ZTS
	zend_result started = SUCCESS;

	pthread_mutex_lock(&pool->start_lock);
	if (pool->started_pid != getpid()) {
		started = pool_start_locked(pool, err);
	}
	pthread_mutex_unlock(&pool->start_lock);
	if (started == FAILURE) {
		return FAILURE;
	}
	if (pogo_queue_post(&pool->queue, job) == FAILURE) {
		pogo_error_set(err, POGO_ERR_POOL, "pool \"%s\" is stopping", pool->config.name);
		return FAILURE;
	}
	return SUCCESS;
#else
	(void)job;
	pogo_error_set(err, POGO_ERR_POOL,
	               "Pogo needs a thread-safe (ZTS) build of PHP; this PHP is not thread-safe, "
	               "so pool \"%s\" cannot start",
	               pool->config.name);
	return FAILURE;
#endif
}

void pogo_pools_stop(void)
{
	for (size_t i = 0; i < pools_count; i++) {
		pogo_pool *pool = &pools[i];

		pthread_mutex_lock(&pool->start_lock);
		if (pool->started_pid == getpid() && pool->thread_count > 0) {
			pogo_queue_stop(&pool->queue);
			for (unsigned t = 0; t < pool->thread_count; t++) {
				pthread_join(pool->threads[t], NULL);
			}
			pool->thread_count = 0;
		}
		pthread_mutex_unlock(&pool->start_lock);
	}
}

void pogo_pools_shutdown(void)
{
	pogo_pools_stop();
	for (size_t i = 0; i < pools_count; i++) {
		pogo_pool *pool = &pools[i];

		if (!pool->started_pid || pool->started_pid == getpid()) {
			/* A forked child leaves its parent's queue alone: its lock may be held. */
			pogo_queue_destroy(&pool->queue);
		}
		free(pool->threads);
		pthread_mutex_destroy(&pool->start_lock);
		free(pool->config.worker);
		free(pool->config.bootstrap);
		free(pool->config.invalid);
	}
	free(pools);
	pools = NULL;
	pools_count = 0;
}
