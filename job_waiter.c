/*
 * Pogo: a waiter on many jobs. pogo_await_all(), pogo_await_any() and
 * pogo_settle() watch each unfinished job of their set with one waiter, then
 * sleep until enough of them have finished, instead of polling each job.
 *
 * DESIGN
 *
 * Locks. A waiter has one mutex and one condition. A finishing job calls
 * waiter_finished() under its own job lock, which takes the waiter's lock:
 * the lock order is queue lock, job lock, waiter lock, and the waiter never
 * takes a job lock while it holds its own.
 *
 * Counting. `finished` counts the watched jobs that finished since the last
 * reset; `wanted` is how many the sleeping waiter waits for. A finishing job
 * signals only when its increment reaches `wanted`, so a set of a thousand
 * jobs wakes its waiter once, not a thousand times: each wake-up costs O(1),
 * and only the caller's one pass over its set afterwards is O(n).
 *
 * Ownership. The waiter belongs to the awaiting thread. Jobs only point at
 * it (job->watch, under the job lock) while watched: pogo_waiter_unwatch(),
 * the job's completion (which clears the watch before it sets finished,
 * so that a waiter who sees a job done skips its lock) and pogo_job_abandon() end
 * that, and the owner destroys the waiter only after every one of its jobs
 * was unwatched, completed or abandoned.
 */
#include "job_waiter.h"

static void waiter_finished(pogo_job_watch *watch)
{
	pogo_waiter *waiter = (pogo_waiter *)watch;
	size_t finished;

	pogo_mutex_lock(&waiter->lock);
	finished = atomic_load_explicit(&waiter->finished, memory_order_relaxed) + 1;
	atomic_store_explicit(&waiter->finished, finished, memory_order_release);
	if (finished == waiter->wanted) {
		pthread_cond_signal(&waiter->cond);
	}
	pogo_mutex_unlock(&waiter->lock);
}

zend_result pogo_waiter_init(pogo_waiter *waiter)
{
	waiter->watch.finished = waiter_finished;
	atomic_init(&waiter->finished, 0);
	waiter->wanted = 0;
	if (pthread_mutex_init(&waiter->lock, NULL) != 0) {
		return FAILURE;
	}
	if (pogo_cond_init_monotonic(&waiter->cond) != 0) {
		pthread_mutex_destroy(&waiter->lock);
		return FAILURE;
	}
	return SUCCESS;
}

void pogo_waiter_destroy(pogo_waiter *waiter)
{
	pthread_cond_destroy(&waiter->cond);
	pthread_mutex_destroy(&waiter->lock);
}

bool pogo_waiter_watch(pogo_waiter *waiter, pogo_job *job)
{
	return !pogo_job_done(job) && pogo_job_watch_set(job, &waiter->watch);
}

void pogo_waiter_unwatch(pogo_waiter *waiter, pogo_job *job)
{
	/* A job that is done has cleared its watch before it said so (job.c). */
	if (!pogo_job_done(job)) {
		pogo_job_watch_clear(job, &waiter->watch);
	}
}

void pogo_waiter_reset(pogo_waiter *waiter)
{
	pogo_mutex_lock(&waiter->lock);
	atomic_store_explicit(&waiter->finished, 0, memory_order_relaxed);
	waiter->wanted = 0;
	pogo_mutex_unlock(&waiter->lock);
}

typedef struct spin_target {
	pogo_waiter *waiter;
	size_t wanted;
} spin_target;

static bool enough_finished(void *arg)
{
	spin_target *target = arg;

	return atomic_load_explicit(&target->waiter->finished, memory_order_acquire) >= target->wanted;
}

size_t pogo_waiter_wait(pogo_waiter *waiter, size_t wanted, int64_t deadline_ns)
{
	spin_target target = {waiter, wanted};
	int64_t slept_from;
	size_t finished;

	/* No one peer: the jobs may run on any of the pool's threads. */
	if (pogo_spin(enough_finished, &target, pogo_await_spin_budget(), deadline_ns, NULL)) {
		return atomic_load_explicit(&waiter->finished, memory_order_acquire);
	}
	slept_from = pogo_now_ns();
	pogo_mutex_lock(&waiter->lock);
	waiter->wanted = wanted;
	while ((finished = atomic_load_explicit(&waiter->finished, memory_order_relaxed)) < wanted) {
		if (deadline_ns == 0) {
			pogo_cond_wait(&waiter->cond, &waiter->lock);
		} else if (pogo_now_ns() >= deadline_ns) {
			break;
		} else {
			pogo_cond_timedwait_until(&waiter->cond, &waiter->lock, deadline_ns);
		}
	}
	waiter->wanted = 0;
	pogo_mutex_unlock(&waiter->lock);
	if (finished >= wanted) {
		pogo_spin_settle(pogo_await_spin_budget(), pogo_now_ns() - slept_from);
	}
	return finished;
}
