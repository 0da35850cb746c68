/*
 * Pogo: named pools of worker threads.
 *
 * DESIGN
 * The pools are created once, at module startup, from the INI directives,
 * and live until module shutdown; their configuration is read-only after
 * that, so any thread may read it without a lock. A pool's threads start
 * lazily, at the first job submitted to it in this process: a forking server
 * (php-fpm) starts them in each child, after the fork.
 *
 * Pogo's locks, the one table of them (the files named hold the details):
 *   lock              where         guards                              order
 *   fork_gate         pool.c        pool threads' TSRM calls, request   outermost
 *    (rwlock)                       startup and shutdown (readers);
 *                                   fork() (the writer, in atfork)
 *   bootstrap_lock    worker.c      one bootstrap at a time (opcache)   before the pool
 *                                                                       locks: a
 *                                                                       bootstrap may
 *                                                                       dispatch
 *   start_lock        pool.c        a pool's thread array, started_pid  before queue lock
 *                                                                       (pogo_pools_stop)
 *   queue lock        job_queue.c   a pool's list, length, idle and     before job lock
 *                                   waiting counts, stopping, counters
 *   job lock          job_queue.c   a job's state, outcome, result,     before waiter
 *                                   watch                               lock
 *   waiter lock       job_waiter.c  a waiter's finished count, wanted   innermost
 *   guard_lock        pogo.c        the shutdown guard's entry in the   alone
 *                                   startup thread's persistent list
 *   thread lock       pool.c        a thread's timer (has_timer)        alone
 *   environment_lock  sapi_guard.c  the environment hooks php-fpm sets  alone
 * "alone": no other of these locks is taken while it is held. The fork gate
 * is held around request startup and shutdown, which may take the others
 * (a worker request's end gives up the jobs its jobs dispatched). Atomics
 * (pool.h) need no lock: serving, boot_failing, failing_queue, and each
 * thread's counters (pool_stats.h), written by that thread alone.
 *
 * Each thread owns its TSRM context and runs the thread_main hook that the
 * layer above gave at startup (worker.c: its PHP request); jobs and
 * their results cross threads only as malloc'd JSON text (job_queue.c).
 * Shutdown: pogo_pools_stop() runs before any extension shuts down (at
 * the CLI request's end, or from a persistent resource of the main thread).
 * It stops every queue (failing the jobs still queued, waking every idle
 * worker), then joins the threads holding no lock, so that a job may still
 * dispatch: each finishes the job it runs, shuts its request
 * down and frees its TSRM context. Jobs still running after
 * pogo.shutdown_timeout are interrupted through their thread's execution
 * timer, the way PHP stops a script past its max_execution_time; a thread
 * that still does not stop within POGO_INTERRUPT_GRACE_MS (blocked in
 * native code) ends the process with _exit(), since PHP cannot shut down
 * around it. pogo_pools_shutdown() then frees the pools. After fork(),
 * pogo_pools_after_fork() leaves the child with no threads and empty
 * queues: it starts its own threads lazily.
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

/*
 * How long interrupted jobs get to unwind (run their shutdown functions and
 * destructors, end their request) before a thread counts as stuck. Generous:
 * _exit() ends a whole server, and a slow machine (or valgrind) unwinds slowly.
 */
#define POGO_INTERRUPT_GRACE_MS 5000

static pogo_pool *pools;
static size_t pools_count;

/*
 * The fork gate (see pool.h), writer-preferring so that threads that boot
 * and reboot all the time cannot hold a fork back.
 */
static pthread_rwlock_t fork_gate;

static void fork_gate_init(void)
{
	pthread_rwlockattr_t attr;

	pthread_rwlockattr_init(&attr);
	pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&fork_gate, &attr);
	pthread_rwlockattr_destroy(&attr);
}

void pogo_pool_fork_gate_enter(void)
{
	pthread_rwlock_rdlock(&fork_gate);
}

void pogo_pool_fork_gate_leave(void)
{
	pthread_rwlock_unlock(&fork_gate);
}

void pogo_pools_before_fork(void)
{
	pthread_rwlock_wrlock(&fork_gate);
}

void pogo_pools_after_fork_parent(void)
{
	pthread_rwlock_unlock(&fork_gate);
}

/*
 * TSRM's record of a thread, laid out as in TSRM/TSRM.c (where it is
 * private; unchanged from PHP 8.0 to 8.5). A forked child has a copy of the
 * parent threads' records but none of the threads: their storage points
 * into heaps that no thread of the child owns. count = 0 keeps TSRM from
 * running destructors over it at shutdown (ts_free_id(), tsrm_shutdown());
 * a thread id that no thread has keeps a new thread of the child, which may
 * get a dead thread's id, from being handed the dead thread's state.
 */
typedef struct tsrm_entry_layout {
	void **storage;
	int count;
	pthread_t thread_id;
	struct tsrm_entry_layout *next;
} tsrm_entry_layout;

static void tsrm_forget(void *entry)
{
	tsrm_entry_layout *e = entry;

	if (e) {
		e->count = 0;
		memset(&e->thread_id, 0, sizeof(e->thread_id));
	}
}
static pogo_pool_hooks hooks; /* set at module startup, read-only after */

zend_result pogo_pools_init(pogo_pool_config_set *set, const pogo_pool_hooks *with, pogo_error *err)
{
	size_t i;

	hooks = *with;
	fork_gate_init();
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

bool pogo_pool_own_await_begin(pogo_pool *pool)
{
	unsigned threads, awaiting = atomic_fetch_add(&pool->awaiting_own, 1) + 1;

	pthread_mutex_lock(&pool->start_lock);
	threads = pool->started_pid == getpid() ? pool->thread_count : 0;
	pthread_mutex_unlock(&pool->start_lock);
	if (threads > 0 && awaiting >= threads) {
		atomic_fetch_sub(&pool->awaiting_own, 1);
		return true;
	}
	return false;
}

void pogo_pool_own_await_end(pogo_pool *pool)
{
	atomic_fetch_sub(&pool->awaiting_own, 1);
}

static void threads_free(pogo_thread *threads, unsigned count)
{
	for (unsigned t = 0; t < count; t++) {
		pthread_mutex_destroy(&threads[t].lock);
	}
	free(threads);
}

/*
 * A pool thread: its own TSRM context around the thread_main hook. Without
 * ZTS no pool starts (pogo.c refuses every dispatch first), so there is
 * nothing to run.
 */
static void *pool_thread_main(void *arg)
{
#ifdef ZTS
	pogo_thread *thread = arg;

	pogo_pool_fork_gate_enter();
	(void)ts_resource(0);
	ZEND_TSRMLS_CACHE_UPDATE();
	thread->tsrm_entry = tsrm_get_ls_cache();
	pogo_pool_fork_gate_leave();
	hooks.thread_main(thread);
	pogo_pool_fork_gate_enter();
	thread->tsrm_entry = NULL;
	ts_free_thread();
	pogo_pool_fork_gate_leave();
#else
	(void)arg;
#endif
	return NULL;
}

/*
 * Starts the threads. Worker threads block the asynchronous signals so that
 * the process's signal handlers run in the request threads, but keep the
 * signal of PHP's per-thread execution timer.
 */
static zend_result pool_start_slocked(pogo_pool *pool, pogo_error *err) /* start_lock held */
{
	sigset_t blocked, saved;
	unsigned wanted = pool->config.num_threads;
	int rc = 0;

	pool->threads = calloc(wanted, sizeof(*pool->threads));
	if (!pool->threads) {
		pogo_error_set(err, POGO_ERR_NOMEM, "pool \"%s\": out of memory", pool->config.name);
		return FAILURE;
	}
	for (unsigned t = 0; t < wanted; t++) {
		pool->threads[t].pool = pool;
		pthread_mutex_init(&pool->threads[t].lock, NULL);
	}
	sigfillset(&blocked);
	sigdelset(&blocked, SIGRTMIN);
	sigdelset(&blocked, SIGSEGV);
	sigdelset(&blocked, SIGBUS);
	sigdelset(&blocked, SIGFPE);
	sigdelset(&blocked, SIGILL);
	pthread_sigmask(SIG_SETMASK, &blocked, &saved);
	if (hooks.before_start) {
		hooks.before_start();
	}
	pool->thread_count = 0;
	while (pool->thread_count < wanted) {
		pogo_thread *thread = &pool->threads[pool->thread_count];

		rc = pthread_create(&thread->id, NULL, pool_thread_main, thread);
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
		threads_free(pool->threads, wanted);
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

zend_result pogo_pool_submit(pogo_pool *pool, pogo_job *job, pogo_error *err)
{
	zend_result started = SUCCESS;

	pthread_mutex_lock(&pool->start_lock);
	if (pool->started_pid != getpid()) {
		started = pool_start_slocked(pool, err);
	}
	pthread_mutex_unlock(&pool->start_lock);
	if (started == FAILURE) {
		return FAILURE;
	}
	/* A soft bound: dispatches at the same moment may pass it by a few. */
	if (pool->config.max_queue > 0 &&
	    pogo_queue_length(&pool->queue) >= (size_t)pool->config.max_queue) {
		pogo_error_set(err, POGO_ERR_POOL,
		               "pool \"%s\" has max_queue (%" PRId64 ") jobs waiting for a thread; the job "
		               "was not queued",
		               pool->config.name, pool->config.max_queue);
		return FAILURE;
	}
	if (pogo_queue_post(&pool->queue, job) == FAILURE) {
		pogo_error_set(err, POGO_ERR_POOL, "pool \"%s\" is stopping", pool->config.name);
		return FAILURE;
	}
	return SUCCESS;
}

static _Atomic int64_t shutdown_timeout_ms = 5000; /* set by every thread's INI refresh */

void pogo_pools_set_shutdown_timeout(int64_t ms)
{
	shutdown_timeout_ms = ms;
}

void pogo_thread_set_timer(pogo_thread *thread, const void *timer)
{
	pthread_mutex_lock(&thread->lock);
#ifdef ZEND_MAX_EXECUTION_TIMERS
	if (timer) {
		thread->timer = *(const timer_t *)timer;
	}
#endif
	thread->has_timer = timer != NULL;
	pthread_mutex_unlock(&thread->lock);
}

/*
 * Fires the thread's execution timer now: PHP stops the running job as if
 * it had passed its max_execution_time, and a blocking call returns EINTR.
 */
static bool thread_interrupt(pogo_thread *thread)
{
	bool fired = false;

	pthread_mutex_lock(&thread->lock);
#ifdef ZEND_MAX_EXECUTION_TIMERS
	if (thread->has_timer) {
		struct itimerspec now = {.it_value = {.tv_sec = 0, .tv_nsec = 1}};

		fired = timer_settime(thread->timer, 0, &now, NULL) == 0;
	}
#endif
	pthread_mutex_unlock(&thread->lock);
	return fired;
}

/* Joins the threads of the started pools until the deadline; counts those left. */
static unsigned join_until(int64_t ms, bool *joined[])
{
	struct timespec deadline;
	unsigned left = 0;

	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += ms / 1000;
	deadline.tv_nsec += (ms % 1000) * 1000000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	for (size_t i = 0; i < pools_count; i++) {
		for (unsigned t = 0; joined[i] && t < pools[i].thread_count; t++) {
			if (!joined[i][t]) {
				joined[i][t] = pthread_timedjoin_np(pools[i].threads[t].id, NULL, &deadline) == 0;
				left += !joined[i][t];
			}
		}
	}
	return left;
}

void pogo_pools_stop(void)
{
	bool *joined[pools_count ? pools_count : 1];
	unsigned left;
	char message[256];

	/* No job starts any more; idle threads wake up and leave. */
	for (size_t i = 0; i < pools_count; i++) {
		pogo_pool *pool = &pools[i];

		joined[i] = NULL;
		pthread_mutex_lock(&pool->start_lock);
		if (pool->started_pid == getpid() && pool->thread_count > 0) {
			pogo_queue_stop(&pool->queue);
			joined[i] = calloc(pool->thread_count, sizeof(bool));
		}
		pthread_mutex_unlock(&pool->start_lock);
	}
	/* Running jobs get pogo.shutdown_timeout to finish, then are interrupted. */
	left = join_until(shutdown_timeout_ms, joined);
	if (left > 0) {
		snprintf(message, sizeof(message),
		         "Pogo: %u job(s) still running after pogo.shutdown_timeout; interrupting them",
		         left);
		php_log_err(message);
		for (size_t i = 0; i < pools_count; i++) {
			for (unsigned t = 0; joined[i] && t < pools[i].thread_count; t++) {
				if (!joined[i][t]) {
					thread_interrupt(&pools[i].threads[t]);
				}
			}
		}
		left = join_until(POGO_INTERRUPT_GRACE_MS, joined);
	}
	if (left > 0) {
		/*
		 * Stuck in a native call that ignores the interruption: PHP cannot
		 * shut down around a thread that still runs its code. End now.
		 */
		snprintf(message, sizeof(message),
		         "Pogo: %u worker thread(s) did not stop after interruption; exiting", left);
		php_log_err(message);
		_exit(EXIT_FAILURE);
	}
	for (size_t i = 0; i < pools_count; i++) {
		if (joined[i]) {
			pthread_mutex_lock(&pools[i].start_lock);
			threads_free(pools[i].threads, pools[i].thread_count);
			pools[i].threads = NULL;
			pools[i].thread_count = 0;
			pthread_mutex_unlock(&pools[i].start_lock);
			free(joined[i]);
		}
	}
}

/* Whether the calling thread is one of the pool's (after fork(): the forking thread). */
static bool threads_include_self(const pogo_pool *pool)
{
	for (unsigned t = 0; pool->threads && t < pool->thread_count; t++) {
		if (pthread_equal(pool->threads[t].id, pthread_self())) {
			return true;
		}
	}
	return false;
}

void pogo_pools_after_fork(void)
{
	/* The forking thread holds the gate: a fresh one, open. */
	fork_gate_init();
	for (size_t i = 0; i < pools_count; i++) {
		pogo_pool *pool = &pools[i];

		if (!pool->started_pid) {
			continue;
		}
		for (unsigned t = 0; pool->threads && t < pool->thread_count; t++) {
			if (!pthread_equal(pool->threads[t].id, pthread_self())) {
				tsrm_forget(pool->threads[t].tsrm_entry);
			}
		}
		/*
		 * The parent's threads do not exist here, and any of its locks may
		 * have been held at the fork: start afresh (the parent's memory
		 * copied here is left alone, but for the copy of its thread
		 * records, freed without touching their locks, unless the forking
		 * thread is one of them: a job that forks).
		 */
		pthread_mutex_init(&pool->start_lock, NULL);
		memset(&pool->queue, 0, sizeof(pool->queue));
		pogo_queue_init(&pool->queue);
		if (!threads_include_self(pool)) {
			free(pool->threads);
		}
		pool->threads = NULL;
		pool->thread_count = 0;
		pool->started_pid = 0;
		atomic_store(&pool->serving, 0);
		atomic_store(&pool->awaiting_own, 0);
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
		pthread_mutex_destroy(&pool->start_lock);
		free(pool->config.worker);
		free(pool->config.bootstrap);
		free(pool->config.invalid);
	}
	free(pools);
	pools = NULL;
	pools_count = 0;
}
