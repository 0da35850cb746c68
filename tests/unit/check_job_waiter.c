/*
 * Unit tests for job_waiter.c and the queue's counters: a waiter on many
 * jobs wakes when enough are done, honours its deadline, never hears from
 * a job it stopped watching or that was abandoned, and expiry and the
 * queue's counters count what happened; and job_sync.c's spinning rules
 * (the /proc/loadavg reading, no spin beside the peer, the budget's
 * settling). Plain C and pthreads, no PHP.
 *
 * Checks run only in the test's own thread: helper threads record nothing
 * and the test asserts after joining them.
 */
#define _GNU_SOURCE /* pthread_setaffinity_np(), CPU_SET() */
#include <check.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "job_waiter.h"

#define MS INT64_C(1000000)

static pogo_job *new_job(int64_t max_wait_ns)
{
	char *payload = strdup("{}");
	pogo_job *job;

	ck_assert_ptr_nonnull(payload);
	job = pogo_job_create_take(payload, 2, max_wait_ns);
	ck_assert_ptr_nonnull(job);
	return job;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

typedef struct worker_args {
	pogo_queue *queue;
	int jobs;
	long delay_ms; /* before each job */
} worker_args;

/* Takes and completes args->jobs jobs, each after delay_ms. */
static void *worker_main(void *arg)
{
	worker_args *args = arg;

	for (int i = 0; i < args->jobs; i++) {
		pogo_job *job = pogo_queue_pop(args->queue);

		if (!job) {
			break;
		}
		sleep_ms(args->delay_ms);
		pogo_job_complete_take(job, POGO_OUTCOME_ENVELOPE, strdup("{\"ok\":true}"), 11);
	}
	return NULL;
}

START_TEST(test_waits_for_all_of_many)
{
	enum { N = 200 };
	pogo_queue queue;
	pogo_waiter waiter;
	pogo_job *jobs[N];
	pthread_t thread;
	worker_args args = {&queue, N, 0};
	size_t watched = 0;

	ck_assert_int_eq(pogo_queue_init(&queue), SUCCESS);
	ck_assert_int_eq(pogo_waiter_init(&waiter), SUCCESS);
	for (int i = 0; i < N; i++) {
		jobs[i] = new_job(0);
		ck_assert_int_eq(pogo_queue_post(&queue, jobs[i]), SUCCESS);
		watched += pogo_waiter_watch(&waiter, jobs[i]);
	}
	ck_assert_uint_eq(watched, N); /* nothing ran yet: no worker */
	ck_assert_int_eq(pthread_create(&thread, NULL, worker_main, &args), 0);
	ck_assert_uint_eq(pogo_waiter_wait(&waiter, N, pogo_now_ns() + 20000 * MS), N);
	for (int i = 0; i < N; i++) {
		pogo_waiter_unwatch(&waiter, jobs[i]); /* then a job counted looks done */
		ck_assert(pogo_job_done(jobs[i]));
		pogo_job_release(jobs[i]);
	}
	pthread_join(thread, NULL);
	pogo_waiter_destroy(&waiter);
	pogo_queue_stop(&queue);
	pogo_queue_destroy(&queue);
}
END_TEST

START_TEST(test_wakes_at_first_done_and_orders_by_finish)
{
	pogo_queue queue;
	pogo_waiter waiter;
	pogo_job *slow, *fast;
	pthread_t thread;
	worker_args args = {&queue, 1, 30};

	ck_assert_int_eq(pogo_queue_init(&queue), SUCCESS);
	ck_assert_int_eq(pogo_waiter_init(&waiter), SUCCESS);
	fast = new_job(0);
	slow = new_job(0); /* never taken: only one job is */
	ck_assert_int_eq(pogo_queue_post(&queue, fast), SUCCESS);
	ck_assert_int_eq(pogo_queue_post(&queue, slow), SUCCESS);
	ck_assert(pogo_waiter_watch(&waiter, slow));
	ck_assert(pogo_waiter_watch(&waiter, fast));
	ck_assert_int_eq(pthread_create(&thread, NULL, worker_main, &args), 0);
	ck_assert_uint_eq(pogo_waiter_wait(&waiter, 1, pogo_now_ns() + 20000 * MS), 1);
	pogo_waiter_unwatch(&waiter, slow);
	pogo_waiter_unwatch(&waiter, fast);
	ck_assert(pogo_job_done(fast));
	ck_assert(!pogo_job_done(slow));
	ck_assert_int_gt(pogo_job_finished_ns(fast), 0);
	pthread_join(thread, NULL);
	pogo_waiter_destroy(&waiter);
	pogo_job_release(fast);
	pogo_queue_stop(&queue); /* fails slow: not watched any more */
	ck_assert(pogo_job_done(slow));
	pogo_job_release(slow);
	pogo_queue_destroy(&queue);
}
END_TEST

START_TEST(test_deadline_and_unwatched_jobs)
{
	pogo_queue queue;
	pogo_waiter waiter;
	pogo_job *job;
	int64_t start;

	ck_assert_int_eq(pogo_queue_init(&queue), SUCCESS);
	ck_assert_int_eq(pogo_waiter_init(&waiter), SUCCESS);
	job = new_job(0);
	ck_assert_int_eq(pogo_queue_post(&queue, job), SUCCESS);
	ck_assert(pogo_waiter_watch(&waiter, job));
	start = pogo_now_ns();
	ck_assert_uint_eq(pogo_waiter_wait(&waiter, 1, start + 50 * MS), 0);
	ck_assert_int_ge(pogo_now_ns() - start, 50 * MS);
	/* Unwatched, its completion does not count. */
	pogo_waiter_unwatch(&waiter, job);
	pogo_job_complete_take(pogo_queue_try_pop(&queue), POGO_OUTCOME_ENVELOPE, NULL, 0);
	ck_assert_uint_eq(atomic_load(&waiter.finished), 0);
	/* A done job is not watched. */
	ck_assert(!pogo_waiter_watch(&waiter, job));
	pogo_job_release(job);
	pogo_waiter_destroy(&waiter);
	pogo_queue_stop(&queue);
	pogo_queue_destroy(&queue);
}
END_TEST

START_TEST(test_abandon_ends_the_watch)
{
	pogo_queue queue;
	pogo_waiter waiter;
	pogo_job *queued, *running, *taken;
	pogo_queue_stats stats;

	ck_assert_int_eq(pogo_queue_init(&queue), SUCCESS);
	ck_assert_int_eq(pogo_waiter_init(&waiter), SUCCESS);
	running = new_job(0);
	queued = new_job(0);
	ck_assert_int_eq(pogo_queue_post(&queue, running), SUCCESS);
	ck_assert_int_eq(pogo_queue_post(&queue, queued), SUCCESS);
	taken = pogo_queue_try_pop(&queue);
	ck_assert_ptr_eq(taken, running);
	ck_assert(pogo_waiter_watch(&waiter, running));
	ck_assert(pogo_waiter_watch(&waiter, queued));
	pogo_job_abandon(queued);  /* unlinked and freed */
	pogo_job_abandon(running); /* its result is freed on arrival */
	pogo_job_complete_take(taken, POGO_OUTCOME_ENVELOPE, strdup("{}"), 2);
	ck_assert_uint_eq(atomic_load(&waiter.finished), 0);
	pogo_waiter_destroy(&waiter);
	pogo_queue_read_stats(&queue, &stats);
	ck_assert_uint_eq(stats.posted, 2);
	ck_assert_uint_eq(stats.dropped, 1);
	ck_assert_uint_eq(stats.length, 0);
	pogo_queue_stop(&queue);
	pogo_queue_destroy(&queue);
}
END_TEST

START_TEST(test_expiry_and_counters)
{
	pogo_queue queue;
	pogo_waiter waiter;
	pogo_job *expiring, *stopped;
	pogo_queue_stats stats;
	int64_t later;

	ck_assert_int_eq(pogo_queue_init(&queue), SUCCESS);
	ck_assert_int_eq(pogo_waiter_init(&waiter), SUCCESS);
	expiring = new_job(20 * MS);
	stopped = new_job(0);
	ck_assert_int_eq(pogo_queue_post(&queue, expiring), SUCCESS);
	ck_assert_int_eq(pogo_queue_post(&queue, stopped), SUCCESS);
	ck_assert(pogo_waiter_watch(&waiter, expiring));
	later = pogo_job_expire_due(expiring, pogo_now_ns());
	ck_assert_int_eq(later, expiring->max_wait_deadline_ns); /* not due yet */
	pogo_queue_read_stats(&queue, &stats);
	ck_assert_uint_eq(stats.length, 2);
	ck_assert_int_eq(stats.oldest_created_ns, expiring->created_ns);
	ck_assert_int_eq(pogo_job_expire_due(expiring, later), 0);
	ck_assert(pogo_job_done(expiring));
	ck_assert_int_eq(expiring->outcome, POGO_OUTCOME_EXPIRED);
	ck_assert_uint_eq(pogo_waiter_wait(&waiter, 1, 0), 1); /* the expiry woke the waiter */
	pogo_queue_stop(&queue);
	pogo_queue_read_stats(&queue, &stats);
	ck_assert_uint_eq(stats.posted, 2);
	ck_assert_uint_eq(stats.expired, 1);
	ck_assert_uint_eq(stats.stopped, 1);
	ck_assert_uint_eq(stats.dropped, 0);
	pogo_job_release(expiring);
	pogo_job_release(stopped);
	pogo_waiter_destroy(&waiter);
	pogo_queue_destroy(&queue);
}
END_TEST

/* The spinning gate's reading of /proc/loadavg (job_sync.c). */
START_TEST(test_loadavg_running)
{
	ck_assert_int_eq(pogo_loadavg_running("0.20 0.18 0.12 1/80 11206\n"), 1);
	ck_assert_int_eq(pogo_loadavg_running("3.05 2.00 1.10 12/431 99"), 12);
	ck_assert_int_eq(pogo_loadavg_running("0.00 0.00 0.00 0/1 1"), 0);
	ck_assert_int_eq(pogo_loadavg_running("0.20 0.18 0.12 x/80 11206"), -1);
	ck_assert_int_eq(pogo_loadavg_running("0.20 0.18"), -1);
	ck_assert_int_eq(pogo_loadavg_running(""), -1);
}
END_TEST

static int ready_calls;

static bool never_ready(void *arg)
{
	(void)arg;
	ready_calls++;
	return false;
}

/*
 * A spinner whose peer last ran on its own CPU does not spin: one look, and
 * the budget is kept. The thread is pinned to its CPU, so that it cannot
 * move between publishing the CPU and spinning. The same spin with the peer
 * on another CPU comes first, as the contrast: it spins (more than one
 * look) unless the machine is oversubscribed at that moment, when the load
 * gate stops both spins and the test can only show that the rule does no
 * harm.
 */
START_TEST(test_no_spin_beside_the_peer)
{
	cpu_set_t one, old;
	int64_t budget = POGO_SPIN_MAX_NS, control_budget = POGO_SPIN_MAX_NS;
	atomic_int peer, elsewhere;
	int cpu = sched_getcpu(), calls, control_calls;
	bool pinned, spun;

	if (cpu < 0) {
		ck_assert_int_eq(pogo_this_cpu1(), 0); /* no CPU to compare: the rule is off */
		return;
	}
	ck_assert_int_eq(pthread_getaffinity_np(pthread_self(), sizeof(old), &old), 0);
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	pinned = pthread_setaffinity_np(pthread_self(), sizeof(one), &one) == 0;
	atomic_init(&peer, pogo_this_cpu1());
	atomic_init(&elsewhere, pogo_this_cpu1() + 1);

	ready_calls = 0;
	pogo_spin(never_ready, NULL, &control_budget, 0, &elsewhere);
	control_calls = ready_calls;
	ready_calls = 0;
	spun = pogo_spin(never_ready, NULL, &budget, 0, &peer);
	calls = ready_calls;
	/* Unpinned before any assertion can end the test. */
	ck_assert_int_eq(pthread_setaffinity_np(pthread_self(), sizeof(old), &old), 0);

	ck_assert(pinned);
	ck_assert_int_eq(atomic_load(&peer), cpu + 1);
	ck_assert(!spun);
	ck_assert_int_eq(calls, 1);
	ck_assert_int_eq(budget, POGO_SPIN_MAX_NS);
	if (control_calls == 1) {
		fprintf(stderr,
		        "test_no_spin_beside_the_peer: the machine is oversubscribed, no contrast shown\n");
	}
}
END_TEST

/* The budget comes back in full only after a sleep that a little more spinning would have saved. */
START_TEST(test_settle_restores_after_short_sleeps_only)
{
	int64_t budget = POGO_SPIN_MIN_NS;

	pogo_spin_settle(&budget, POGO_SPIN_SETTLE_NS + 1);
	ck_assert_int_eq(budget, POGO_SPIN_MIN_NS);
	pogo_spin_settle(&budget, POGO_SPIN_SETTLE_NS);
	ck_assert_int_eq(budget, POGO_SPIN_MAX_NS);
}
END_TEST

static Suite *job_waiter_suite(void)
{
	Suite *s = suite_create("job_waiter");
	TCase *tc = tcase_create("waiter");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_waits_for_all_of_many);
	tcase_add_test(tc, test_wakes_at_first_done_and_orders_by_finish);
	tcase_add_test(tc, test_deadline_and_unwatched_jobs);
	tcase_add_test(tc, test_abandon_ends_the_watch);
	tcase_add_test(tc, test_expiry_and_counters);
	tcase_add_test(tc, test_loadavg_running);
	tcase_add_test(tc, test_no_spin_beside_the_peer);
	tcase_add_test(tc, test_settle_restores_after_short_sleeps_only);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(job_waiter_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
