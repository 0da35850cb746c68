/*
 * Pogo: jobs and the per-pool job queue. Request threads create jobs and post
 * them; worker threads take them, run them and complete them; the request
 * thread waits for the outcome or gives the job up.
 *
 * DESIGN
 *
 * Locks. A queue has one mutex and one condition, as in libuv's threadpool:
 * workers sleep on the condition in pogo_queue_pop() and count themselves in
 * idle_workers, so pogo_queue_post() signals only when somebody is idle and
 * pogo_queue_stop() broadcasts. A job has its own mutex and a `done` condition
 * on which its awaiter sleeps. When both locks are needed, the queue lock is
 * taken first and the job lock second, never the reverse. Code that holds only
 * a job lock and finds it needs the queue (pogo_job_wait() expiring a job,
 * pogo_job_abandon() unlinking one) calls job_relock_with_queue(), which
 * drops the job lock, takes the queue lock, takes the job lock again and
 * checks the job's state anew.
 *
 * Names: a static function ending in _qlocked runs with the queue lock
 * held, one ending in _jlocked with the job lock held.
 *
 * What the locks guard. The queue lock guards the list (head, tail, each
 * job's prev and next), length, idle_workers, stopping and visits. The job
 * lock guards state, outcome, result, abandoned and job->queue. A posted job
 * is linked while it is QUEUED: only code holding both locks unlinks it, and
 * then moves it out of QUEUED (pop, stop, expiry) or drops both references
 * to it (abandon), so a QUEUED job seen under both locks is still on its queue.
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
 * pogo_job_complete_take(). Whoever completes a job that never ran (take or
 * wait finding it expired, stop, destroy) drops the queue's reference in its
 * place. The awaiter drops its reference with pogo_job_release() after reading
 * the outcome, or with pogo_job_abandon(). The last reference frees the
 * payload, the result, the lock, the condition and the job. A stored result
 * belongs to the job; the result of an abandoned job is freed on arrival.
 *
 * Shutdown. pogo_queue_stop() sets stopping, completes every queued job with
 * POGO_OUTCOME_POOL_ERROR so that its awaiter wakes, and broadcasts: blocked
 * takers return NULL and later posts fail. Running jobs are finished by their
 * workers as usual. pogo_queue_destroy() comes after stop and after every
 * worker is joined; by then every job of the queue is DONE, and waiting on or
 * abandoning a DONE job never touches its queue. The owner must still not
 * destroy a queue while some awaiter may be inside pogo_job_wait() or
 * pogo_job_abandon() on one of its jobs.
 */
#include "job_queue.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NS_PER_SEC INT64_C(1000000000)

/*
 * Adaptive spinning. Waking a sleeping thread on another core costs tens of
 * microseconds, far more than a small job. So before sleeping, an awaiter
 * spins on its job's finished flag, and an idle worker on its queue's length,
 * for at most its thread's spin budget: SPIN_MAX_NS, halved each time a spin
 * ends empty-handed (down to SPIN_MIN_NS), doubled each time it pays off. An
 * idle pool stops costing CPU within SPIN_MAX_NS; a thread whose spins keep
 * failing (a busy machine, slow jobs) soon spins only briefly. An awaiter
 * does not spin for a job past its max_wait: it will not finish soon.
 */
#define SPIN_MAX_NS INT64_C(50000)
#define SPIN_MIN_NS INT64_C(2000)

static _Thread_local int64_t await_spin_ns = SPIN_MAX_NS;
static _Thread_local int64_t take_spin_ns = SPIN_MAX_NS;

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield");
#endif
}

static const char stopping_message[] = "pool is stopping";

/* The handle the next pogo_next_handle() call returns. */
static _Atomic uint64_t next_handle = 1;

/*
 * pthread wrappers, as libuv's: a failing lock, unlock or wait is a bug
 * (a destroyed or foreign mutex), never a condition to handle.
 */
static void mutex_lock(pthread_mutex_t *mutex)
{
	if (pthread_mutex_lock(mutex) != 0) {
		abort();
	}
}

static void mutex_unlock(pthread_mutex_t *mutex)
{
	if (pthread_mutex_unlock(mutex) != 0) {
		abort();
	}
}

static void cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex)
{
	if (pthread_cond_wait(cond, mutex) != 0) {
		abort();
	}
}

/* Waits until the monotonic time deadline_ns at the latest. */
static void cond_timedwait_until(pthread_cond_t *cond, pthread_mutex_t *mutex, int64_t deadline_ns)
{
	struct timespec ts;
	int rc;

	ts.tv_sec = (time_t)(deadline_ns / NS_PER_SEC);
	ts.tv_nsec = (long)(deadline_ns % NS_PER_SEC);
	rc = pthread_cond_timedwait(cond, mutex, &ts);
	if (rc != 0 && rc != ETIMEDOUT) {
		abort();
	}
}

/* Initializes a condition whose timed waits use the monotonic clock. */
static int cond_init_monotonic(pthread_cond_t *cond)
{
	pthread_condattr_t attr;
	int rc;

	rc = pthread_condattr_init(&attr);
	if (rc != 0) {
		return rc;
	}
	rc = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	if (rc == 0) {
		rc = pthread_cond_init(cond, &attr);
	}
	pthread_condattr_destroy(&attr);
	return rc;
}

int64_t pogo_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
}

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
	if (cond_init_monotonic(&job->done) != 0) {
		goto fail_destroy_lock;
	}

	job->handle = pogo_next_handle();
	if (max_wait_ns > 0) {
		now = pogo_now_ns();
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
static void job_complete_jlocked_take(pogo_job *job, pogo_job_outcome outcome, char *result,
                                      size_t result_len)
{
	job->state = POGO_JOB_DONE;
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
	atomic_store_explicit(&job->finished, true, memory_order_release);
	pthread_cond_broadcast(&job->done);
}

void pogo_job_complete_take(pogo_job *job, pogo_job_outcome outcome, char *result,
                            size_t result_len)
{
	mutex_lock(&job->lock);
	job_complete_jlocked_take(job, outcome, result, result_len);
	mutex_unlock(&job->lock);
	pogo_job_release(job);
}

/*
 * Whether a job's max_wait deadline has passed at time now. The deadline is
 * set at creation and never changes: no lock is needed.
 */
static bool job_past_max_wait(const pogo_job *job, int64_t now)
{
	return job->max_wait_deadline_ns != 0 && now >= job->max_wait_deadline_ns;
}

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
		message = malloc(sizeof(stopping_message));
		if (message != NULL) {
			memcpy(message, stopping_message, sizeof(stopping_message));
		}
		mutex_lock(&job->lock);
		job_complete_jlocked_take(job, POGO_OUTCOME_POOL_ERROR, message,
		                          message != NULL ? sizeof(stopping_message) - 1 : 0);
		mutex_unlock(&job->lock);
		pogo_job_release(job);
	}
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

	mutex_unlock(&job->lock);
	mutex_lock(&queue->lock);
	mutex_lock(&job->lock);
	if (job->state != POGO_JOB_QUEUED) {
		mutex_unlock(&queue->lock);
		return NULL;
	}
	return queue;
}

static bool job_finished(void *job)
{
	return atomic_load_explicit(&((pogo_job *)job)->finished, memory_order_acquire);
}

static bool queue_has_jobs(void *queue)
{
	return atomic_load_explicit(&((pogo_queue *)queue)->length, memory_order_relaxed) > 0;
}

/*
 * Spins until ready(arg) or the budget (capped by deadline_ns, 0 = none)
 * runs out, and adapts the budget. Returns whether ready came true.
 */
static bool spin(bool (*ready)(void *), void *arg, int64_t *budget, int64_t deadline_ns)
{
	int64_t start = pogo_now_ns(), until = start + *budget;

	if (deadline_ns != 0 && deadline_ns < until) {
		until = deadline_ns;
	}
	for (unsigned i = 1;; i++) {
		if (ready(arg)) {
			*budget = *budget * 2 > SPIN_MAX_NS ? SPIN_MAX_NS : *budget * 2;
			return true;
		}
		cpu_relax();
		if ((i & 31) == 0 && pogo_now_ns() >= until) {
			break;
		}
	}
	if (until - start >= *budget) { /* a full spin, not one cut short by the deadline */
		*budget = *budget / 2 < SPIN_MIN_NS ? SPIN_MIN_NS : *budget / 2;
	}
	return false;
}

/*
 * After a spin that failed and a sleep: if the whole wait was short, a little
 * more spinning would have caught it, and waking from the sleep cost more
 * than the spin saves (tens of microseconds on some machines). Restore the
 * full budget, so that two threads handing jobs back and forth do not both
 * drift into sleeping for every hand-off.
 */
static void spin_settle(int64_t *budget, int64_t waited_ns)
{
	if (waited_ns <= 4 * SPIN_MAX_NS) {
		*budget = SPIN_MAX_NS;
	}
}

pogo_job_state pogo_job_wait(pogo_job *job, int64_t deadline_ns)
{
	pogo_job_state state;
	pogo_queue *queue;
	int64_t now;
	int64_t wake;
	bool may_expire;
	bool expired = false;

	int64_t started = pogo_now_ns();

	/*
	 * A job past its max_wait is still queued, and expires below at once, or
	 * was taken just in time: either way it will not finish within a spin.
	 */
	if (!job_past_max_wait(job, started) && spin(job_finished, job, &await_spin_ns, deadline_ns)) {
		return POGO_JOB_DONE; /* finished is set after the outcome, with release */
	}
	mutex_lock(&job->lock);
	while (job->state != POGO_JOB_DONE) {
		now = pogo_now_ns();
		/* Only a posted job can expire here: expiring means unlinking it. */
		may_expire = job->state == POGO_JOB_QUEUED && job->queue != NULL;
		if (may_expire && job_past_max_wait(job, now)) {
			queue = job_relock_with_queue(job);
			if (queue != NULL) {
				queue_unlink_qlocked(queue, job);
				job_complete_jlocked_take(job, POGO_OUTCOME_EXPIRED, NULL, 0);
				mutex_unlock(&queue->lock);
				expired = true;
			}
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
			cond_wait(&job->done, &job->lock);
		} else {
			cond_timedwait_until(&job->done, &job->lock, wake);
		}
	}
	state = job->state;
	mutex_unlock(&job->lock);
	if (expired) {
		/* The queue's reference; the caller still holds the awaiter's. */
		pogo_job_release(job);
	}
	if (state == POGO_JOB_DONE) {
		spin_settle(&await_spin_ns, pogo_now_ns() - started);
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

	mutex_lock(&job->lock);
	if (job->state == POGO_JOB_QUEUED && job->queue == NULL) {
		drop_queue_ref = true; /* never posted */
	} else if (job->state == POGO_JOB_QUEUED && (queue = job_relock_with_queue(job)) != NULL) {
		queue_unlink_qlocked(queue, job);
		mutex_unlock(&queue->lock);
		drop_queue_ref = true;
	}
	if (!drop_queue_ref) {
		/* RUNNING: the result is freed on arrival. DONE: freed with the job. */
		job->abandoned = true;
	}
	mutex_unlock(&job->lock);

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

zend_result pogo_queue_init(pogo_queue *queue)
{
	memset(queue, 0, sizeof(*queue));
	if (pthread_mutex_init(&queue->lock, NULL) != 0) {
		return FAILURE;
	}
	if (cond_init_monotonic(&queue->cond) != 0) {
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
	mutex_lock(&queue->lock);
	queue->stopping = true;
	queue_fail_all_qlocked(queue);
	mutex_unlock(&queue->lock);
	pthread_cond_destroy(&queue->cond);
	pthread_mutex_destroy(&queue->lock);
}

zend_result pogo_queue_post(pogo_queue *queue, pogo_job *job)
{
	mutex_lock(&queue->lock);
	if (queue->stopping) {
		mutex_unlock(&queue->lock);
		return FAILURE;
	}
	mutex_lock(&job->lock);
	job->queue = queue;
	mutex_unlock(&job->lock);

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
	queue->length++;
	if (queue->idle_workers > 0) {
		pthread_cond_signal(&queue->cond);
	}
	mutex_unlock(&queue->lock);
	return SUCCESS;
}

/* pogo_queue_pop() and pogo_queue_try_pop(): wait says whether to block. */
static pogo_job *queue_take(pogo_queue *queue, bool wait)
{
	pogo_job *job;
	bool spun = false;
	int64_t started = 0;

	mutex_lock(&queue->lock);
	for (;;) {
		while (wait && !queue->stopping && queue->head == NULL) {
			if (!spun) {
				/* Spin a little before sleeping: a job may come at once. */
				spun = true;
				started = pogo_now_ns();
				mutex_unlock(&queue->lock);
				spin(queue_has_jobs, queue, &take_spin_ns, 0);
				mutex_lock(&queue->lock);
				continue;
			}
			queue->idle_workers++;
			cond_wait(&queue->cond, &queue->lock);
			queue->idle_workers--;
			if (queue->head != NULL) {
				spin_settle(&take_spin_ns, pogo_now_ns() - started);
			}
		}
		if (queue->stopping || queue->head == NULL) {
			/* Stopping: pogo_queue_stop() has completed whatever was queued. */
			job = NULL;
			break;
		}

		job = queue_pop_qlocked(queue);
		mutex_lock(&job->lock);
		if (job_past_max_wait(job, pogo_now_ns())) {
			job_complete_jlocked_take(job, POGO_OUTCOME_EXPIRED, NULL, 0);
			mutex_unlock(&job->lock);
			pogo_job_release(job);
			continue;
		}
		job->state = POGO_JOB_RUNNING;
		mutex_unlock(&job->lock);
		break;
	}
	mutex_unlock(&queue->lock);
	return job;
}

pogo_job *pogo_queue_pop(pogo_queue *queue)
{
	return queue_take(queue, true);
}

pogo_job *pogo_queue_try_pop(pogo_queue *queue)
{
	return queue_take(queue, false);
}

void pogo_queue_stop(pogo_queue *queue)
{
	mutex_lock(&queue->lock);
	if (!queue->stopping) {
		queue->stopping = true;
		queue_fail_all_qlocked(queue);
	}
	pthread_cond_broadcast(&queue->cond);
	mutex_unlock(&queue->lock);
}

size_t pogo_queue_length(pogo_queue *queue)
{
	size_t length;

	mutex_lock(&queue->lock);
	length = queue->length;
	mutex_unlock(&queue->lock);
	return length;
}

uint64_t pogo_last_handle(void)
{
	return atomic_load(&next_handle) - 1;
}

bool pogo_queue_stopping(pogo_queue *queue)
{
	bool stopping;

	mutex_lock(&queue->lock);
	stopping = queue->stopping;
	mutex_unlock(&queue->lock);
	return stopping;
}
