/*
 * Pogo: a job's life: creation, references and the memory budget,
 * completion, the awaiter's wait and abandon, watches and max_wait expiry.
 * Locks, ownership and the list it is queued on are job_queue.c's DESIGN
 * block; this file keeps to it.
 */
#include "job_queue.h"

#include <stdlib.h>
#include <string.h>

/* The handle the next pogo_next_handle() call returns. */
static _Atomic uint64_t next_handle = 1;

uint64_t pogo_next_handle(void)
{
	return atomic_fetch_add(&next_handle, 1);
}

pogo_job *pogo_job_create_take(char *payload, size_t payload_len, int64_t max_wait_ns)
{
	pogo_job *job;
	int64_t now;

	job = calloc(1, sizeof(*job));
	if (job == NULL) {
		goto fail_free_payload;
	}
	if (pthread_mutex_init(&job->lock, NULL) != 0) {
		goto fail_free_job;
	}
	if (pogo_cond_init_monotonic(&job->done) != 0) {
		goto fail_destroy_lock;
	}

	job->handle = pogo_next_handle();
	now = pogo_now_ns();
	job->created_ns = now;
	if (max_wait_ns > 0) {
		/* A max_wait beyond the clock's range is no limit at all. */
		job->max_wait_deadline_ns = max_wait_ns <= INT64_MAX - now ? now + max_wait_ns : 0;
	}
	job->payload = payload;
	job->payload_len = payload_len;
	job->state = POGO_JOB_QUEUED;
	job->outcome = POGO_OUTCOME_NONE;
	atomic_init(&job->refs, 2);
	return job;

fail_destroy_lock:
	pthread_mutex_destroy(&job->lock);
fail_free_job:
	free(job);
fail_free_payload:
	free(payload);
	return NULL;
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
	free(job->payload);
	free(job->result);
	pthread_cond_destroy(&job->done);
	pthread_mutex_destroy(&job->lock);
	free(job);
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
		free(result);
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

/*
 * For a posted job whose lock the caller holds (the awaiter: pogo_job_wait()
 * or pogo_job_abandon()), takes its queue's lock as well. The lock order puts
 * the queue lock first, so this drops the job lock, takes the queue lock and
 * takes the job lock again. If the job is still QUEUED, and so still linked,
 * returns its queue with both locks held; the caller unlinks the job and
 * unlocks the queue. Otherwise a worker took the job meanwhile, or stop
 * completed it: returns NULL with the job lock held only.
 */
static pogo_queue *job_relock_with_queue(pogo_job *job)
{
	pogo_queue *queue = job->queue;

	pogo_mutex_unlock(&job->lock);
	pogo_mutex_lock(&queue->lock);
	pogo_mutex_lock(&job->lock);
	if (job->state != POGO_JOB_QUEUED) {
		pogo_mutex_unlock(&queue->lock);
		return NULL;
	}
	return queue;
}

/*
 * Expires a posted, QUEUED job past its max_wait, whose lock the caller
 * holds: unlinks it and completes it as POGO_OUTCOME_EXPIRED. Returns true
 * if it did; the caller drops the queue's reference once it has unlocked the
 * job. Returns false if a worker took the job meanwhile (see
 * job_relock_with_queue()). Either way the job lock is held on return.
 */
static bool job_expire_jlocked(pogo_job *job)
{
	pogo_queue *queue = job_relock_with_queue(job);

	if (queue == NULL) {
		return false;
	}
	pogo_queue_unlink_qlocked(queue, job);
	queue->expired++;
	pogo_job_complete_jlocked_take(job, POGO_OUTCOME_EXPIRED, NULL, 0);
	pogo_mutex_unlock(&queue->lock);
	return true;
}

static bool job_finished(void *job)
{
	return atomic_load_explicit(&((pogo_job *)job)->finished, memory_order_acquire);
}

pogo_job_state pogo_job_wait(pogo_job *job, int64_t deadline_ns)
{
	pogo_job_state state;
	int64_t now;
	int64_t wake;
	bool may_expire;
	bool expired = false;

	int64_t started = pogo_now_ns();

	/*
	 * A job past its max_wait is still queued, and expires below at once, or
	 * was taken just in time: either way it will not finish within a spin.
	 */
	if (!pogo_job_past_max_wait(job, started) &&
	    pogo_spin(job_finished, job, pogo_await_spin_budget(), deadline_ns)) {
		return POGO_JOB_DONE; /* finished is set after the outcome, with release */
	}
	pogo_mutex_lock(&job->lock);
	while (job->state != POGO_JOB_DONE) {
		now = pogo_now_ns();
		/* Only a posted job can expire here: expiring means unlinking it. */
		may_expire = job->state == POGO_JOB_QUEUED && job->queue != NULL;
		if (may_expire && pogo_job_past_max_wait(job, now)) {
			expired = job_expire_jlocked(job);
			continue;
		}
		if (deadline_ns != 0 && now >= deadline_ns) {
			break;
		}

		wake = deadline_ns;
		if (may_expire && job->max_wait_deadline_ns != 0 &&
		    (wake == 0 || job->max_wait_deadline_ns < wake)) {
			wake = job->max_wait_deadline_ns;
		}
		if (wake == 0) {
			pogo_cond_wait(&job->done, &job->lock);
		} else {
			pogo_cond_timedwait_until(&job->done, &job->lock, wake);
		}
	}
	state = job->state;
	pogo_mutex_unlock(&job->lock);
	if (expired) {
		/* The queue's reference; the caller still holds the awaiter's. */
		pogo_job_release(job);
	}
	if (state == POGO_JOB_DONE) {
		pogo_spin_settle(pogo_await_spin_budget(), pogo_now_ns() - started);
	}
	return state;
}

/*
 * A QUEUED job is unlinked and loses the queue's reference as well as the
 * awaiter's. That includes a job that was never posted (or whose post failed):
 * its creator holds both references, and abandoning it drops both, freeing it.
 */
void pogo_job_abandon(pogo_job *job)
{
	pogo_queue *queue;
	bool drop_queue_ref = false;

	pogo_mutex_lock(&job->lock);
	if (job->state == POGO_JOB_QUEUED && job->queue == NULL) {
		drop_queue_ref = true; /* never posted */
	} else if (job->state == POGO_JOB_QUEUED && (queue = job_relock_with_queue(job)) != NULL) {
		pogo_queue_unlink_qlocked(queue, job);
		queue->dropped++;
		pogo_mutex_unlock(&queue->lock);
		drop_queue_ref = true;
	}
	job->watch = NULL; /* nobody waits for it any more */
	if (!drop_queue_ref) {
		/* RUNNING: the result is freed on arrival. DONE: freed with the job. */
		job->abandoned = true;
	}
	pogo_mutex_unlock(&job->lock);

	if (drop_queue_ref) {
		pogo_job_release(job);
	}
	pogo_job_release(job);
}

void pogo_job_forget_after_fork(pogo_job *job)
{
	if (job == NULL) {
		return;
	}
	free(job->payload);
	free(job->result);
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
	return job_finished(job);
}

int64_t pogo_job_finished_ns(pogo_job *job)
{
	/* Written before finished was set (release), never after. */
	return job->finished_ns;
}

int64_t pogo_job_expire_due(pogo_job *job, int64_t now)
{
	int64_t later = 0;
	bool expired = false;

	if (job->max_wait_deadline_ns == 0 || job_finished(job)) {
		return 0;
	}
	pogo_mutex_lock(&job->lock);
	if (job->state == POGO_JOB_QUEUED && job->queue != NULL) {
		if (pogo_job_past_max_wait(job, now)) {
			expired = job_expire_jlocked(job);
		} else {
			later = job->max_wait_deadline_ns;
		}
	}
	pogo_mutex_unlock(&job->lock);
	if (expired) {
		pogo_job_release(job); /* the queue's reference */
	}
	return later;
}
