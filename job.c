/*
 * Pogo: a job's life: creation (from the thread's cache of freed jobs),
 * references and the memory budget, completion and watches. What needs the
 * job's queue as well (the awaiter's wait with max_wait expiry, abandon) is
 * job_queue.c's, and so are the locks' rules (its DESIGN block), which this
 * file keeps to.
 */
#include "job.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#endif

/* The handle the next pogo_next_handle() call returns. */
static _Atomic uint64_t next_handle = 1;

uint64_t pogo_next_handle(void)
{
	return atomic_fetch_add(&next_handle, 1);
}

/*
 * The jobs this thread freed after creating them, linked through next,
 * their lock and condition still made (job.h's POGO_JOB_CACHE_MAX). A job
 * is freed when its last reference goes, so nothing holds its lock or
 * waits on its condition then: both may be used again as they are. Only
 * this thread touches its cache; a job created by one thread and freed by
 * another (a worker dropping the last reference of an abandoned job) is
 * freed for good.
 */
typedef struct job_cache {
	pogo_job *head;
	unsigned count;
} job_cache;

static _Thread_local job_cache cache;

/*
 * Under AddressSanitizer a cached job is poisoned from its handle on, so
 * that a use after its release is still reported, as after free().
 */
#ifdef __SANITIZE_ADDRESS__
#define JOB_POISON(job)                                                                            \
	ASAN_POISON_MEMORY_REGION(&(job)->handle, sizeof(pogo_job) - offsetof(pogo_job, handle))
#define JOB_UNPOISON(job)                                                                          \
	ASAN_UNPOISON_MEMORY_REGION(&(job)->handle, sizeof(pogo_job) - offsetof(pogo_job, handle))
#else
#define JOB_POISON(job)   ((void)(job))
#define JOB_UNPOISON(job) ((void)(job))
#endif

/* A job from the cache, or a new one with its lock and condition made; NULL if out of memory. */
static pogo_job *job_take_or_make(void)
{
	pogo_job *job = cache.head;

	if (job != NULL) {
		cache.head = job->next;
		cache.count--;
		JOB_UNPOISON(job);
		return job;
	}
	job = malloc(sizeof(*job));
	if (job == NULL) {
		return NULL;
	}
	if (pthread_mutex_init(&job->lock, NULL) != 0) {
		goto fail_free_job;
	}
	if (pogo_cond_init_monotonic(&job->done) != 0) {
		goto fail_destroy_lock;
	}
	return job;

fail_destroy_lock:
	pthread_mutex_destroy(&job->lock);
fail_free_job:
	free(job);
	return NULL;
}

/* Frees a job for good: its lock, its condition and its memory. */
static void job_destroy(pogo_job *job)
{
	pthread_cond_destroy(&job->done);
	pthread_mutex_destroy(&job->lock);
	free(job);
}

void pogo_job_cache_drain(void)
{
	pogo_job *job;

	while ((job = cache.head) != NULL) {
		cache.head = job->next;
		JOB_UNPOISON(job);
		job_destroy(job);
	}
	cache.count = 0;
}

unsigned pogo_job_cache_count(void)
{
	return cache.count;
}

/* A new job, its payload not set; NULL if out of memory. */
static pogo_job *job_alloc(int64_t max_wait_ns)
{
	pogo_job *job = job_take_or_make();
	int64_t now;

	if (job == NULL) {
		return NULL;
	}
	/* Everything but the lock, the condition and the small buffer is cleared. */
	memset(&job->prev, 0, offsetof(pogo_job, small) - offsetof(pogo_job, prev));
	job->home = &cache;
	job->handle = pogo_next_handle();
	now = pogo_now_ns();
	job->created_ns = now;
	if (max_wait_ns > 0) {
		/* A max_wait beyond the clock's range is no limit at all. */
		job->max_wait_deadline_ns = max_wait_ns <= INT64_MAX - now ? now + max_wait_ns : 0;
	}
	job->state = POGO_JOB_QUEUED;
	job->outcome = POGO_OUTCOME_NONE;
	atomic_init(&job->refs, 2);
	return job;
}

pogo_job *pogo_job_create_take(char *payload, size_t payload_len, int64_t max_wait_ns)
{
	pogo_job *job = job_alloc(max_wait_ns);

	if (job == NULL) {
		free(payload);
		return NULL;
	}
	job->payload = payload;
	job->payload_len = payload_len;
	return job;
}

pogo_job *pogo_job_create_copy(const char *payload, size_t payload_len, int64_t max_wait_ns)
{
	pogo_job *job;
	char *copy;

	if (payload_len <= POGO_JOB_SMALL) {
		job = job_alloc(max_wait_ns);
		if (job != NULL) {
			memcpy(job->small, payload, payload_len);
			job->payload = job->small;
			job->payload_len = payload_len;
		}
		return job;
	}
	copy = malloc(payload_len);
	if (copy == NULL) {
		return NULL;
	}
	memcpy(copy, payload, payload_len);
	return pogo_job_create_take(copy, payload_len, max_wait_ns);
}

/* Frees a payload or result buffer of job's, unless it lives inside the job. */
static void job_buffer_free(pogo_job *job, char *buffer)
{
	if (buffer != job->small) {
		free(buffer);
	}
}

pogo_budget *pogo_budget_create(void)
{
	pogo_budget *budget = calloc(1, sizeof(*budget));

	if (budget) {
		atomic_init(&budget->bytes, 0);
		atomic_init(&budget->refs, 1);
	}
	return budget;
}

void pogo_budget_release(pogo_budget *budget)
{
	if (budget && atomic_fetch_sub_explicit(&budget->refs, 1, memory_order_acq_rel) == 1) {
		free(budget);
	}
}

size_t pogo_budget_bytes(pogo_budget *budget)
{
	return atomic_load_explicit(&budget->bytes, memory_order_relaxed);
}

void pogo_job_charge(pogo_job *job, pogo_budget *budget)
{
	atomic_fetch_add_explicit(&budget->refs, 1, memory_order_relaxed);
	job->budget = budget;
	job->charged = job->payload_len;
	atomic_fetch_add_explicit(&budget->bytes, job->payload_len, memory_order_relaxed);
}

void pogo_job_release(pogo_job *job)
{
	if (job == NULL) {
		return;
	}
	if (atomic_fetch_sub_explicit(&job->refs, 1, memory_order_acq_rel) != 1) {
		return;
	}
	if (job->budget) {
		atomic_fetch_sub_explicit(&job->budget->bytes, job->charged, memory_order_relaxed);
		pogo_budget_release(job->budget);
	}
	job_buffer_free(job, job->payload);
	job_buffer_free(job, job->result);
	if (job->home == &cache && cache.count < POGO_JOB_CACHE_MAX) {
		job->next = cache.head;
		cache.head = job;
		cache.count++;
		JOB_POISON(job);
		return;
	}
	job_destroy(job);
}

/*
 * Marks a job DONE and wakes its awaiter; the caller holds the job lock. Takes
 * result: stored in the job (freed with it), or freed here if the job was
 * abandoned. Drops no reference: the caller drops the queue's.
 */
void pogo_job_complete_jlocked_take(pogo_job *job, pogo_job_outcome outcome, char *result,
                                    size_t result_len)
{
	job->state = POGO_JOB_DONE;
	job->finished_ns = pogo_now_ns();
	if (job->abandoned) {
		job_buffer_free(job, result);
		atomic_store_explicit(&job->finished, true, memory_order_release);
		return;
	}
	job->outcome = outcome;
	job->result = result;
	job->result_len = result_len;
	if (job->budget && result) {
		job->charged += result_len;
		atomic_fetch_add_explicit(&job->budget->bytes, result_len, memory_order_relaxed);
	}
	/*
	 * The watch first: once finished is set, the job never touches its
	 * watch again, so that a waiter who sees finished need not lock the job
	 * to stop watching it (job_waiter.c).
	 */
	if (job->watch) {
		job->watch->finished(job->watch);
		job->watch = NULL;
	}
	atomic_store_explicit(&job->finished, true, memory_order_release);
	pthread_cond_broadcast(&job->done);
}

void pogo_job_complete_take(pogo_job *job, pogo_job_outcome outcome, char *result,
                            size_t result_len)
{
	pogo_mutex_lock(&job->lock);
	pogo_job_complete_jlocked_take(job, outcome, result, result_len);
	pogo_mutex_unlock(&job->lock);
	pogo_job_release(job);
}

void pogo_job_complete_copy(pogo_job *job, pogo_job_outcome outcome, const char *result,
                            size_t result_len)
{
	char *copy;

	pogo_mutex_lock(&job->lock);
	if (result_len <= POGO_JOB_SMALL) {
		copy = job->small; /* a payload there is decoded already: nothing reads it again */
	} else {
		copy = malloc(result_len ? result_len : 1);
	}
	if (copy == NULL) {
		static const char nomem[] = "out of memory storing the job's result";

		copy = strdup(nomem);
		pogo_job_complete_jlocked_take(job, POGO_OUTCOME_WORKER_ERROR, copy,
		                               copy ? sizeof(nomem) - 1 : 0);
	} else {
		memcpy(copy, result, result_len);
		pogo_job_complete_jlocked_take(job, outcome, copy, result_len);
	}
	pogo_mutex_unlock(&job->lock);
	pogo_job_release(job);
}

void pogo_job_forget_after_fork(pogo_job *job)
{
	if (job == NULL) {
		return;
	}
	job_buffer_free(job, job->payload);
	job_buffer_free(job, job->result);
	free(job);
}

uint64_t pogo_last_handle(void)
{
	return atomic_load(&next_handle) - 1;
}

bool pogo_job_watch_set(pogo_job *job, pogo_job_watch *watch)
{
	bool set;

	pogo_mutex_lock(&job->lock);
	set = job->state != POGO_JOB_DONE;
	if (set) {
		job->watch = watch;
	}
	pogo_mutex_unlock(&job->lock);
	return set;
}

void pogo_job_watch_clear(pogo_job *job, pogo_job_watch *watch)
{
	pogo_mutex_lock(&job->lock);
	if (job->watch == watch) {
		job->watch = NULL;
	}
	pogo_mutex_unlock(&job->lock);
}

bool pogo_job_done(pogo_job *job)
{
	return atomic_load_explicit(&job->finished, memory_order_acquire);
}

int64_t pogo_job_finished_ns(pogo_job *job)
{
	/* Written before finished was set (release), never after. */
	return job->finished_ns;
}
