/*
 * Unit tests for job_queue.c: ordering, concurrency, deadlines, max_wait
 * expiry, abandon, stop, handles, and what unlinking a job costs. Plain C
 * and pthreads, no PHP runtime.
 *
 * Checks run only in the test's own thread: helper threads record what they
 * saw and the test asserts on it after joining them.
 */
#include <check.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "job_queue.h"

#define MS              (INT64_C(1000000))
#define TIMING_SLACK_MS 500 /* generous: a busy 2-core CI machine */
#define LONG_WAIT_NS    (INT64_C(20000) * MS)

static char *xstrdup(const char *s)
{
	char *copy = strdup(s);

	ck_assert_ptr_nonnull(copy);
	return copy;
}

/* A job whose payload is a malloc'd copy of text. */
static pogo_job *new_job(const char *text, int64_t max_wait_ns)
{
	pogo_job *job = pogo_job_create_take(xstrdup(text), strlen(text), max_wait_ns);

	ck_assert_ptr_nonnull(job);
	return job;
}

static int64_t elapsed_ms(int64_t since_ns)
{
	return (pogo_now_ns() - since_ns) / MS;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

static int job_refs(pogo_job *job)
{
	return atomic_load(&job->refs);
}

/* An extra reference the test holds to look at a job after giving it up. */
static void job_peek_ref(pogo_job *job)
{
	atomic_fetch_add(&job->refs, 1);
}

static bool job_is_abandoned(pogo_job *job)
{
	bool abandoned;

	pthread_mutex_lock(&job->lock);
	abandoned = job->abandoned;
	pthread_mutex_unlock(&job->lock);
	return abandoned;
}

static unsigned queue_idle_workers(pogo_queue *queue)
{
	unsigned idle;

	pthread_mutex_lock(&queue->lock);
	idle = queue->idle_workers;
	pthread_mutex_unlock(&queue->lock);
	return idle;
}

static size_t queue_visits(pogo_queue *queue)
{
	size_t visits;

	pthread_mutex_lock(&queue->lock);
	visits = queue->visits;
	pthread_mutex_unlock(&queue->lock);
	return visits;
}

static void queue_setup(pogo_queue *queue)
{
	ck_assert_int_eq(pogo_queue_init(queue), SUCCESS);
	ck_assert_uint_eq(pogo_queue_length(queue), 0);
}

static void queue_teardown(pogo_queue *queue)
{
	pogo_queue_stop(queue);
	pogo_queue_destroy(queue);
	pogo_job_cache_drain(); /* no test leaves this thread's cache to the next */
}

/*
 * Handles. This test is registered first: with CK_FORK every test runs in a
 * child of a runner that never made a handle, and with CK_NOFORK it runs first.
 */
START_TEST(test_handles_start_at_one)
{
	pogo_job *job;

	ck_assert_uint_eq(pogo_last_handle(), 0);
	ck_assert_uint_eq(pogo_next_handle(), 1);
	ck_assert_uint_eq(pogo_next_handle(), 2);
	ck_assert_uint_eq(pogo_next_handle(), 3);
	ck_assert_uint_eq(pogo_last_handle(), 3);
	job = new_job("x", 0);
	ck_assert_uint_eq(job->handle, 4);
	ck_assert_uint_eq(pogo_last_handle(), 4);
	pogo_job_abandon(job);
}
END_TEST

#define HANDLE_THREADS 4
#define HANDLES_EACH   10000

static uint64_t handles_seen[HANDLE_THREADS][HANDLES_EACH];

static void *handle_thread(void *arg)
{
	uint64_t *out = arg;
	int i;

	for (i = 0; i < HANDLES_EACH; i++) {
		out[i] = pogo_next_handle();
	}
	return NULL;
}

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a;
	uint64_t y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

START_TEST(test_handles_unique_across_threads)
{
	pthread_t threads[HANDLE_THREADS];
	uint64_t *all;
	uint64_t before;
	size_t i;
	int t;

	before = pogo_next_handle();
	for (t = 0; t < HANDLE_THREADS; t++) {
		ck_assert_int_eq(pthread_create(&threads[t], NULL, handle_thread, handles_seen[t]), 0);
	}
	for (t = 0; t < HANDLE_THREADS; t++) {
		pthread_join(threads[t], NULL);
	}
	for (t = 0; t < HANDLE_THREADS; t++) {
		for (i = 1; i < HANDLES_EACH; i++) {
			ck_assert_uint_gt(handles_seen[t][i], handles_seen[t][i - 1]);
		}
	}
	/* Nobody else made handles meanwhile: together they are exactly the next ones. */
	all = &handles_seen[0][0];
	qsort(all, HANDLE_THREADS * HANDLES_EACH, sizeof(*all), compare_u64);
	for (i = 0; i < HANDLE_THREADS * HANDLES_EACH; i++) {
		ck_assert_uint_eq(all[i], before + 1 + i);
	}
	ck_assert_uint_eq(pogo_last_handle(), before + HANDLE_THREADS * HANDLES_EACH);
	ck_assert_uint_eq(pogo_next_handle(), before + 1 + HANDLE_THREADS * HANDLES_EACH);
}
END_TEST

/* FIFO: one producer, one consumer thread. */
#define FIFO_JOBS 1000

struct fifo_state {
	pogo_queue queue;
	uint64_t taken[FIFO_JOBS];
	int null_takes;
};

static void *fifo_consumer(void *arg)
{
	struct fifo_state *st = arg;
	pogo_job *job;
	char *result;
	int i;

	for (i = 0; i < FIFO_JOBS; i++) {
		job = pogo_queue_pop(&st->queue);
		if (job == NULL) {
			st->null_takes++;
			continue;
		}
		st->taken[i] = job->handle;
		result = malloc(job->payload_len + 6);
		if (result != NULL) {
			snprintf(result, job->payload_len + 6, "done:%s", job->payload);
		}
		pogo_job_complete_take(job, POGO_OUTCOME_ENVELOPE, result,
		                       result != NULL ? strlen(result) : 0);
	}
	return NULL;
}

START_TEST(test_fifo_order)
{
	static struct fifo_state st;
	static pogo_job *jobs[FIFO_JOBS];
	char text[32];
	char expect[48];
	pthread_t consumer;
	int i;

	memset(&st, 0, sizeof(st));
	queue_setup(&st.queue);
	ck_assert_int_eq(pthread_create(&consumer, NULL, fifo_consumer, &st), 0);
	for (i = 0; i < FIFO_JOBS; i++) {
		snprintf(text, sizeof(text), "job-%d", i);
		jobs[i] = new_job(text, 0);
		ck_assert_int_eq(pogo_queue_post(&st.queue, jobs[i]), SUCCESS);
	}
	pthread_join(consumer, NULL);

	ck_assert_int_eq(st.null_takes, 0);
	ck_assert_uint_eq(pogo_queue_length(&st.queue), 0);
	for (i = 0; i < FIFO_JOBS; i++) {
		ck_assert_uint_eq(st.taken[i], jobs[i]->handle);
		ck_assert_int_eq(pogo_job_wait(jobs[i], 0), POGO_JOB_DONE);
		ck_assert_int_eq(jobs[i]->outcome, POGO_OUTCOME_ENVELOPE);
		snprintf(expect, sizeof(expect), "done:job-%d", i);
		ck_assert_str_eq(jobs[i]->result, expect);
		ck_assert_uint_eq(jobs[i]->result_len, strlen(expect));
		/* The queue's reference went with completion: ours is the last. */
		ck_assert_int_eq(job_refs(jobs[i]), 1);
		pogo_job_release(jobs[i]);
	}
	queue_teardown(&st.queue);
}
END_TEST

/* Many producers, many consumers. */
#define PC_PRODUCERS 4
#define PC_CONSUMERS 4
#define PC_JOBS_EACH 5000
#define PC_TOTAL     (PC_PRODUCERS * PC_JOBS_EACH)

struct pc_state {
	pogo_queue queue;
	uint64_t base; /* every handle made in the test is in (base, base + PC_TOTAL] */
	atomic_int seen[PC_TOTAL];
	atomic_int taken;
	atomic_int errors;
	pogo_job *jobs[PC_PRODUCERS][PC_JOBS_EACH];
};

struct pc_producer {
	struct pc_state *st;
	int id;
};

static void *pc_consumer(void *arg)
{
	struct pc_state *st = arg;
	pogo_job *job;
	uint64_t index;
	char *result;

	while ((job = pogo_queue_pop(&st->queue)) != NULL) {
		index = job->handle - st->base - 1;
		if (job->handle <= st->base || index >= PC_TOTAL) {
			atomic_fetch_add(&st->errors, 1);
		} else {
			atomic_fetch_add(&st->seen[index], 1);
		}
		if (job->state != POGO_JOB_RUNNING) {
			atomic_fetch_add(&st->errors, 1);
		}
		result = malloc(job->payload_len + 6);
		if (result != NULL) {
			snprintf(result, job->payload_len + 6, "done:%s", job->payload);
		}
		atomic_fetch_add(&st->taken, 1);
		pogo_job_complete_take(job, POGO_OUTCOME_ENVELOPE, result,
		                       result != NULL ? strlen(result) : 0);
	}
	return NULL;
}

static void *pc_producer(void *arg)
{
	struct pc_producer *self = arg;
	struct pc_state *st = self->st;
	pogo_job **jobs = st->jobs[self->id];
	char text[32];
	char expect[48];
	pogo_job *job;
	int i;

	for (i = 0; i < PC_JOBS_EACH; i++) {
		snprintf(text, sizeof(text), "%d:%d", self->id, i);
		job = pogo_job_create_take(strdup(text), strlen(text), 0);
		jobs[i] = job;
		if (job == NULL || pogo_queue_post(&st->queue, job) != SUCCESS) {
			atomic_fetch_add(&st->errors, 1);
			return NULL;
		}
	}
	for (i = 0; i < PC_JOBS_EACH; i++) {
		job = jobs[i];
		snprintf(expect, sizeof(expect), "done:%d:%d", self->id, i);
		if (pogo_job_wait(job, pogo_now_ns() + LONG_WAIT_NS) != POGO_JOB_DONE ||
		    job->outcome != POGO_OUTCOME_ENVELOPE || job->result == NULL ||
		    strcmp(job->result, expect) != 0) {
			atomic_fetch_add(&st->errors, 1);
		}
		pogo_job_release(job);
		jobs[i] = NULL;
	}
	pogo_job_cache_drain(); /* as every thread that dispatches does before it ends */
	return NULL;
}

START_TEST(test_many_producers_many_consumers)
{
	static struct pc_state st;
	struct pc_producer producers[PC_PRODUCERS];
	pthread_t producer_threads[PC_PRODUCERS];
	pthread_t consumer_threads[PC_CONSUMERS];
	int i;

	memset(&st, 0, sizeof(st));
	queue_setup(&st.queue);
	st.base = pogo_next_handle();
	for (i = 0; i < PC_CONSUMERS; i++) {
		ck_assert_int_eq(pthread_create(&consumer_threads[i], NULL, pc_consumer, &st), 0);
	}
	for (i = 0; i < PC_PRODUCERS; i++) {
		producers[i].st = &st;
		producers[i].id = i;
		ck_assert_int_eq(pthread_create(&producer_threads[i], NULL, pc_producer, &producers[i]), 0);
	}
	/* Each producer returns once its jobs are all done and released. */
	for (i = 0; i < PC_PRODUCERS; i++) {
		pthread_join(producer_threads[i], NULL);
	}
	ck_assert_uint_eq(pogo_queue_length(&st.queue), 0);
	pogo_queue_stop(&st.queue);
	for (i = 0; i < PC_CONSUMERS; i++) {
		pthread_join(consumer_threads[i], NULL);
	}

	ck_assert_int_eq(atomic_load(&st.errors), 0);
	ck_assert_int_eq(atomic_load(&st.taken), PC_TOTAL);
	for (i = 0; i < PC_TOTAL; i++) {
		ck_assert_msg(atomic_load(&st.seen[i]) == 1, "handle %llu taken %d times",
		              (unsigned long long)(st.base + 1 + i), atomic_load(&st.seen[i]));
	}
	ck_assert_uint_eq(queue_idle_workers(&st.queue), 0);
	pogo_queue_destroy(&st.queue);
}
END_TEST

/* Waiting. */
START_TEST(test_wait_deadline_accuracy)
{
	pogo_queue queue;
	pogo_job *job;
	int64_t start;
	int64_t ms;

	queue_setup(&queue);
	job = new_job("never runs", 0);
	ck_assert_int_eq(pogo_queue_post(&queue, job), SUCCESS);

	start = pogo_now_ns();
	ck_assert_int_eq(pogo_job_wait(job, start + 50 * MS), POGO_JOB_QUEUED);
	ms = elapsed_ms(start);
	ck_assert_int_ge(ms, 50);
	ck_assert_int_lt(ms, 50 + TIMING_SLACK_MS);
	ck_assert_int_eq(job->outcome, POGO_OUTCOME_NONE);
	ck_assert_uint_eq(pogo_queue_length(&queue), 1);

	queue_teardown(&queue);
	pogo_job_release(job);
}
END_TEST

START_TEST(test_wait_poll_returns_at_once)
{
	pogo_queue queue;
	pogo_job *job;
	int64_t start;

	queue_setup(&queue);
	job = new_job("poll me", 0);
	ck_assert_int_eq(pogo_queue_post(&queue, job), SUCCESS);

	start = pogo_now_ns();
	ck_assert_int_eq(pogo_job_wait(job, start - 1 * MS), POGO_JOB_QUEUED);
	ck_assert_int_eq(pogo_job_wait(job, 1), POGO_JOB_QUEUED);
	ck_assert_int_lt(elapsed_ms(start), TIMING_SLACK_MS);

	/* Polling a running job and a done job. */
	ck_assert_ptr_eq(pogo_queue_pop(&queue), job);
	ck_assert_int_eq(pogo_job_wait(job, 1), POGO_JOB_RUNNING);
	job_peek_ref(job);
	pogo_job_complete_take(job, POGO_OUTCOME_ENVELOPE, xstrdup("{}"), 2);
	ck_assert_int_eq(pogo_job_wait(job, 1), POGO_JOB_DONE);
	ck_assert_int_eq(job_refs(job), 2);

	queue_teardown(&queue);
	pogo_job_release(job);
	pogo_job_release(job);
}
END_TEST

START_TEST(test_try_take)
{
	pogo_queue queue;
	pogo_job *job, *expired;
	int64_t start;

	queue_setup(&queue);
	start = pogo_now_ns();
	ck_assert_ptr_null(pogo_queue_try_pop(&queue));
	ck_assert_int_lt(elapsed_ms(start), TIMING_SLACK_MS);

	expired = new_job("too late", 1);
	job = new_job("take me", 0);
	ck_assert_int_eq(pogo_queue_post(&queue, expired), SUCCESS);
	ck_assert_int_eq(pogo_queue_post(&queue, job), SUCCESS);
	while (pogo_now_ns() - start < 2 * MS) {
	}
	/* The expired job is completed on the way, the next one is taken. */
	ck_assert_ptr_eq(pogo_queue_try_pop(&queue), job);
	ck_assert_int_eq(pogo_job_wait(job, 1), POGO_JOB_RUNNING);
	ck_assert_int_eq(pogo_job_wait(expired, 1), POGO_JOB_DONE);
	ck_assert_int_eq(expired->outcome, POGO_OUTCOME_EXPIRED);
	ck_assert_ptr_null(pogo_queue_try_pop(&queue));
	ck_assert_uint_eq(pogo_queue_length(&queue), 0);

	pogo_job_complete_take(job, POGO_OUTCOME_ENVELOPE, xstrdup("{}"), 2);
	pogo_queue_stop(&queue);
	ck_assert_ptr_null(pogo_queue_try_pop(&queue));
	queue_teardown(&queue);
	pogo_job_release(job);
	pogo_job_release(expired);
}
END_TEST

struct late_completion {
	pogo_queue *queue;
	pogo_job *taken;
};

static void *complete_after_20ms(void *arg)
{
	struct late_completion *lc = arg;
	pogo_job *job = pogo_queue_pop(lc->queue);

	lc->taken = job;
	if (job != NULL) {
		sleep_ms(20);
		pogo_job_complete_take(job, POGO_OUTCOME_WORKER_ERROR, strdup("boom"), 4);
	}
	return NULL;
}

START_TEST(test_wait_without_deadline_wakes_on_completion)
{
	pogo_queue queue;
	struct late_completion lc = {.queue = &queue};
	pthread_t worker;
	pogo_job *job;

	queue_setup(&queue);
	ck_assert_int_eq(pthread_create(&worker, NULL, complete_after_20ms, &lc), 0);
	job = new_job("late", 0);
	ck_assert_int_eq(pogo_queue_post(&queue, job), SUCCESS);
	ck_assert_int_eq(pogo_job_wait(job, 0), POGO_JOB_DONE);
	pthread_join(worker, NULL);

	ck_assert_ptr_eq(lc.taken, job);
	ck_assert_int_eq(job->outcome, POGO_OUTCOME_WORKER_ERROR);
	ck_assert_str_eq(job->result, "boom");
	ck_assert_uint_eq(job->result_len, 4);
	queue_teardown(&queue);
	pogo_job_release(job);
}
END_TEST

/* max_wait. */
START_TEST(test_max_wait_expires_while_waiting)
{
	pogo_queue queue;
	pogo_job *job;
	int64_t start;
	int64_t ms;

	queue_setup(&queue);
	start = pogo_now_ns();
	job = new_job("too late", 30 * MS);
	ck_assert_int_ne(job->max_wait_deadline_ns, 0);
	ck_assert_int_eq(pogo_queue_post(&queue, job), SUCCESS);
	ck_assert_uint_eq(pogo_queue_length(&queue), 1);

	ck_assert_int_eq(pogo_job_wait(job, start + 1000 * MS), POGO_JOB_DONE);
	ms = elapsed_ms(start);
	ck_assert_int_ge(ms, 30);
	ck_assert_int_lt(ms, 30 + TIMING_SLACK_MS);
	ck_assert_int_eq(job->outcome, POGO_OUTCOME_EXPIRED);
	ck_assert_ptr_null(job->result);
	ck_assert_uint_eq(pogo_queue_length(&queue), 0);
	/* The queue's reference was dropped on expiry. */
	ck_assert_int_eq(job_refs(job), 1);

	queue_teardown(&queue);
	pogo_job_release(job);
}
END_TEST

START_TEST(test_max_wait_expires_on_poll)
{
	pogo_queue queue;
	pogo_job *job;

	queue_setup(&queue);
	job = new_job("expired", 1);
	ck_assert_int_eq(pogo_queue_post(&queue, job), SUCCESS);
	while (pogo_now_ns() < job->max_wait_deadline_ns) {
		sleep_ms(1);
	}
	ck_assert_int_eq(pogo_job_wait(job, 1), POGO_JOB_DONE);
	ck_assert_int_eq(job->outcome, POGO_OUTCOME_EXPIRED);
	ck_assert_uint_eq(pogo_queue_length(&queue), 0);
	queue_teardown(&queue);
	pogo_job_release(job);
}
END_TEST

START_TEST(test_max_wait_does_not_expire_running_job)
{
	pogo_queue queue;
	pogo_job *job;
	int64_t start;

	queue_setup(&queue);
	job = new_job("running", 0);
	ck_assert_int_eq(pogo_queue_post(&queue, job), SUCCESS);
	ck_assert_ptr_eq(pogo_queue_pop(&queue), job);
	/* Its max_wait deadline passes while it runs: that does not matter any more. */
	pthread_mutex_lock(&job->lock);
	job->max_wait_deadline_ns = pogo_now_ns() - 1;
	pthread_mutex_unlock(&job->lock);

	start = pogo_now_ns();
	ck_assert_int_eq(pogo_job_wait(job, start + 20 * MS), POGO_JOB_RUNNING);
	ck_assert_int_ge(elapsed_ms(start), 20);
	ck_assert_int_eq(job->outcome, POGO_OUTCOME_NONE);

	pogo_job_complete_take(job, POGO_OUTCOME_ENVELOPE, xstrdup("ok"), 2);
	ck_assert_int_eq(pogo_job_wait(job, 0), POGO_JOB_DONE);
	ck_assert_int_eq(job->outcome, POGO_OUTCOME_ENVELOPE);
	queue_teardown(&queue);
	pogo_job_release(job);
}
END_TEST

START_TEST(test_take_skips_expired_job)
{
	pogo_queue queue;
	pogo_job *stale;
	pogo_job *fresh;

	queue_setup(&queue);
	stale = new_job("stale", 1);
	fresh = new_job("fresh", 0);
	ck_assert_int_eq(pogo_queue_post(&queue, stale), SUCCESS);
	ck_assert_int_eq(pogo_queue_post(&queue, fresh), SUCCESS);
	while (pogo_now_ns() < stale->max_wait_deadline_ns) {
		sleep_ms(1);
	}

	ck_assert_ptr_eq(pogo_queue_pop(&queue), fresh);
	ck_assert_uint_eq(pogo_queue_length(&queue), 0);
	ck_assert_int_eq(pogo_job_wait(stale, 1), POGO_JOB_DONE);
	ck_assert_int_eq(stale->outcome, POGO_OUTCOME_EXPIRED);
	ck_assert_ptr_null(stale->result);
	ck_assert_int_eq(job_refs(stale), 1);
	ck_assert_int_eq(pogo_job_wait(fresh, 1), POGO_JOB_RUNNING);

	pogo_job_complete_take(fresh, POGO_OUTCOME_ENVELOPE, xstrdup("{}"), 2);
	queue_teardown(&queue);
	pogo_job_release(stale);
	pogo_job_release(fresh);
}
END_TEST

/* Abandon. */
START_TEST(test_abandon_queued_job)
{
	pogo_queue queue;
	pogo_job *first;
	pogo_job *second;
	pogo_job *third;

	queue_setup(&queue);
	first = new_job("first", 0);
	second = new_job("second", 0);
	third = new_job("third", 0);
	ck_assert_int_eq(pogo_queue_post(&queue, first), SUCCESS);
	ck_assert_int_eq(pogo_queue_post(&queue, second), SUCCESS);
	ck_assert_int_eq(pogo_queue_post(&queue, third), SUCCESS);
	ck_assert_uint_eq(pogo_queue_length(&queue), 3);

	/* From the middle: both the awaiter's and the queue's references go. */
	job_peek_ref(second);
	pogo_job_abandon(second);
	ck_assert_uint_eq(pogo_queue_length(&queue), 2);
	ck_assert_int_eq(job_refs(second), 1);
	ck_assert_int_eq(second->state, POGO_JOB_QUEUED);
	ck_assert_ptr_null(second->prev);
	ck_assert_ptr_null(second->next);
	ck_assert_ptr_eq(first->next, third);
	ck_assert_ptr_eq(third->prev, first);
	pogo_job_release(second);

	/* From the tail: later posts still link after the new tail. */
	pogo_job_abandon(third);
	ck_assert_uint_eq(pogo_queue_length(&queue), 1);
	ck_assert_ptr_eq(queue.tail, first);
	ck_assert_ptr_null(first->next);
	second = new_job("fourth", 0);
	ck_assert_int_eq(pogo_queue_post(&queue, second), SUCCESS);
	ck_assert_ptr_eq(first->next, second);
	ck_assert_ptr_eq(second->prev, first);
	ck_assert_ptr_eq(pogo_queue_pop(&queue), first);
	ck_assert_ptr_eq(pogo_queue_pop(&queue), second);
	ck_assert_uint_eq(pogo_queue_length(&queue), 0);
	pogo_job_complete_take(first, POGO_OUTCOME_ENVELOPE, NULL, 0);
	pogo_job_complete_take(second, POGO_OUTCOME_ENVELOPE, NULL, 0);
	pogo_job_release(first);
	pogo_job_release(second);

	/* The head, when it is the only job. */
	first = new_job("alone", 0);
	ck_assert_int_eq(pogo_queue_post(&queue, first), SUCCESS);
	pogo_job_abandon(first);
	ck_assert_uint_eq(pogo_queue_length(&queue), 0);
	ck_assert_ptr_null(queue.head);
	ck_assert_ptr_null(queue.tail);
	queue_teardown(&queue);
}
END_TEST

START_TEST(test_abandon_running_job_frees_late_result)
{
	pogo_queue queue;
	pogo_job *job;

	queue_setup(&queue);
	job = new_job("running", 0);
	ck_assert_int_eq(pogo_queue_post(&queue, job), SUCCESS);
	ck_assert_ptr_eq(pogo_queue_pop(&queue), job);

	job_peek_ref(job);
	pogo_job_abandon(job);
	ck_assert(job_is_abandoned(job));
	ck_assert_int_eq(job_refs(job), 2); /* the worker's and the peek */

	pogo_job_complete_take(job, POGO_OUTCOME_ENVELOPE, xstrdup("{\"late\":true}"), 13);
	ck_assert_int_eq(job_refs(job), 1);
	ck_assert_int_eq(job->state, POGO_JOB_DONE);
	ck_assert_ptr_null(job->result);
	pogo_job_release(job);
	queue_teardown(&queue);
}
END_TEST

/* A budget counts a job's payload from its charge, its result once stored, until the job is freed.
 */
START_TEST(test_budget_counts_payload_and_result)
{
	pogo_queue queue;
	pogo_budget *budget = pogo_budget_create();
	pogo_job *kept, *dropped;

	ck_assert_ptr_nonnull(budget);
	queue_setup(&queue);
	kept = new_job("12345", 0);
	dropped = new_job("123", 0);
	pogo_job_charge(kept, budget);
	pogo_job_charge(dropped, budget);
	ck_assert_uint_eq(pogo_budget_bytes(budget), 8);
	ck_assert_int_eq(pogo_queue_post(&queue, kept), SUCCESS);
	ck_assert_int_eq(pogo_queue_post(&queue, dropped), SUCCESS);
	ck_assert_ptr_eq(pogo_queue_pop(&queue), kept);
	ck_assert_ptr_eq(pogo_queue_pop(&queue), dropped);

	pogo_job_complete_take(kept, POGO_OUTCOME_ENVELOPE, xstrdup("{\"ok\":1}"), 8);
	ck_assert_uint_eq(pogo_budget_bytes(budget), 16);
	/* An abandoned job's late result is freed at once: never charged. */
	pogo_job_abandon(dropped);
	pogo_job_complete_take(dropped, POGO_OUTCOME_ENVELOPE, xstrdup("{}"), 2);
	ck_assert_uint_eq(pogo_budget_bytes(budget), 13);

	pogo_budget_release(budget); /* the request ends; the kept job still holds it */
	ck_assert_uint_eq(pogo_budget_bytes(budget), 13);
	pogo_job_release(kept); /* awaited: the budget goes with its last job */
	queue_teardown(&queue);
}
END_TEST

/*
 * Copied payloads and results: inside the job up to POGO_JOB_SMALL bytes
 * (the result taking the decoded payload's place), in a buffer of their own
 * past it; either way freed with the job (valgrind's run of this suite
 * checks that nothing leaks or is freed twice).
 */
START_TEST(test_copied_payload_and_result)
{
	pogo_queue queue;
	char big[POGO_JOB_SMALL + 1];
	pogo_job *small_job, *big_job, *dropped;

	memset(big, 'x', sizeof(big));
	queue_setup(&queue);
	small_job = pogo_job_create_copy("payload", 7, 0);
	big_job = pogo_job_create_copy(big, sizeof(big), 0);
	dropped = pogo_job_create_copy("late", 4, 0);
	ck_assert_ptr_nonnull(small_job);
	ck_assert_ptr_nonnull(big_job);
	ck_assert_ptr_nonnull(dropped);
	ck_assert_ptr_eq(small_job->payload, small_job->small);
	ck_assert_ptr_ne(big_job->payload, big_job->small);
	ck_assert_mem_eq(small_job->payload, "payload", 7);
	ck_assert_mem_eq(big_job->payload, big, sizeof(big));
	ck_assert_uint_eq(big_job->payload_len, sizeof(big));
	ck_assert_int_eq(pogo_queue_post(&queue, small_job), SUCCESS);
	ck_assert_int_eq(pogo_queue_post(&queue, big_job), SUCCESS);
	ck_assert_int_eq(pogo_queue_post(&queue, dropped), SUCCESS);
	ck_assert_ptr_eq(pogo_queue_pop(&queue), small_job);
	ck_assert_ptr_eq(pogo_queue_pop(&queue), big_job);
	ck_assert_ptr_eq(pogo_queue_pop(&queue), dropped);

	pogo_job_complete_copy(small_job, POGO_OUTCOME_VALUE, big, sizeof(big));
	pogo_job_complete_copy(big_job, POGO_OUTCOME_VALUE, "ok", 2);
	ck_assert_ptr_ne(small_job->result, small_job->small);
	ck_assert_mem_eq(small_job->result, big, sizeof(big));
	ck_assert_ptr_eq(big_job->result, big_job->small);
	ck_assert_mem_eq(big_job->result, "ok", 2);
	ck_assert_int_eq(big_job->outcome, POGO_OUTCOME_VALUE);
	/* Abandoned while running: the copy is dropped on arrival. */
	pogo_job_abandon(dropped);
	pogo_job_complete_copy(dropped, POGO_OUTCOME_VALUE, "x", 1);

	pogo_job_release(small_job);
	pogo_job_release(big_job);
	queue_teardown(&queue);
}
END_TEST

/* Releases both references of a job in another thread; returns that thread's cache count. */
static void *release_elsewhere(void *arg)
{
	pogo_job *job = arg;
	uintptr_t cached;

	pogo_job_release(job);
	pogo_job_release(job);
	cached = pogo_job_cache_count();
	pogo_job_cache_drain();
	return (void *)cached;
}

START_TEST(test_job_cache_reuses_jobs)
{
	pogo_queue queue;
	pogo_job *first, *again, *other, **many;
	pthread_t thread;
	void *cached_there;
	uint64_t first_handle;

	queue_setup(&queue);
	pogo_job_cache_drain();
	ck_assert_uint_eq(pogo_job_cache_count(), 0);

	/* A job run to the end and released by the thread that made it is kept... */
	first = pogo_job_create_copy("one", 3, 0);
	ck_assert_ptr_nonnull(first);
	first_handle = first->handle;
	ck_assert_int_eq(pogo_queue_post(&queue, first), SUCCESS);
	ck_assert_ptr_eq(pogo_queue_pop(&queue), first);
	pogo_job_complete_copy(first, POGO_OUTCOME_VALUE, "result", 6);
	ck_assert_int_eq(pogo_job_wait(first, 0), POGO_JOB_DONE);
	pogo_job_release(first);
	ck_assert_uint_eq(pogo_job_cache_count(), 1);

	/* ...and given out again as a new job, every field but its lock and condition cleared. */
	again = pogo_job_create_copy("two", 3, 0);
	ck_assert_ptr_eq(again, first);
	ck_assert_uint_eq(pogo_job_cache_count(), 0);
	ck_assert_uint_gt(again->handle, first_handle);
	ck_assert_int_eq(again->state, POGO_JOB_QUEUED);
	ck_assert_int_eq(again->outcome, POGO_OUTCOME_NONE);
	ck_assert_ptr_null(again->result);
	ck_assert_ptr_null(again->queue);
	ck_assert_ptr_null(again->watch);
	ck_assert_ptr_null(again->budget);
	ck_assert(!pogo_job_done(again));
	ck_assert_mem_eq(again->payload, "two", 3);
	/* Its lock and monotonic condition still work: a timed wait ends at its deadline. */
	ck_assert_int_eq(pogo_queue_post(&queue, again), SUCCESS);
	ck_assert_int_eq(pogo_job_wait(again, pogo_now_ns() + 5000000), POGO_JOB_QUEUED);
	ck_assert_ptr_eq(pogo_queue_pop(&queue), again);
	pogo_job_complete_copy(again, POGO_OUTCOME_VALUE, "r2", 2);
	ck_assert_int_eq(pogo_job_wait(again, 0), POGO_JOB_DONE);
	ck_assert_mem_eq(again->result, "r2", 2);
	pogo_job_release(again);
	ck_assert_uint_eq(pogo_job_cache_count(), 1);

	/* A job released by another thread is freed there, kept by neither. */
	other = pogo_job_create_copy("three", 5, 0);
	ck_assert_uint_eq(pogo_job_cache_count(), 0);
	ck_assert_int_eq(pthread_create(&thread, NULL, release_elsewhere, other), 0);
	ck_assert_int_eq(pthread_join(thread, &cached_there), 0);
	ck_assert_uint_eq((uintptr_t)cached_there, 0);
	ck_assert_uint_eq(pogo_job_cache_count(), 0);

	/* The cache holds at most POGO_JOB_CACHE_MAX; drain empties it. */
	many = malloc((POGO_JOB_CACHE_MAX + 10) * sizeof(*many));
	ck_assert_ptr_nonnull(many);
	for (unsigned i = 0; i < POGO_JOB_CACHE_MAX + 10; i++) {
		many[i] = pogo_job_create_copy("x", 1, 0);
		ck_assert_ptr_nonnull(many[i]);
	}
	for (unsigned i = 0; i < POGO_JOB_CACHE_MAX + 10; i++) {
		pogo_job_release(many[i]);
		pogo_job_release(many[i]);
	}
	free(many);
	ck_assert_uint_eq(pogo_job_cache_count(), POGO_JOB_CACHE_MAX);
	pogo_job_cache_drain();
	ck_assert_uint_eq(pogo_job_cache_count(), 0);
	queue_teardown(&queue);
}
END_TEST

START_TEST(test_abandon_done_job)
{
	pogo_queue queue;
	pogo_job *job;

	queue_setup(&queue);
	job = new_job("done", 0);
	ck_assert_int_eq(pogo_queue_post(&queue, job), SUCCESS);
	ck_assert_ptr_eq(pogo_queue_pop(&queue), job);
	pogo_job_complete_take(job, POGO_OUTCOME_ENVELOPE, xstrdup("{}"), 2);

	job_peek_ref(job);
	pogo_job_abandon(job);
	ck_assert_int_eq(job_refs(job), 1);
	/* The stored result stays with the job and goes with its last reference. */
	ck_assert_str_eq(job->result, "{}");
	pogo_job_release(job);
	queue_teardown(&queue);
}
END_TEST

START_TEST(test_abandon_unposted_job)
{
	pogo_job *job = new_job("never posted", 0);

	job_peek_ref(job);
	pogo_job_abandon(job);
	ck_assert_int_eq(job_refs(job), 1);
	pogo_job_release(job);
}
END_TEST

/* Stop. */
#define BLOCKED_TAKERS 4

static void *blocked_taker(void *arg)
{
	return pogo_queue_pop(arg);
}

START_TEST(test_stop_wakes_blocked_takers)
{
	pogo_queue queue;
	pthread_t takers[BLOCKED_TAKERS];
	void *taken;
	int i;

	queue_setup(&queue);
	for (i = 0; i < BLOCKED_TAKERS; i++) {
		ck_assert_int_eq(pthread_create(&takers[i], NULL, blocked_taker, &queue), 0);
	}
	while (queue_idle_workers(&queue) < BLOCKED_TAKERS) {
		sleep_ms(1);
	}
	pogo_queue_stop(&queue);
	for (i = 0; i < BLOCKED_TAKERS; i++) {
		pthread_join(takers[i], &taken);
		ck_assert_ptr_null(taken);
	}
	ck_assert_uint_eq(queue_idle_workers(&queue), 0);
	/* Taking from a stopped queue returns at once. */
	ck_assert_ptr_null(pogo_queue_pop(&queue));
	pogo_queue_destroy(&queue);
}
END_TEST

START_TEST(test_stop_fails_queued_jobs)
{
	pogo_queue queue;
	pogo_job *jobs[3];
	int i;

	queue_setup(&queue);
	for (i = 0; i < 3; i++) {
		jobs[i] = new_job("queued", 0);
		ck_assert_int_eq(pogo_queue_post(&queue, jobs[i]), SUCCESS);
	}
	ck_assert(!pogo_queue_stopping(&queue));
	pogo_queue_stop(&queue);
	ck_assert(pogo_queue_stopping(&queue));
	pogo_queue_stop(&queue); /* idempotent */
	ck_assert(pogo_queue_stopping(&queue));
	ck_assert_uint_eq(pogo_queue_length(&queue), 0);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(pogo_job_wait(jobs[i], 0), POGO_JOB_DONE);
		ck_assert_int_eq(jobs[i]->outcome, POGO_OUTCOME_POOL_ERROR);
		ck_assert_str_eq(jobs[i]->result, "pool is stopping");
		ck_assert_uint_eq(jobs[i]->result_len, strlen("pool is stopping"));
		ck_assert_int_eq(job_refs(jobs[i]), 1);
	}
	pogo_queue_destroy(&queue);
	/* A DONE job outlives its queue. */
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(pogo_job_wait(jobs[i], 1), POGO_JOB_DONE);
		pogo_job_release(jobs[i]);
	}
}
END_TEST

START_TEST(test_stop_lets_running_job_finish)
{
	pogo_queue queue;
	pogo_job *job;

	queue_setup(&queue);
	job = new_job("running", 0);
	ck_assert_int_eq(pogo_queue_post(&queue, job), SUCCESS);
	ck_assert_ptr_eq(pogo_queue_pop(&queue), job);
	pogo_queue_stop(&queue);
	ck_assert_int_eq(pogo_job_wait(job, 1), POGO_JOB_RUNNING);
	pogo_job_complete_take(job, POGO_OUTCOME_ENVELOPE, xstrdup("{}"), 2);
	ck_assert_int_eq(pogo_job_wait(job, 0), POGO_JOB_DONE);
	ck_assert_int_eq(job->outcome, POGO_OUTCOME_ENVELOPE);
	pogo_queue_destroy(&queue);
	pogo_job_release(job);
}
END_TEST

START_TEST(test_post_after_stop_fails)
{
	pogo_queue queue;
	pogo_job *job;

	queue_setup(&queue);
	pogo_queue_stop(&queue);
	job = new_job("too late", 0);
	ck_assert_int_eq(pogo_queue_post(&queue, job), FAILURE);
	/* Left untouched: the caller still holds both references. */
	ck_assert_ptr_null(job->queue);
	ck_assert_int_eq(job->state, POGO_JOB_QUEUED);
	ck_assert_int_eq(job_refs(job), 2);
	ck_assert_uint_eq(pogo_queue_length(&queue), 0);
	pogo_queue_destroy(&queue);
	pogo_job_release(job);
	pogo_job_release(job);
}
END_TEST

/* Outside the contract (destroy comes after stop), but nobody is left hanging. */
START_TEST(test_destroy_completes_linked_jobs)
{
	pogo_queue queue;
	pogo_job *jobs[2];
	int i;

	queue_setup(&queue);
	for (i = 0; i < 2; i++) {
		jobs[i] = new_job("linked", 0);
		ck_assert_int_eq(pogo_queue_post(&queue, jobs[i]), SUCCESS);
	}
	pogo_queue_destroy(&queue);
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(pogo_job_wait(jobs[i], 1), POGO_JOB_DONE);
		ck_assert_int_eq(jobs[i]->outcome, POGO_OUTCOME_POOL_ERROR);
		ck_assert_int_eq(job_refs(jobs[i]), 1);
		pogo_job_release(jobs[i]);
	}
}
END_TEST

START_TEST(test_create_sets_fields)
{
	pogo_job *job;
	int64_t before = pogo_now_ns();

	job = new_job("abc", 0);
	ck_assert_int_eq(job->max_wait_deadline_ns, 0);
	ck_assert_str_eq(job->payload, "abc");
	ck_assert_uint_eq(job->payload_len, 3);
	ck_assert_int_eq(job->state, POGO_JOB_QUEUED);
	ck_assert_int_eq(job->outcome, POGO_OUTCOME_NONE);
	ck_assert_int_eq(job_refs(job), 2);
	ck_assert_ptr_null(job->queue);
	pogo_job_release(job);
	pogo_job_release(job);

	job = new_job("abc", 5 * MS);
	ck_assert_int_ge(job->max_wait_deadline_ns, before + 5 * MS);
	ck_assert_int_le(job->max_wait_deadline_ns, pogo_now_ns() + 5 * MS);
	pogo_job_abandon(job);

	job = new_job("abc", INT64_MAX);
	ck_assert_int_eq(job->max_wait_deadline_ns, 0);
	pogo_job_abandon(job);
}
END_TEST

/*
 * Cost. Expiry and abandon take a job off its queue from wherever it is: that
 * must visit the job and its neighbours only, not walk the queue to it. Many
 * queued jobs that no worker takes are given up newest-first, the order in
 * which a walk from the head costs most (quadratic in all).
 */
#define MANY_JOBS         40000
#define VISITS_PER_UNLINK 3 /* the job and its two neighbours */

static pogo_job *many_jobs[MANY_JOBS];

static void post_many(pogo_queue *queue, int64_t max_wait_ns)
{
	int i;

	for (i = 0; i < MANY_JOBS; i++) {
		many_jobs[i] = new_job("queued", max_wait_ns);
		ck_assert_int_eq(pogo_queue_post(queue, many_jobs[i]), SUCCESS);
	}
	ck_assert_uint_eq(pogo_queue_length(queue), MANY_JOBS);
}

START_TEST(test_expire_newest_first_visits_neighbours_only)
{
	pogo_queue queue;
	size_t before, visited;
	int i;

	queue_setup(&queue);
	post_many(&queue, 1);
	while (pogo_now_ns() < many_jobs[MANY_JOBS - 1]->max_wait_deadline_ns) {
		sleep_ms(1);
	}
	for (i = MANY_JOBS - 1; i >= 0; i--) {
		before = queue_visits(&queue);
		ck_assert_int_eq(pogo_job_wait(many_jobs[i], 1), POGO_JOB_DONE);
		visited = queue_visits(&queue) - before;
		ck_assert_msg(visited <= VISITS_PER_UNLINK, "expiring job %d of %d visited %zu jobs", i + 1,
		              MANY_JOBS, visited);
		ck_assert_int_eq(many_jobs[i]->outcome, POGO_OUTCOME_EXPIRED);
		ck_assert_int_eq(job_refs(many_jobs[i]), 1);
		ck_assert_uint_eq(pogo_queue_length(&queue), (size_t)i);
		ck_assert_ptr_eq(queue.tail, i > 0 ? many_jobs[i - 1] : NULL);
		pogo_job_release(many_jobs[i]);
	}
	ck_assert_ptr_null(queue.head);
	queue_teardown(&queue);
}
END_TEST

START_TEST(test_abandon_newest_first_visits_neighbours_only)
{
	pogo_queue queue;
	size_t before, visited;
	int i;

	queue_setup(&queue);
	post_many(&queue, 0);
	for (i = MANY_JOBS - 1; i >= 0; i--) {
		before = queue_visits(&queue);
		pogo_job_abandon(many_jobs[i]); /* frees it: both references go */
		visited = queue_visits(&queue) - before;
		ck_assert_msg(visited <= VISITS_PER_UNLINK, "abandoning job %d of %d visited %zu jobs",
		              i + 1, MANY_JOBS, visited);
		ck_assert_uint_eq(pogo_queue_length(&queue), (size_t)i);
		ck_assert_ptr_eq(queue.tail, i > 0 ? many_jobs[i - 1] : NULL);
	}
	ck_assert_ptr_null(queue.head);
	queue_teardown(&queue);
}
END_TEST

/* Walks the queue both ways and checks that it holds exactly expect[0..count). */
static void assert_queue_is(pogo_queue *queue, pogo_job *const *expect, size_t count)
{
	pogo_job *job;
	size_t i;

	pthread_mutex_lock(&queue->lock);
	ck_assert_uint_eq(queue->length, count);
	for (i = 0, job = queue->head; job != NULL; i++, job = job->next) {
		ck_assert_uint_lt(i, count);
		ck_assert_ptr_eq(job, expect[i]);
		ck_assert_ptr_eq(job->prev, i > 0 ? expect[i - 1] : NULL);
	}
	ck_assert_uint_eq(i, count);
	for (job = queue->tail; job != NULL; job = job->prev) {
		ck_assert_uint_gt(i, 0);
		ck_assert_ptr_eq(job, expect[--i]);
	}
	ck_assert_uint_eq(i, 0);
	pthread_mutex_unlock(&queue->lock);
}

/* Expiry and abandon from the middle, the head and the tail keep both directions linked. */
START_TEST(test_unlink_keeps_links)
{
	enum { JOBS = 8 };
	pogo_queue queue;
	pogo_job *jobs[JOBS];
	pogo_job *left[JOBS];
	size_t count = 0;
	int i;

	queue_setup(&queue);
	for (i = 0; i < JOBS; i++) {
		/* Odd jobs expire at once, even ones never. */
		jobs[i] = new_job("queued", i % 2 ? 1 : 0);
		ck_assert_int_eq(pogo_queue_post(&queue, jobs[i]), SUCCESS);
	}
	assert_queue_is(&queue, jobs, JOBS);
	while (pogo_now_ns() < jobs[JOBS - 1]->max_wait_deadline_ns) {
		sleep_ms(1);
	}

	/* Expire 3 and 5 (middle) and 7 (tail); abandon 0 (head) and 4 (middle). */
	ck_assert_int_eq(pogo_job_wait(jobs[3], 1), POGO_JOB_DONE);
	ck_assert_int_eq(pogo_job_wait(jobs[5], 1), POGO_JOB_DONE);
	ck_assert_int_eq(pogo_job_wait(jobs[7], 1), POGO_JOB_DONE);
	pogo_job_abandon(jobs[0]);
	pogo_job_abandon(jobs[4]);
	for (i = 0; i < JOBS; i++) {
		if (i == 1 || i == 2 || i == 6) {
			left[count++] = jobs[i];
		}
	}
	assert_queue_is(&queue, left, count);
	for (i = 3; i < JOBS; i += 2) {
		ck_assert_int_eq(jobs[i]->outcome, POGO_OUTCOME_EXPIRED);
		ck_assert_ptr_null(jobs[i]->prev);
		ck_assert_ptr_null(jobs[i]->next);
		pogo_job_release(jobs[i]);
	}

	/* A take skips the expired head (1) and the rest stays linked. */
	ck_assert_ptr_eq(pogo_queue_try_pop(&queue), jobs[2]);
	assert_queue_is(&queue, &jobs[6], 1);
	ck_assert_int_eq(pogo_job_wait(jobs[1], 1), POGO_JOB_DONE);
	ck_assert_int_eq(jobs[1]->outcome, POGO_OUTCOME_EXPIRED);
	pogo_job_release(jobs[1]);
	pogo_job_complete_take(jobs[2], POGO_OUTCOME_ENVELOPE, NULL, 0);
	pogo_job_release(jobs[2]);
	pogo_job_abandon(jobs[6]);
	assert_queue_is(&queue, NULL, 0);
	ck_assert_ptr_null(queue.head);
	ck_assert_ptr_null(queue.tail);
	queue_teardown(&queue);
}
END_TEST

static Suite *job_queue_suite(void)
{
	Suite *s = suite_create("job_queue");
	TCase *tc;

	tc = tcase_create("handles");
	tcase_add_test(tc, test_handles_start_at_one); /* must stay the first test */
	tcase_add_test(tc, test_handles_unique_across_threads);
	tcase_add_test(tc, test_create_sets_fields);
	suite_add_tcase(s, tc);

	tc = tcase_create("order");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_fifo_order);
	tcase_add_test(tc, test_many_producers_many_consumers);
	suite_add_tcase(s, tc);

	tc = tcase_create("wait");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_wait_deadline_accuracy);
	tcase_add_test(tc, test_wait_poll_returns_at_once);
	tcase_add_test(tc, test_wait_without_deadline_wakes_on_completion);
	tcase_add_test(tc, test_max_wait_expires_while_waiting);
	tcase_add_test(tc, test_max_wait_expires_on_poll);
	tcase_add_test(tc, test_max_wait_does_not_expire_running_job);
	tcase_add_test(tc, test_take_skips_expired_job);
	tcase_add_test(tc, test_try_take);
	suite_add_tcase(s, tc);

	tc = tcase_create("abandon");
	tcase_add_test(tc, test_abandon_queued_job);
	tcase_add_test(tc, test_abandon_running_job_frees_late_result);
	tcase_add_test(tc, test_abandon_done_job);
	tcase_add_test(tc, test_budget_counts_payload_and_result);
	tcase_add_test(tc, test_copied_payload_and_result);
	tcase_add_test(tc, test_job_cache_reuses_jobs);
	tcase_add_test(tc, test_abandon_unposted_job);
	suite_add_tcase(s, tc);

	tc = tcase_create("stop");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_stop_wakes_blocked_takers);
	tcase_add_test(tc, test_stop_fails_queued_jobs);
	tcase_add_test(tc, test_stop_lets_running_job_finish);
	tcase_add_test(tc, test_post_after_stop_fails);
	tcase_add_test(tc, test_destroy_completes_linked_jobs);
	suite_add_tcase(s, tc);

	tc = tcase_create("cost");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_expire_newest_first_visits_neighbours_only);
	tcase_add_test(tc, test_abandon_newest_first_visits_neighbours_only);
	tcase_add_test(tc, test_unlink_keeps_links);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(job_queue_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
