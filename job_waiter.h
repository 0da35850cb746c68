/*
 * Pogo: waiting for many jobs at once, under one deadline.
 *
 * Plain C and pthreads, like job_queue.h: the unit tests link it without PHP.
 */
#ifndef POGO_JOB_WAITER_H
#define POGO_JOB_WAITER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "job_queue.h"

typedef struct pogo_waiter {
	pogo_job_watch watch; /* first: the jobs call it; immutable after init */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	/* Written under lock, read without it to spin: watched jobs that finished. */
	atomic_size_t finished;
	size_t wanted; /* guarded by lock: finished count that wakes the waiter */
} pogo_waiter;

/* Fails (nothing to undo) when a lock or condition cannot be made. */
zend_result pogo_waiter_init(pogo_waiter *waiter);

/* Only once no job watches it any more. */
void pogo_waiter_destroy(pogo_waiter *waiter);

/*
 * Starts counting the job's completion. Returns false if the job is DONE
 * already (it is then not watched and not counted). A job is watched by one
 * waiter at a time; its abandon (pogo_job_abandon()) ends the watch too.
 */
bool pogo_waiter_watch(pogo_waiter *waiter, pogo_job *job);

/*
 * Stops watching the job: once it returns, the job never touches waiter,
 * and a job that the waiter counted as finished is seen DONE by
 * pogo_job_done() (before that it may not be yet: it tells its watch first).
 */
void pogo_waiter_unwatch(pogo_waiter *waiter, pogo_job *job);

/* Starts a new count: no watched job has finished. */
void pogo_waiter_reset(pogo_waiter *waiter);

/*
 * Waits until wanted of the watched jobs have finished since the last reset
 * or the monotonic deadline_ns passes (0 = no limit): spins first, with the
 * thread's awaiter budget, then sleeps; a finishing job wakes it only once
 * wanted are done. Returns how many have finished.
 */
size_t pogo_waiter_wait(pogo_waiter *waiter, size_t wanted, int64_t deadline_ns);

#endif
