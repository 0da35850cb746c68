/*
 * Pogo: the per-pool job queue (job_queue.c), and the locking rules of jobs
 * and queues (its DESIGN block).
 *
 * Plain C and pthreads, like job.h: the unit tests link it without PHP.
 */
#ifndef POGO_JOB_QUEUE_H
#define POGO_JOB_QUEUE_H

#include "job.h"

typedef struct pogo_queue {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pogo_job *head;         /* guarded by lock: the oldest job, taken first */
	pogo_job *tail;         /* guarded by lock: the newest job */
	atomic_size_t length;   /* written under lock; read without it to spin */
	unsigned idle_workers;  /* guarded by lock: workers asleep in pogo_queue_pop() */
	atomic_int poster_cpu1; /* the CPU of the last post, plus one; 0 before. A hint for spinning */
	unsigned waiting;       /* guarded by lock: workers in a pop without a job yet */
	bool stopping;          /* guarded by lock */
	/* Counters since init, guarded by lock (pogo_queue_read_stats() reads them): */
	uint64_t posted;  /* jobs posted */
	uint64_t expired; /* jobs completed as POGO_OUTCOME_EXPIRED */
	uint64_t dropped; /* jobs abandoned while queued: they never ran */
	uint64_t stopped; /* jobs failed by stop or destroy while queued */
	/*
	 * Guarded by lock: how many jobs the list operations have visited (read
	 * or written the links of), in all. The unit tests read it to check what
	 * each post, pop, expiry and abandon costs.
	 */
	size_t visits;
} pogo_queue;

/* What a queue holds and has done, read under its lock. */
typedef struct pogo_queue_stats {
	size_t length;
	int64_t oldest_created_ns; /* of the oldest queued job; 0 = none */
	unsigned waiting;          /* workers waiting for a job */
	uint64_t posted, expired, dropped, stopped;
} pogo_queue_stats;

void pogo_queue_read_stats(pogo_queue *queue, pogo_queue_stats *out);

zend_result pogo_queue_init(pogo_queue *queue);
/* Frees every job still queued (dropping the queue's references). */
void pogo_queue_destroy(pogo_queue *queue);

/*
 * Appends the job and wakes one idle worker. Fails when the queue is
 * stopping; the job is then left untouched and the caller still holds both
 * references.
 */
zend_result pogo_queue_post(pogo_queue *queue, pogo_job *job);

/*
 * Blocks until a job is queued or the queue stops. Returns the oldest job,
 * now RUNNING, with the queue's reference handed to the caller, who must
 * finish it with pogo_job_complete_take(). Jobs past their max_wait deadline
 * are completed as expired on the way. Returns NULL once stopping.
 */
pogo_job *pogo_queue_pop(pogo_queue *queue);

/* Like pogo_queue_pop(), but returns NULL at once when no job is queued. */
pogo_job *pogo_queue_try_pop(pogo_queue *queue);

/* Marks the queue stopping and wakes every waiting worker. */
void pogo_queue_stop(pogo_queue *queue);

/* Whether pogo_queue_stop() was called. */
bool pogo_queue_stopping(pogo_queue *queue);

/* Number of queued jobs (a snapshot). */
size_t pogo_queue_length(pogo_queue *queue);

/*
 * The awaiter's side of a posted job, which may need its queue: these take
 * the job lock; to reach the queue they drop it, take the queue lock, then
 * the job lock again (job_queue.c's relock, which keeps the lock order).
 */

/*
 * Waits until the job is done or the monotonic deadline passes (0 = no limit).
 * Returns the state seen last. A queued job past its max_wait deadline is
 * taken off its queue here, in O(1), and completed as POGO_OUTCOME_EXPIRED.
 */
pogo_job_state pogo_job_wait(pogo_job *job, int64_t deadline_ns);

/*
 * The awaiter gives the job up: a queued job is taken off its queue, in
 * O(1), and never runs, a running job's result is freed when it arrives.
 * Drops the awaiter's reference.
 */
void pogo_job_abandon(pogo_job *job);

/*
 * For an awaiter of many jobs: if the job is queued past its max_wait
 * deadline at time now, takes it off its queue, in O(1), and completes it
 * as POGO_OUTCOME_EXPIRED. Returns the job's max_wait deadline if it is
 * still queued and may expire later, else 0.
 */
int64_t pogo_job_expire_due(pogo_job *job, int64_t now);

#endif
