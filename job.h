/*
 * Pogo: jobs: what a request hands a pool to run, and how it ends (job.c).
 *
 * Plain C and pthreads: nothing here touches a zval or the Zend allocator,
 * so the unit tests in tests/unit/ link this file without PHP.
 */
#ifndef POGO_JOB_H
#define POGO_JOB_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "Zend/zend_types.h" /* zend_result only: no Zend symbol is linked */

#include "job_sync.h"

struct pogo_queue;

/* Where a job is in its life. Guarded by the job's own lock. */
typedef enum {
	POGO_JOB_QUEUED = 0, /* on a queue, not yet taken by a worker */
	POGO_JOB_RUNNING,    /* taken by a worker */
	POGO_JOB_DONE,       /* outcome stored; the awaiter may take it */
} pogo_job_state;

/* How a job ended. */
typedef enum {
	POGO_OUTCOME_NONE = 0,
	POGO_OUTCOME_ENVELOPE,     /* result is the worker's JSON envelope */
	POGO_OUTCOME_VALUE,        /* result is the job's return value, binary (value_codec.h) */
	POGO_OUTCOME_WORKER_ERROR, /* result is a message: the worker broke */
	POGO_OUTCOME_EXPIRED,      /* waited longer than max_wait; never ran */
	POGO_OUTCOME_POOL_ERROR,   /* result is a message: the pool cannot run it */
} pogo_job_outcome;

/*
 * What one request's jobs hold in malloc'd buffers: their payloads and, once
 * finished, their results. Shared by the request and its jobs (atomics);
 * freed with the last reference.
 */
typedef struct pogo_budget {
	atomic_size_t bytes;
	atomic_int refs;
} pogo_budget;

/*
 * Someone who watches a job besides its awaiter: a waiter on many jobs
 * (job_waiter.h). finished() runs once the job is DONE, in the thread that
 * completed it, with the job's lock held: it may take only locks that come
 * after every job lock in the lock order.
 */
typedef struct pogo_job_watch {
	void (*finished)(struct pogo_job_watch *watch);
} pogo_job_watch;

/*
 * A payload or a result up to this size is kept inside the job (in `small`)
 * instead of in a buffer of its own: no allocation per job for small jobs,
 * and none that one thread allocates and another frees.
 */
#define POGO_JOB_SMALL 160

typedef struct pogo_job {
	/*
	 * Made once per allocation, and kept while a freed job waits in its
	 * thread's cache for reuse (job.c): the fields after them are cleared
	 * for each new job instead.
	 */
	pthread_mutex_t lock;
	pthread_cond_t done;

	/*
	 * Queue links, guarded by the queue lock: the jobs before and after this
	 * one, NULL at either end of the queue and while the job is not linked.
	 * While the job is in its thread's cache, next links the cache.
	 */
	struct pogo_job *prev;
	struct pogo_job *next;
	/*
	 * Set once, by pogo_queue_post(), before the job is linked; read only by
	 * the thread that created and posted it (its awaiter): no lock.
	 */
	struct pogo_queue *queue;
	void *home; /* set at creation, never changed: the cache of the thread that made it */

	uint64_t handle;
	int64_t max_wait_deadline_ns; /* monotonic; 0 = none. Set at creation, never changed */
	int64_t created_ns;           /* monotonic. Set at creation, never changed */

	/* Set at creation, owned by the job (small, or malloc'd); the worker reads it. */
	char *payload;
	size_t payload_len;

	pogo_job_state state;     /* guarded by lock */
	pogo_job_outcome outcome; /* guarded by lock */
	char *result;             /* guarded by lock; small, or malloc'd */
	size_t result_len;        /* guarded by lock */
	bool abandoned;           /* guarded by lock: nobody will await this job */
	pogo_budget *budget;      /* set before posting, never changed; the job holds a reference */
	size_t charged;           /* set before posting, then guarded by lock: bytes charged */
	int64_t finished_ns;      /* guarded by lock: when it became DONE (monotonic) */
	pogo_job_watch *watch;    /* guarded by lock: told when the job is DONE; NULL = nobody */
	/* Set (release) once state is DONE: awaiters spin on it without the lock. */
	atomic_bool finished;
	/* The CPU the worker took the job on, plus one; 0 before. Relaxed: a hint for spinning. */
	atomic_int runner_cpu1;

	atomic_int refs; /* the job is freed when the last reference goes */

	/*
	 * The payload while it fits, then the result while it fits: the worker
	 * has decoded the payload before it completes the job, and nothing
	 * reads the payload after that. Not cleared at creation.
	 */
	char small[POGO_JOB_SMALL];
} pogo_job;

/* The last handle given out (0 before the first). */
uint64_t pogo_last_handle(void);

/* Next process-wide job handle: 1, 2, 3, ... never reused. */
uint64_t pogo_next_handle(void);

/*
 * Creates a job that owns payload (a malloc'd buffer, taken even on failure).
 * The job starts with two references: the caller's (the awaiter) and the one
 * that pogo_queue_post() hands to the queue. Returns NULL when out of memory.
 */
pogo_job *pogo_job_create_take(char *payload, size_t payload_len, int64_t max_wait_ns);

/*
 * The same for a payload the caller keeps (not taken): it is copied into the
 * job, inside it if it fits.
 */
pogo_job *pogo_job_create_copy(const char *payload, size_t payload_len, int64_t max_wait_ns);

/*
 * Drops one reference; the last one frees the job, its payload and result.
 * A job freed by the thread that created it is kept in that thread's cache
 * (at most POGO_JOB_CACHE_MAX), which pogo_job_create_*() use first.
 */
void pogo_job_release(pogo_job *job);

/*
 * A thread's cache of freed jobs: a request that dispatches a batch, awaits
 * it and dispatches the next reuses the same jobs, with no malloc(), free()
 * or lock and condition setup per job. It holds no more than the most jobs
 * the thread had at once, and at most this many.
 */
#define POGO_JOB_CACHE_MAX 4096

/* Frees this thread's cache of jobs: at request end, and before a thread exits. */
void pogo_job_cache_drain(void);

/* How many jobs this thread's cache holds (the unit tests check it). */
unsigned pogo_job_cache_count(void);

/* A budget holding one reference (the caller's), or NULL when out of memory. */
pogo_budget *pogo_budget_create(void);

/* Drops one reference to budget (NULL is ignored); the last frees it. */
void pogo_budget_release(pogo_budget *budget);

/* The bytes the budget's jobs hold now (a snapshot). */
size_t pogo_budget_bytes(pogo_budget *budget);

/*
 * Charges the job's buffers to budget, before the job is posted: its payload
 * now, its result when it is stored for an awaiter. Both are credited back
 * when the job is freed. The job takes a reference to budget.
 */
void pogo_job_charge(pogo_job *job, pogo_budget *budget);

/*
 * Stores the job's outcome and wakes its awaiter, then drops the queue's
 * reference. Takes result (malloc'd, may be NULL): freed with the job. If the
 * awaiter abandoned the job, the result is freed at once.
 */
void pogo_job_complete_take(pogo_job *job, pogo_job_outcome outcome, char *result,
                            size_t result_len);

/*
 * The same for a result the caller keeps (not taken): it is copied into the
 * job, inside it if it fits. Fails the job with POGO_OUTCOME_WORKER_ERROR if
 * a copy cannot be allocated.
 */
void pogo_job_complete_copy(pogo_job *job, pogo_job_outcome outcome, const char *result,
                            size_t result_len);

/*
 * In a child after fork(): frees this process's copy of one of the parent's
 * jobs, its payload and result, without touching its lock or condition (a
 * parent thread may have held them at the fork, and no thread here ever
 * will). For the forking thread only, on a job nothing else in the child
 * reaches.
 */
void pogo_job_forget_after_fork(pogo_job *job);

/*
 * Asks for watch->finished() once the job is DONE. Returns false, and sets
 * nothing, if it is DONE already. One watch per job at a time.
 */
bool pogo_job_watch_set(pogo_job *job, pogo_job_watch *watch);

/* Stops watching: after it returns, the job never calls watch again. */
void pogo_job_watch_clear(pogo_job *job, pogo_job_watch *watch);

/* Whether the job is DONE; if so, its outcome is complete and may be read. */
bool pogo_job_done(pogo_job *job);

/* When a DONE job finished (monotonic ns); call only once pogo_job_done(). */
int64_t pogo_job_finished_ns(pogo_job *job);

/*
 * Between job.c and job_queue.c only (both keep job_queue.c's lock rules).
 *
 * Whether a job's max_wait deadline has passed at time now. The deadline is
 * set at creation and never changes: no lock is needed.
 */
static inline bool pogo_job_past_max_wait(const pogo_job *job, int64_t now)
{
	return job->max_wait_deadline_ns != 0 && now >= job->max_wait_deadline_ns;
}

/*
 * Marks a job DONE and tells its watch and its awaiter; the caller holds the
 * job lock. Takes result: stored in the job (freed with it), or freed here if
 * the job was abandoned. Drops no reference: the caller drops the queue's.
 */
void pogo_job_complete_jlocked_take(pogo_job *job, pogo_job_outcome outcome, char *result,
                                    size_t result_len);

#endif
