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
	pogo_job *head;        /* guarded by lock: the oldest job, taken first */
	pogo_job *tail;        /* guarded by lock: the newest job */
	atomic_size_t length;  /* written under lock; read without it to spin */
	unsigned idle_workers; /* guarded by lock: workers asleep in pogo_queue_pop() */
	unsigned waiting;      /* guarded by lock: workers in pogo_queue_pop() without a job yet */
	bool stopping;         /* guarded by lock */
	/* Counters since init, guarded by lock (pogo_queue_read_stats() reads them): */
	uint64_t posted;  /* jobs posted */
	uint64_t expired; /* jobs completed as POGO_OUTCOME_EXPIRED */
	uint64_t dropped; /* jobs abandoned while queued: they never ran */
	uint64_t stopped; /* jobs failed by stop or destroy while queued */
	/*
	 * Guarded by lock: how many jobs the list operations have visited (read
	 * or written the links of), in all. The unit tests read it to check what
	 * each post, take, expiry and abandon costs.
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
 * Between job.c and job_queue.c only: removes job from wherever it is in
 * the queue, in O(1); the caller holds the queue lock, and the job is
 * linked on this queue.
 */
void pogo_queue_unlink_qlocked(pogo_queue *queue, pogo_job *job);

#endif
