/*
 * Pogo: stopping the pools' threads at shutdown, and the execution timers
 * that let a stop interrupt a job.
 *
 * DESIGN
 * pogo_pools_stop() runs before any extension shuts down (at the CLI
 * request's end, or from a persistent resource of the main thread). It
 * stops every queue (failing the jobs still queued, waking every idle
 * worker), then joins the threads holding no lock, so that a job may still
 * dispatch: each finishes the job it runs, shuts its request down and frees
 * its TSRM context. Jobs still running after pogo.shutdown_timeout are
 * interrupted through their thread's execution timer (thread lock), the way
 * PHP stops a script past its max_execution_time; a thread that still does
 * not stop within POGO_INTERRUPT_GRACE_MS (blocked in native code) ends the
 * process with _exit(), since PHP cannot shut down around it. The joined
 * threads' records are freed under each pool's start lock
 * (pogo_pool_threads_release()); pogo_pools_shutdown() then frees the
 * pools (pogo_pools_free(), pool.c). The locks are in pool.c's table.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "php.h"

#include "pool.h"

/*
 * How long interrupted jobs get to unwind (run their shutdown functions and
 * destructors, end their request) before a thread counts as stuck. Generous:
 * _exit() ends a whole server, and a slow machine (or valgrind) unwinds slowly.
 */
#define POGO_INTERRUPT_GRACE_MS 5000

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
	for (size_t i = 0; i < pogo_pool_count(); i++) {
		pogo_pool *pool = pogo_pool_at(i);

		for (unsigned t = 0; joined[i] && t < pool->thread_count; t++) {
			if (!joined[i][t]) {
				joined[i][t] = pthread_timedjoin_np(pool->threads[t].id, NULL, &deadline) == 0;
				left += !joined[i][t];
			}
		}
	}
	return left;
}

void pogo_pools_stop(void)
{
	size_t count = pogo_pool_count();
	bool *joined[count ? count : 1];
	unsigned left;
	char message[256];

	/* No pool starts and no job starts any more; idle threads wake up and leave. */
	pogo_pools_refuse_starts();
	for (size_t i = 0; i < count; i++) {
		pogo_pool *pool = pogo_pool_at(i);

		joined[i] = NULL;
		pthread_mutex_lock(&pool->start_lock);
		if (pogo_pool_started_here_slocked(pool) && pool->thread_count > 0) {
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
		for (size_t i = 0; i < count; i++) {
			for (unsigned t = 0; joined[i] && t < pogo_pool_at(i)->thread_count; t++) {
				if (!joined[i][t]) {
					thread_interrupt(&pogo_pool_at(i)->threads[t]);
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
	for (size_t i = 0; i < count; i++) {
		if (joined[i]) {
			pogo_pool_threads_release(pogo_pool_at(i));
			free(joined[i]);
		}
	}
}

void pogo_pools_shutdown(void)
{
	pogo_pools_stop();
	pogo_pools_free();
}
