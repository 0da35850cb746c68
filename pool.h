/*
 * Pogo: named pools of worker threads.
 */
#ifndef POGO_POOL_H
#define POGO_POOL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <sys/types.h>
#include <time.h>

#include "php.h"

#include "job_queue.h"
#include "pool_config.h"
#include "thread_stats.h"

struct pogo_pool;

/* One worker thread of a pool. */
typedef struct pogo_thread {
	pthread_t id;
	struct pogo_pool *pool;
	/*
	 * The thread's TSRM record (tsrm_get_ls_cache()) while it has one: a
	 * forked child makes TSRM forget it. Guarded by the fork gate.
	 */
	void *tsrm_entry;
	/*
	 * The execution timer of the thread's current PHP request, so that
	 * shutdown can interrupt a job that outlives pogo.shutdown_timeout.
	 * Guarded by lock.
	 */
	pthread_mutex_t lock;
	bool has_timer;
	pogo_thread_stats stats; /* written by the thread alone (thread_stats.h) */
#ifdef ZEND_MAX_EXECUTION_TIMERS
	timer_t timer;
#endif
} pogo_thread;

typedef struct pogo_pool {
	pogo_pool_config config; /* read-only after startup */
	pogo_queue queue;

	/* Guards the next three; pogo_pools_stop() reads the threads unlocked once stopping. */
	pthread_mutex_t start_lock;
	/*
	 * 0 = not started in any process. Written under start_lock; read without
	 * it by pogo_pool_submit(), whose started pool needs no lock.
	 */
	_Atomic pid_t started_pid;
	pogo_thread *threads;
	unsigned thread_count;

	atomic_uint serving; /* atomic: threads whose request booted and serves jobs */

	atomic_uint awaiting_own; /* atomic: pool threads awaiting a job of this same pool */

	/* Boot failures, shared by the pool's threads (atomics; worker.c): */
	atomic_bool boot_failing;  /* a boot failed and none succeeded since (logged once) */
	atomic_bool failing_queue; /* one thread fails the queued jobs meanwhile */
} pogo_pool;

/* What the layer above runs in the pools' threads. */
typedef struct pogo_pool_hooks {
	/*
	 * Runs in each new pool thread, which already has its TSRM context, and
	 * returns once the pool's queue stops (the thread then ends).
	 */
	void (*thread_main)(pogo_thread *thread);
	/* Runs before each start of a pool's threads, in the starting thread. */
	void (*before_start)(void);
} pogo_pool_hooks;

/*
 * Creates the pools from their configuration at module startup. Takes set's
 * pools (set is left empty), also on failure. hooks is copied.
 */
zend_result pogo_pools_init(pogo_pool_config_set *set, const pogo_pool_hooks *hooks,
                            pogo_error *err);

/*
 * Stops every pool this process started: fails the jobs still queued, wakes
 * the idle threads and joins them all. Idempotent. Runs before any module's
 * shutdown, while the threads' requests can still end cleanly.
 */
void pogo_pools_stop(void);

/*
 * How long pogo_pools_stop() lets running jobs finish before interrupting
 * them (as PHP interrupts a script past its max_execution_time).
 */
void pogo_pools_set_shutdown_timeout(int64_t ms);

/*
 * The fork gate: pool threads hold it (shared) while they are inside TSRM or
 * start or shut down a PHP request, and fork() holds it (exclusive) from
 * its prepare handler to its parent and child handlers, so that no pool
 * thread holds TSRM's lock or is half-way through a request's startup or
 * shutdown at the moment of the fork.
 */
void pogo_pool_fork_gate_enter(void);
void pogo_pool_fork_gate_leave(void);

/* atfork handlers: before fork() (closes the gate) and in the parent after it. */
void pogo_pools_before_fork(void);
void pogo_pools_after_fork_parent(void);

/*
 * In a child after fork(): forget the parent's threads (in Pogo and in
 * TSRM) and queued jobs; the gate is open again.
 */
void pogo_pools_after_fork(void);

/*
 * Frees the records of the pool's threads, which must all have been joined
 * (pool_stop.c), under its start lock. The pool stays stopped in this
 * process: started_pid is kept and its queue refuses jobs.
 */
void pogo_pool_threads_release(pogo_pool *pool);

/* Stops the pools if still running, then frees them (module shutdown; pool_stop.c). */
void pogo_pools_shutdown(void);

/*
 * Frees the pools, whose threads pogo_pools_stop() has joined (a forked
 * child leaves its parent's queues alone); for pogo_pools_shutdown() only.
 */
void pogo_pools_free(void);

size_t pogo_pool_count(void);
pogo_pool *pogo_pool_at(size_t index);

/* The pool called name, or NULL with err filled: unknown pool "name". */
pogo_pool *pogo_pool_find(const char *name, size_t len, pogo_error *err);

/*
 * From pogo_pools_stop() on, no pool starts in this process (a dispatch to
 * one that has not started fails: the pool is stopping) until init or a fork.
 */
void pogo_pools_refuse_starts(void);

/* Whether this process started the pool (the caller holds its start lock). */
bool pogo_pool_started_here_slocked(const pogo_pool *pool);

/* Whether this process has started the pool's threads. */
bool pogo_pool_running(pogo_pool *pool);

/*
 * One of the pool's own threads starts (begin) or ends (end) awaiting a job
 * of the same pool. begin returns whether every thread this process started
 * for the pool is now doing so: none is left to run a queued job, a certain
 * deadlock (the count is then not kept: the caller must not call end).
 */
bool pogo_pool_own_await_begin(pogo_pool *pool);
void pogo_pool_own_await_end(pogo_pool *pool);

/*
 * Queues the job, starting the pool's threads first if this process has not
 * (without waiting for them to boot). On failure the job is untouched and
 * the caller keeps both of its references.
 */
zend_result pogo_pool_submit(pogo_pool *pool, pogo_job *job, pogo_error *err);

/* The worker thread's request has this execution timer (NULL: none any more). */
void pogo_thread_set_timer(pogo_thread *thread, const void *timer);

/* A worker thread's request booted: it serves jobs (until it ends). */
void pogo_pool_serving_begin(pogo_pool *pool);
void pogo_pool_serving_end(pogo_pool *pool);

/* Whether any thread of the pool serves jobs now. */
bool pogo_pool_serving(pogo_pool *pool);

#endif
