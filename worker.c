/*
 * Pogo: the PHP side of a worker thread.
 *
 * A pool thread boots its own PHP request with no SAPI request behind it (no
 * server context, no headers, no POST body), requires the pool's bootstrap,
 * then runs the worker: the built-in loop below, or the pool's worker script,
 * which calls pogo_worker_handle() for each job. What a job prints goes to
 * the process's standard error, never to a client. A job that breaks the
 * request (a fatal error, exit()) fails with the cause as PHP reported it,
 * and the thread throws its request away and boots a fresh one. Booting the
 * request is worker_boot.c's, running one job job_runner.c's.
 *
 * DESIGN
 * A worker thread's life is a loop of requests (pogo_worker_run()), each in
 * one of these states:
 *   booting      php_request_startup(), then the pool's bootstrap;
 *   serving      the worker runs jobs (POGO_G(serving): the thread counts in
 *                the pool's serving threads, which boot-failure handling reads);
 * and each ends one way (request_end), which decides what comes next:
 *   stopped      the pool's queue stops: the request shuts down, the thread ends;
 *   recycling    max_jobs jobs served: a fresh request boots at once;
 *   broke        a job ended the request (exit(), a fatal error, an uncaught
 *                Error): the job fails with the cause, a fresh request boots;
 *   boot failed  bootstrap or worker script failed before any job: the cause
 *                is logged once per pool while the failure lasts, one thread
 *                (failing_queue) fails the queued jobs, and the boot is
 *                retried with backoff (100 ms doubling to 5 s).
 * Forked: in a child after fork(), none of these threads exists; the child
 * starts its own at its first dispatch (pogo_worker_after_fork() resets what
 * a parent thread may have held). Only the thread itself reads or writes its
 * POGO_G() fields; the pool's counters it touches are atomics (pool.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "php.h"
#include "php_main.h"
#include "SAPI.h"
#include "main/php_output.h"
#include "main/php_variables.h"
#include "ext/standard/basic_functions.h"
#include "zend_exceptions.h"

#include "php_pogo.h"
#include "job_runner.h"
#include "sapi_guard.h"
#include "worker.h"
#include "worker_boot.h"

#define BOOT_BACKOFF_MIN_MS 100
#define BOOT_BACKOFF_MAX_MS 5000

static void sleep_ms(unsigned ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
	}
}

void pogo_worker_after_fork(void)
{
	pogo_worker_boot_after_fork();
}

/* Whether the thread has served its max_jobs and should boot a fresh request. */
static bool recycle_due(pogo_pool *pool)
{
	return pool->config.max_jobs > 0 && POGO_G(jobs_run) >= pool->config.max_jobs;
}

/* This thread's request booted: count it among the pool's serving threads. */
static void serving_begin(pogo_pool *pool)
{
	if (!POGO_G(serving)) {
		POGO_G(serving) = true;
		pogo_pool_serving_begin(pool);
		if (atomic_exchange(&pool->boot_failing, false)) {
			char message[300];

			snprintf(message, sizeof(message), "Pogo: pool \"%s\": its worker boots again",
			         pool->config.name);
			php_log_err(message);
		}
	}
}

/* The built-in worker: returns when the pool stops or a job broke the request. */
static void builtin_worker_loop(pogo_pool *pool)
{
	pogo_job *job;

	while ((job = pogo_queue_pop(&pool->queue))) {
		if (!pogo_runner_run_builtin(pool, job) || recycle_due(pool)) {
			return; /* the thread boots a fresh request */
		}
	}
}

/*
 * The built-in worker runs inside this internal function, called through
 * zend_call_function(), so that the jobs it calls have a frame below them:
 * without one, an exception thrown by a job would be fatal instead of being
 * left in EG(exception) for the worker to report.
 */
static zend_internal_function builtin_worker_function;

static ZEND_NAMED_FUNCTION(builtin_worker_handler)
{
	builtin_worker_loop(POGO_G(worker_pool));
}

/* PHP's error callback, which worker_error_cb() wraps from module startup to shutdown. */
static void (*error_cb_own)(int type, zend_string *file, const uint32_t line, zend_string *message);
static zend_string *interrupted_message; /* interned at module startup */

/*
 * When a stopping pool fires a thread's execution timer, PHP reports
 * "Maximum execution time of N seconds exceeded" for a limit nobody passed:
 * the log line says what happened instead.
 */
static void worker_error_cb(int type, zend_string *file, const uint32_t line, zend_string *message)
{
	if (POGO_G(worker_pool) && (type & E_ERROR) &&
	    pogo_queue_stopping(&POGO_G(worker_pool)->queue) &&
	    zend_string_starts_with_literal(message, "Maximum execution time")) {
		message = interrupted_message;
	}
	error_cb_own(type, file, line, message);
}

void pogo_worker_startup(void (*job_end)(void))
{
	pogo_runner_startup(job_end);
	interrupted_message = zend_string_init_interned(
	    ZEND_STRL("Pogo: the job was still running when the process shut down, after "
	              "pogo.shutdown_timeout, and was interrupted"),
	    1);
	if (zend_error_cb != worker_error_cb) {
		error_cb_own = zend_error_cb;
		zend_error_cb = worker_error_cb;
	}
	memset(&builtin_worker_function, 0, sizeof(builtin_worker_function));
	builtin_worker_function.type = ZEND_INTERNAL_FUNCTION;
	builtin_worker_function.handler = builtin_worker_handler;
	builtin_worker_function.function_name =
	    zend_string_init_interned(ZEND_STRL("{pogo worker}"), 1);
}

void pogo_worker_shutdown(void)
{
	if (zend_error_cb == worker_error_cb) {
		zend_error_cb = error_cb_own;
	}
}

static void run_builtin_worker(void)
{
	zend_fcall_info fci = {0};
	zend_fcall_info_cache fcc = {0};
	zval retval;

	fci.size = sizeof(fci);
	ZVAL_UNDEF(&fci.function_name);
	fci.retval = &retval;
	fcc.function_handler = (zend_function *)&builtin_worker_function;
	zend_call_function(&fci, &fcc);
	zval_ptr_dtor(&retval);
}

void pogo_worker_handle_next(zend_fcall_info *fci, zend_fcall_info_cache *fcc, zval *return_value)
{
	pogo_pool *pool = POGO_G(worker_pool);
	pogo_job *job;

	if (!pool) {
		zend_throw_exception(pogo_ce_PogoException,
		                     "pogo_worker_handle() works only in a Pogo worker script (a pool's "
		                     "worker directive)",
		                     0);
		return;
	}
	if (POGO_G(current_job)) {
		zend_throw_exception(pogo_ce_PogoException,
		                     "pogo_worker_handle() cannot be called from inside a job's handler",
		                     0);
		return;
	}
	if (recycle_due(pool)) {
		RETURN_FALSE; /* the script ends; the thread boots a fresh request */
	}
	serving_begin(pool);
	job = pogo_queue_pop(&pool->queue);
	if (!job) {
		RETURN_FALSE;
	}
	if (!pogo_runner_run_handler(pool, job, fci, fcc)) {
		/* Fatal for the script: it unwinds, and the thread reboots its request. */
		return;
	}
	RETURN_TRUE;
}

/* How a worker request ended: what the thread does next (see the DESIGN block). */
typedef enum {
	REQUEST_STOPPED,     /* the pool is stopping: the thread ends */
	REQUEST_RECYCLE,     /* max_jobs served: boot a fresh request at once */
	REQUEST_JOB_BROKE,   /* a job broke the request: boot a fresh one at once */
	REQUEST_BOOT_FAILED, /* bootstrap or worker script failed before any job: back off */
} request_end;

/* The last error if it was fatal, else fallback, as a malloc'd text. */
static char *last_fatal_text(const char *fallback)
{
	if (PG(last_error_message) &&
	    (PG(last_error_type) & (E_ERROR | E_CORE_ERROR | E_COMPILE_ERROR | E_USER_ERROR | E_PARSE |
	                            E_RECOVERABLE_ERROR))) {
		return pogo_runner_last_error_text(fallback);
	}
	return strdup(fallback);
}

/*
 * Fails the running job, if any, and tells what ended the request. A boot
 * failure leaves its cause in POGO_G(boot_error).
 */
static request_end request_broke(pogo_pool *pool, const char *fallback)
{
	char text[600];

	if (POGO_G(current_job)) {
		if (PG(last_error_message) &&
		    zend_string_equals(PG(last_error_message), interrupted_message)) {
			/* Not the job's time limit: shutdown fired the thread's timer. */
			snprintf(text, sizeof(text),
			         "the job was still running when the process shut down, after "
			         "pogo.shutdown_timeout, and was interrupted (in %s on line %u)",
			         PG(last_error_file) ? ZSTR_VAL(PG(last_error_file)) : "Unknown",
			         PG(last_error_lineno));
			pogo_runner_fail_current_take(strdup(text));
		} else {
			pogo_runner_fail_current(fallback);
		}
		return REQUEST_JOB_BROKE;
	}
	if (recycle_due(pool)) {
		return REQUEST_RECYCLE; /* the worker returned after its max_jobs-th job */
	}
	if (POGO_G(jobs_run) > 0) {
		return REQUEST_JOB_BROKE;
	}
	snprintf(text, sizeof(text), "worker script %s returned without handling a job",
	         pool->config.worker ? pool->config.worker : "(built-in)");
	free(POGO_G(boot_error));
	POGO_G(boot_error) = last_fatal_text(text);
	return REQUEST_BOOT_FAILED;
}

/* One PHP request of a worker thread, from boot to shutdown. */
static request_end worker_request(pogo_thread *thread)
{
	pogo_pool *pool = thread->pool;
	volatile request_end end = REQUEST_BOOT_FAILED;
	char *volatile quiet_display = NULL, *volatile quiet_log = NULL;

	if (pogo_worker_request_startup(pool) == FAILURE) {
		POGO_G(boot_error) = strdup("PHP could not start a request in the worker thread");
		return REQUEST_BOOT_FAILED;
	}
#ifdef ZEND_MAX_EXECUTION_TIMERS
	pogo_thread_set_timer(thread, &EG(max_execution_timer_timer));
#endif
	if (atomic_load(&pool->boot_failing)) {
		/* A retried boot: Pogo logged its failure once; PHP's own report would repeat it. */
		quiet_display =
		    estrdup(zend_ini_string_ex("display_errors", strlen("display_errors"), 0, NULL));
		quiet_log = estrdup(zend_ini_string_ex("log_errors", strlen("log_errors"), 0, NULL));
		pogo_worker_set_ini("display_errors", "0");
		pogo_worker_set_ini("log_errors", "0");
	}
	zend_first_try
	{
		if (pool->config.bootstrap &&
		    pogo_worker_run_bootstrap(pool->config.bootstrap) == FAILURE) {
			char text[600];

			snprintf(text, sizeof(text), "bootstrap %s failed", pool->config.bootstrap);
			POGO_G(boot_error) = last_fatal_text(text);
			end = REQUEST_BOOT_FAILED;
		} else {
			if (quiet_display) {
				pogo_worker_set_ini("display_errors", quiet_display);
				pogo_worker_set_ini("log_errors", quiet_log);
			}
			if (pool->config.worker) {
				pogo_worker_run_file(pool->config.worker);
			} else {
				serving_begin(pool);
				run_builtin_worker();
			}
			end = pogo_queue_stopping(&pool->queue)
			          ? REQUEST_STOPPED
			          : request_broke(pool, "the worker script ended while running the job");
		}
	}
	zend_catch
	{
		end = request_broke(pool, "the worker's PHP request was aborted");
	}
	zend_end_try();
	if (quiet_display) {
		efree(quiet_display);
		efree(quiet_log);
	}
	if (POGO_G(serving)) {
		POGO_G(serving) = false;
		pogo_pool_serving_end(pool);
	}
	/*
	 * The shutdown functions and destructors that jobs left run now, while a
	 * stopping pool can still interrupt them through the request's timer;
	 * php_request_shutdown() then finds none left.
	 */
	zend_try
	{
		php_call_shutdown_functions();
	}
	zend_end_try();
	zend_try
	{
		zend_call_destructors();
	}
	zend_end_try();
	php_free_shutdown_functions();
	pogo_thread_set_timer(thread, NULL); /* the request deletes its timer */
	pogo_runner_forget_classes();
	pogo_pool_fork_gate_enter();
	php_request_shutdown(NULL);
	pogo_pool_fork_gate_leave();
	return end;
}

/* Fails the queued jobs with the boot error while no thread of the pool can run them. */
static void fail_queued_jobs(pogo_thread *thread, const char *boot_error)
{
	pogo_pool *pool = thread->pool;
	pogo_job *job;

	while (!pogo_pool_serving(pool) && (job = pogo_queue_try_pop(&pool->queue))) {
		char text[1200];
		char *copy;

		snprintf(text, sizeof(text), "the pool's worker cannot boot: %s", boot_error);
		copy = strdup(text);
		pogo_thread_stat_add(&thread->stats, POGO_STAT_FAILED_WORKER);
		pogo_job_complete_take(job, POGO_OUTCOME_WORKER_ERROR, copy, copy ? strlen(copy) : 0);
	}
}

void pogo_worker_run(pogo_thread *thread)
{
	pogo_pool *pool = thread->pool;
	unsigned backoff_ms = BOOT_BACKOFF_MIN_MS;

	pogo_sapi_guard_enter_worker();
	POGO_G(worker_thread) = thread;

	while (!pogo_queue_stopping(&pool->queue)) {
		request_end end = worker_request(thread);
		char *boot_error, message[1400];
		bool leader;

		if (end == REQUEST_STOPPED) {
			break;
		}
		pogo_thread_stat_add(&thread->stats, end == REQUEST_JOB_BROKE ? POGO_STAT_REBOOTS
		                                     : end == REQUEST_RECYCLE ? POGO_STAT_RECYCLES
		                                                              : POGO_STAT_BOOT_FAILURES);
		if (end == REQUEST_JOB_BROKE || end == REQUEST_RECYCLE) {
			backoff_ms = BOOT_BACKOFF_MIN_MS;
			continue;
		}
		/*
		 * A bad bootstrap or worker script: one log line per pool when its
		 * boots start failing, jobs fail at once instead of waiting for
		 * max_wait (one thread does that), and the boot is retried, slower
		 * each time, so that a fixed file is picked up.
		 */
		boot_error = POGO_G(boot_error) ? POGO_G(boot_error) : strdup("unknown cause");
		POGO_G(boot_error) = NULL;
		if (!atomic_exchange(&pool->boot_failing, true)) {
			snprintf(message, sizeof(message),
			         "Pogo: pool \"%s\": its worker cannot boot: %.*s (retrying with backoff, "
			         "%u ms to %u ms; its jobs fail at once meanwhile)",
			         pool->config.name, boot_error ? (int)strcspn(boot_error, "\n") : 13,
			         boot_error ? boot_error : "out of memory", BOOT_BACKOFF_MIN_MS,
			         BOOT_BACKOFF_MAX_MS);
			php_log_err(message);
		}
		leader = !atomic_exchange(&pool->failing_queue, true);
		for (unsigned slept = 0; slept < backoff_ms && !pogo_queue_stopping(&pool->queue);
		     slept += leader ? 10 : 100) {
			if (leader) {
				fail_queued_jobs(thread, boot_error ? boot_error : "out of memory");
			}
			sleep_ms(leader ? 10 : 100);
		}
		if (leader) {
			atomic_store(&pool->failing_queue, false);
		}
		free(boot_error);
		backoff_ms = MIN(backoff_ms * 2, BOOT_BACKOFF_MAX_MS);
	}
	free(POGO_G(boot_error));
	POGO_G(boot_error) = NULL;
}
