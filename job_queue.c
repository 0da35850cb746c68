/*
 * Pogo: the per-pool job queue. Request threads create jobs (job.c) and post
 * them here; worker threads take them, run them and complete them; the
 * request thread waits for the outcome or gives the job up (here too, since
 * a queued job may have to leave its queue). This DESIGN block is the rule
 * book of both files; job.c never touches a queue.
 *
 * DESIGN
 *
 * Locks. A queue has one mutex and one condition, as in libuv's threadpool:
 * workers sleep on the condition in pogo_queue_pop() and count themselves in
 * idle_workers, so pogo_queue_post() signals only when somebody is idle and
 * pogo_queue_stop() broadcasts. A job has its own mutex and a `done` condition
 * on which its awaiter sleeps. When both locks are needed, the queue lock is
 * taken first and the job lock second, never the reverse. Code that holds only
 * a job lock and finds it needs the queue (pogo_job_wait() and
 * pogo_job_expire_due() expiring a job, pogo_job_abandon() unlinking one)
 * calls job_relock_with_queue(), which
 * drops the job lock, takes the queue lock, takes the job lock again and
 * checks the job's state anew.
 *
 * Names: a static function ending in _qlocked runs with the queue lock
 * held, one ending in _jlocked with the job lock held.
 *
 * A job may also have a watch (a waiter on many jobs, job_waiter.c): its
 * finished() runs under the job lock when the job is DONE and takes the
 * waiter's lock, so the whole order is queue lock, job lock, waiter lock.
 * The primitives (pthread wrappers that abort, spinning) are job_sync.c's.
 *
 * What the locks guard. The queue lock guards the list (head, tail, each
 * job's prev and next), length, idle_workers, waiting, stopping, visits and
 * the counters (posted, expired, dropped, stopped: every event they count
 * happens under it, so they cost no atomic). The job lock guards state,
 * outcome, result, abandoned, finished_ns and watch. job->queue is written
 * once, by the post, before the job is linked, and read by the awaiter,
 * which is the thread that created and posted the job. Two fields have no
 * lock, being hints for spinning (job_sync.h), relaxed atomics a stale value
 * of which costs one spin or one sleep: queue->poster_cpu1, written by each
 * post, and job->runner_cpu1, by the pop that takes the job. A posted job
 * is linked while it is QUEUED: only code holding the queue lock unlinks it,
 * and it takes the job lock and moves the job out of QUEUED (pop, stop,
 * expiry) or drops both references to it (abandon) before it lets the queue
 * lock go, so a QUEUED job seen under both locks is still on its queue.
 *
 * The list. Doubly linked and NULL-terminated, as redis's adlist: posts
 * append at the tail, pops take the head, and expiry and abandon unlink a job
 * from wherever it is through its own prev and next. Each of these visits the
 * job and its neighbours only, O(1) whatever the queue's length; the unit
 * tests check it through the queue's visits count.
 *
 * Ownership. A job starts with two references: the awaiter's (its creator)
 * and the queue's, which pogo_queue_post() hands to the queue. pogo_queue_pop()
 * hands the queue's reference on to the worker, which gives it up through
 * pogo_job_complete_take(). Whoever completes a job that never ran (a pop or
 * a wait finding it expired, stop, destroy) drops the queue's reference in its
 * place. The awaiter drops its reference with pogo_job_release() after reading
 * the outcome, or with pogo_job_abandon(). The last reference frees the
 * payload and the result, and frees the job with its lock and condition, or
 * keeps it, both still made, in the cache of the thread that created it
 * (job.c), if that thread frees it. A stored result
 * belongs to the job; the result of an abandoned job is freed on arrival.
 * A small payload or result lives in the job's own `small` buffer rather
 * than in one of its own: the payload until the worker completes the job
 * (it has decoded it by then), then the result (job.h).
 *
 * Shutdown. pogo_queue_stop() sets stopping, completes every queued job with
 * POGO_OUTCOME_POOL_ERROR so that its awaiter wakes, and broadcasts: blocked
 * pops return NULL and later posts fail. Running jobs are finished by their
 * workers as usual. pogo_queue_destroy() comes after stop and after every
 * worker is joined; by then every job of the queue is DONE, and waiting on or
 * abandoning a DONE job never touches its queue. The owner must still not
 * destroy a queue while some awaiter may be inside pogo_job_wait() or
 * pogo_job_abandon() on one of its jobs.
 */
#include "job_queue.h"

#include <stdlib.h>
#include <string.h>

static const char stopping_message[] = "pool is stopping";

/*
 * Removes job from wherever it is in the queue, in O(1); the caller holds the
 * queue lock, and the job is linked on this queue.
 */
static void queue_unlink_qlocked(pogo_queue *queue, pogo_job *job)
{
	queue->visits++;
	if (job->prev == NULL) {
		queue->head = job->next;
	} else {
		job->prev->next = job->next;
		queue->visits++;
	}
	if (job->next == NULL) {
		queue->tail = job->prev;
	} else {
		job->next->prev = job->prev;
		queue->visits++;
	}
	job->prev = NULL;
	job->next = NULL;
	queue->length--;
}

/* Removes and returns the oldest job (NULL if none); the caller holds the queue lock. */
static pogo_job *queue_pop_qlocked(pogo_queue *queue)
{
	pogo_job *job = queue->head;

	if (job != NULL) {
		queue_unlink_qlocked(queue, job);
	}
	return job;
}

/*
 * Completes every queued job with POGO_OUTCOME_POOL_ERROR and the message
 * "pool is stopping" (malloc'd here, owned by each job; NULL if out of memory)
 * and drops the queue's references. The caller holds the queue lock.
 */
static void queue_fail_all_qlocked(pogo_queue *queue)
{
	pogo_job *job;
	char *message;

	while ((job = queue_pop_qlocked(queue)) != NULL) {
		queue->stopped++;
		message = malloc(sizeof(stopping_message));
		if (message != NULL) {
			memcpy(message, stopping_message, sizeof(stopping_message));
		}
		pogo_mutex_lock(&job->lock);
		pogo_job_complete_jlocked_take(job, POGO_OUTCOME_POOL_ERROR, message,
		                               message != NULL ? sizeof(stopping_message) - 1 : 0);
		pogo_mutex_unlock(&job->lock);
		pogo_job_release(job);
	}
}

static bool queue_has_jobs(void *queue)
{
	return atomic_load_explicit(&((pogo_queue *)queue)->length, memory_order_relaxed) > 0;
}

zend_result pogo_queue_init(pogo_queue *queue)
{
	memset(queue, 0, sizeof(*queue));
	if (pthread_mutex_init(&queue->lock, NULL) != 0) {
		return FAILURE;
	}
	if (pogo_cond_init_monotonic(&queue->cond) != 0) {
		goto fail_destroy_lock;
	}
	return SUCCESS;

fail_destroy_lock:
	pthread_mutex_destroy(&queue->lock);
	return FAILURE;
}

/*
 * Normally called after pogo_queue_stop(), with nothing left queued. Jobs still
 * linked (destroy without stop) are completed as in stop, so that no awaiter
 * is left waiting on a job that names a destroyed queue.
 */
void pogo_queue_destroy(pogo_queue *queue)
{
	pogo_mutex_lock(&queue->lock);
	queue->stopping = true;
	queue_fail_all_qlocked(queue);
	pogo_mutex_unlock(&queue->lock);
	pthread_cond_destroy(&queue->cond);
	pthread_mutex_destroy(&queue->lock);
}

zend_result pogo_queue_post(pogo_queue *queue, pogo_job *job)
{
	pogo_mutex_lock(&queue->lock);
	if (queue->stopping) {
		pogo_mutex_unlock(&queue->lock);
		return FAILURE;
	}
	job->queue = queue; /* no job lock: nobody else reaches the job before it is linked */
	job->prev = queue->tail;
	job->next = NULL;
	queue->visits++;
	if (queue->tail == NULL) {
		queue->head = job;
	} else {
		queue->tail->next = job;
		queue->visits++;
	}
	queue->tail = job;
	atomic_store_explicit(&queue->poster_cpu1, pogo_this_cpu1(), memory_order_relaxed);
	queue->length++;
	queue->posted++;
	if (queue->idle_workers > 0) {
		pthread_cond_signal(&queue->cond);
	}
	pogo_mutex_unlock(&queue->lock);
	return SUCCESS;
}

/* pogo_queue_pop() and pogo_queue_try_pop(): wait says whether to block. */
static pogo_job *queue_next(pogo_queue *queue, bool wait)
{
	pogo_job *job;
	bool spun = false;
	int64_t slept_from = 0;

	pogo_mutex_lock(&queue->lock);
	queue->waiting++;
	for (;;) {
		while (wait && !queue->stopping && queue->head == NULL) {
			if (!spun) {
				/* Spin a little before sleeping: a job may come at once. */
				spun = true;
				pogo_mutex_unlock(&queue->lock);
				pogo_spin(queue_has_jobs, queue, pogo_take_spin_budget(), 0, &queue->poster_cpu1);
				slept_from = pogo_now_ns();
				pogo_mutex_lock(&queue->lock);
				continue;
			}
			queue->idle_workers++;
			pogo_cond_wait(&queue->cond, &queue->lock);
			queue->idle_workers--;
			if (queue->head != NULL) {
				pogo_spin_settle(pogo_take_spin_budget(), pogo_now_ns() - slept_from);
			}
		}
		if (queue->stopping || queue->head == NULL) {
			/* Stopping: pogo_queue_stop() has completed whatever was queued. */
			job = NULL;
			break;
		}

		job = queue_pop_qlocked(queue);
		pogo_mutex_lock(&job->lock);
		if (job->max_wait_deadline_ns != 0 && pogo_job_past_max_wait(job, pogo_now_ns())) {
			queue->expired++;
			pogo_job_complete_jlocked_take(job, POGO_OUTCOME_EXPIRED, NULL, 0);
			pogo_mutex_unlock(&job->lock);
			pogo_job_release(job);
			continue;
		}
		job->state = POGO_JOB_RUNNING;
		atomic_store_explicit(&job->runner_cpu1, pogo_this_cpu1(), memory_order_relaxed);
		pogo_mutex_unlock(&job->lock);
		break;
	}
	queue->waiting--;
	pogo_mutex_unlock(&queue->lock);
	return job;
}

pogo_job *pogo_queue_pop(pogo_queue *queue)
{
	return queue_next(queue, true);
}

pogo_job *pogo_queue_try_pop(pogo_queue *queue)
{
	return queue_next(queue, false);
}

void pogo_queue_stop(pogo_queue *queue)
{
	pogo_mutex_lock(&queue->lock);
	if (!queue->stopping) {
		queue->stopping = true;
		queue_fail_all_qlocked(queue);
	}
	pthread_cond_broadcast(&queue->cond);
	pogo_mutex_unlock(&queue->lock);
}

size_t pogo_queue_length(pogo_queue *queue)
{
	size_t length;

	pogo_mutex_lock(&queue->lock);
	length = queue->length;
	pogo_mutex_unlock(&queue->lock);
	return length;
}

bool pogo_queue_stopping(pogo_queue *queue)
{
	bool stopping;

	pogo_mutex_lock(&queue->lock);
	stopping = queue->stopping;
	pogo_mutex_unlock(&queue->lock);
	return stopping;
}

void pogo_queue_read_stats(pogo_queue *queue, pogo_queue_stats *out)
{
	pogo_mutex_lock(&queue->lock);
	out->length = queue->length;
	out->oldest_created_ns = queue->head ? queue->head->created_ns : 0;
	out->waiting = queue->waiting;
	out->posted = queue->posted;
	out->expired = queue->expired;
	out->dropped = queue->dropped;
	out->stopped = queue->stopped;
	pogo_mutex_unlock(&queue->lock);
}

/* ---- an awaiter's side: waiting, expiry, abandon (job lock, then the queue's) ---- */

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
	queue_unlink_qlocked(queue, job);
	queue->expired++;
	pogo_job_complete_jlocked_take(job, POGO_OUTCOME_EXPIRED, NULL, 0);
	pogo_mutex_unlock(&queue->lock);
	return true;
}

static bool job_finished(void *job)
{
	return pogo_job_done(job);
}

pogo_job_state pogo_job_wait(pogo_job *job, int64_t deadline_ns)
{
	pogo_job_state state;
	int64_t now;
	int64_t wake;
	bool may_expire;
	bool expired = false;
	int64_t started = pogo_now_ns(), slept_from;

	/*
	 * A job past its max_wait is still queued, and expires below at once, or
	 * was taken just in time: either way it will not finish within a spin.
	 */
	if (!pogo_job_past_max_wait(job, started) &&
	    pogo_spin(job_finished, job, pogo_await_spin_budget(), deadline_ns, &job->runner_cpu1)) {
		return POGO_JOB_DONE; /* finished is set after the outcome, with release */
	}
	slept_from = pogo_now_ns();
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
		pogo_spin_settle(pogo_await_spin_budget(), pogo_now_ns() - slept_from);
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
		queue_unlink_qlocked(queue, job);
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

int64_t pogo_job_expire_due(pogo_job *job, int64_t now)
{
	int64_t later = 0;
	bool expired = false;

	if (job->max_wait_deadline_ns == 0 || pogo_job_done(job)) {
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
