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
 *   bootstrap_lock    worker_boot.c one bootstrap at a time (opcache)   before the pool
 *                                                                       locks: a
 *                                                                       bootstrap may
 *                                                                       dispatch
 *   start_lock        pool.c        a pool's thread array, writes of before queue lock
 *                                   started_pid (atomic: a dispatch     (pogo_pools_stop)
 *                                   reads it without the lock)          and environment
 *                                                                       lock (before_start)
 *   queue lock        job_queue.c   a pool's list, length, idle and     before job lock
 *                                   waiting counts, stopping, counters
 *   job lock          job.h (rules: a job's state, outcome, result,     before waiter
 *                     job_queue.c)  abandoned, watch, queue             lock
 *   waiter lock       job_waiter.c  a waiter's finished count, wanted   innermost
 *   guard_lock        pogo.c        the shutdown guard's entry in the   alone
 *                                   startup thread's persistent list
 *   thread lock       pool.h (used  a thread's timer (has_timer)        alone
 *                     in pool_stop.c)
 *   environment_lock  sapi_guard.c  the environment hooks php-fpm sets  innermost (no
 *                                                                       other taken in it)
 * "alone": no other of these locks is taken while it is held. The fork gate
 * is held around request startup and shutdown, which may take the others
 * (a worker request's end gives up the jobs its jobs dispatched). Atomics
 * (pool.h) need no lock: serving, awaiting_own, boot_failing, failing_queue,
 * and each thread's counters (thread_stats.h), written by that thread alone.
 *
 * Each thread owns its TSRM context and runs the thread_main hook that the
 * layer above gave at startup (worker.c: its PHP request); jobs and
 * their results cross threads only as plain bytes in the job (job.h), in
 * the job itself or malloc'd: payloads and results in the binary transfer
 * form (value_codec.h), JSON envelopes, or an error message.
 * Shutdown (pogo_pools_stop(), pogo_pools_shutdown()): pool_stop.c, which
 * calls pogo_pools_free() here last. After fork(),
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

static pogo_pool *pools;
/*
 * This process's pid, for the started_pid checks of every dispatch without a
 * getpid() system call each: set at init and, in a forked child, by
 * pogo_pools_after_fork() (the atfork child handler), before any thread of
 * the child can dispatch. Written only while no other thread of the process
 * runs Pogo code.
 */
static pid_t self_pid;
/*
 * Set once pogo_pools_stop() begins (pool_stop.c): no pool starts after it,
 * since its threads would be joined only at module shutdown, after the
 * other extensions (opcache) shut down. Cleared at init and in a forked
 * child, which starts its own pools.
 */
static atomic_bool starts_refused;
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
	self_pid = getpid();
	atomic_store(&starts_refused, false);
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
	running = pogo_pool_started_here_slocked(pool) && pool->thread_count > 0;
	pthread_mutex_unlock(&pool->start_lock);
	return running;
}

bool pogo_pool_own_await_begin(pogo_pool *pool)
{
	unsigned threads, awaiting = atomic_fetch_add(&pool->awaiting_own, 1) + 1;

	pthread_mutex_lock(&pool->start_lock);
	threads = pogo_pool_started_here_slocked(pool) ? pool->thread_count : 0;
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
 * ZTS no pool starts (dispatch.c's pogo_usable_pool() refuses every dispatch first), so there is
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
	pogo_job_cache_drain(); /* jobs this thread dispatched (nested) and freed */
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
static zend_result pool_start_slocked(pogo_pool *pool, char *warning, size_t size,
                                      pogo_error *err) /* start_lock held */
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
	if (pool->thread_count == 0) {
		pogo_error_set(err, POGO_ERR_POOL, "pool \"%s\": cannot start a thread: %s",
		               pool->config.name, strerror(rc));
		threads_free(pool->threads, wanted);
		pool->threads = NULL;
		return FAILURE;
	}
	/* Last: a dispatch that reads it without the lock finds the threads running. */
	pool->started_pid = self_pid;
	if (pool->thread_count < wanted) {
		/* Raised by the caller once it let the start lock go: a handler may dispatch. */
		snprintf(warning, size, "Pogo pool \"%s\" started %u of %u threads: %s", pool->config.name,
		         pool->thread_count, wanted, strerror(rc));
	}
	return SUCCESS;
}

void pogo_pools_refuse_starts(void)
{
	atomic_store(&starts_refused, true);
}

bool pogo_pool_started_here_slocked(const pogo_pool *pool)
{
	return pool->started_pid == self_pid;
}

zend_result pogo_pool_submit(pogo_pool *pool, pogo_job *job, pogo_error *err)
{
	zend_result started = SUCCESS;
	char warning[256];

	/*
	 * A pool started in this process stays so (stopping it keeps started_pid
	 * and makes its queue refuse jobs): no start lock per dispatch, which
	 * every request thread of a threaded server would take.
	 */
	if (atomic_load_explicit(&pool->started_pid, memory_order_acquire) != self_pid) {
		warning[0] = '\0';
		pthread_mutex_lock(&pool->start_lock);
		if (!pogo_pool_started_here_slocked(pool)) {
			if (atomic_load(&starts_refused)) {
				pogo_error_set(err, POGO_ERR_POOL, "pool \"%s\" is stopping", pool->config.name);
				started = FAILURE;
			} else {
				started = pool_start_slocked(pool, warning, sizeof(warning), err);
			}
		}
		pthread_mutex_unlock(&pool->start_lock);
		if (warning[0]) {
			php_error_docref(NULL, E_WARNING, "%s", warning);
		}
		if (started == FAILURE) {
			return FAILURE;
		}
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

void pogo_pool_threads_release(pogo_pool *pool)
{
	pthread_mutex_lock(&pool->start_lock);
	threads_free(pool->threads, pool->thread_count);
	pool->threads = NULL;
	pool->thread_count = 0;
	pthread_mutex_unlock(&pool->start_lock);
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
	self_pid = getpid();
	atomic_store(&starts_refused, false);
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

void pogo_pools_free(void)
{
	for (size_t i = 0; i < pools_count; i++) {
		pogo_pool *pool = &pools[i];

		if (!pool->started_pid || pool->started_pid == self_pid) {
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
