/*
 * Pogo: waiting for jobs: pogo_await() for one handle, and the one
 * interruptible wait that await_set.c's pogo_await_all(), pogo_await_any()
 * and pogo_settle() share with it.
 *
 * DESIGN
 *
 * One path. Every wait runs pogo_await_interruptible(): it waits in slices of at
 * most AWAIT_SLICE_NS and, between slices, lets PHP act on what interrupted
 * the request: its max_execution_time (a fatal error, as in a script) and
 * pending pcntl signals (their handlers run here). A slice of pogo_await()
 * is pogo_job_wait() on its job (spin, then sleep on the job's condition);
 * a slice of a set is pogo_waiter_wait() on a waiter that every unfinished
 * job of the set wakes once enough of them are done (job_waiter.c), plus
 * the max_wait expiry of the set's queued jobs when one is due. Nothing
 * polls the jobs one by one.
 *
 * PHP code while waiting. A signal handler may await, dispatch or throw, and
 * the time limit's fatal error unwinds past the wait with longjmp. So before
 * any of these the set's jobs are unwatched (the waiter lives on this C
 * stack); before the fatal error, also the pool's count of its own threads
 * awaiting it is given back (a signal handler runs with it held, and the
 * caller gives it back after the wait); and
 * each entry keeps its `awaiting` mark, which makes a nested wait for the
 * same handle fail with a clear error instead of taking its job away.
 *
 * States. A set is checked whole before anything waits (types, duplicates,
 * handles this request may await); a bad set changes nothing. Which handles
 * are used up after each outcome is docs/api.md's table.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>

#include "php.h"
#include "zend_exceptions.h"

#include "php_pogo.h"
#include "await.h"
#include "dispatch.h"
#include "job_queue.h"
#include "outcome.h"
#include "pool.h"

/* How long an await sleeps at most before it looks for signals and timeouts. */
#define AWAIT_SLICE_NS (20 * 1000000)

zend_result pogo_await_timeout_check(double timeout, unsigned arg)
{
	if (zend_isnan(timeout) || timeout < 0) {
		zend_argument_value_error(arg, "must be a number of seconds, 0 or more (or INF), %s given",
		                          zend_isnan(timeout) ? "NAN" : "a negative number");
		return FAILURE;
	}
	return SUCCESS;
}

zend_result pogo_await_deadline(double timeout, unsigned arg, int64_t *deadline)
{
	if (pogo_await_timeout_check(timeout, arg) == FAILURE) {
		return FAILURE;
	}
	if (zend_isinf(timeout) || timeout > 1e9) {
		*deadline = 0; /* no limit */
	} else {
		*deadline = pogo_now_ns() + (int64_t)(timeout * 1e9);
		if (*deadline == 0) {
			*deadline = 1;
		}
	}
	return SUCCESS;
}

/* Gives back the pool's count of its own threads awaiting it, if taken. */
void pogo_await_own_end(pogo_await_wait *wait)
{
	if (wait->own_pool) {
		pogo_pool_own_await_end(wait->own_pool);
		wait->own_pool = NULL;
	}
}

zend_result pogo_await_interruptible(pogo_await_wait *wait, int64_t deadline, bool *done)
{
	for (;;) {
		int64_t slice = pogo_now_ns() + AWAIT_SLICE_NS;
		bool last = deadline && deadline <= slice;

		if (wait->slice(wait, last ? deadline : slice)) {
			*done = true;
			return SUCCESS;
		}
		if (zend_atomic_bool_exchange_ex(&EG(vm_interrupt), false)) {
			if (wait->pause) {
				wait->pause(wait);
			}
			if (zend_atomic_bool_load_ex(&EG(timed_out))) {
				pogo_await_own_end(wait);
				zend_timeout(); /* does not return */
			} else if (zend_interrupt_function) {
				zend_interrupt_function(EG(current_execute_data));
				if (EG(exception)) {
					return FAILURE;
				}
			}
			if (wait->resume) {
				wait->resume(wait);
			}
		}
		if (last) {
			*done = false;
			return SUCCESS;
		}
	}
}

void pogo_await_key_text(zend_ulong index, zend_string *key, char *buf, size_t size)
{
	if (key) {
		snprintf(buf, size, "\"%.*s\"", (int)MIN(ZSTR_LEN(key), 128), ZSTR_VAL(key));
	} else {
		snprintf(buf, size, ZEND_ULONG_FMT, index);
	}
}

pogo_request_job *pogo_await_entry(zend_long handle, const char *at)
{
	pogo_request_job *entry = pogo_request_job_find((zend_ulong)handle);

	if (!entry) {
		if (handle < 1 || (uint64_t)handle > pogo_last_handle()) {
			zend_throw_exception_ex(pogo_ce_PogoException, 0,
			                        "unknown handle " ZEND_LONG_FMT "%s: no job has this handle",
			                        handle, at);
		} else {
			zend_throw_exception_ex(pogo_ce_PogoException, 0,
			                        "handle " ZEND_LONG_FMT "%s cannot be awaited here: it was "
			                        "already awaited, or another request dispatched it",
			                        handle, at);
		}
		return NULL;
	}
	if (entry->awaiting) {
		/* A signal handler or tick function that interrupted the wait for this handle. */
		zend_throw_exception_ex(pogo_ce_PogoException, 0,
		                        "handle " ZEND_LONG_FMT "%s is already being awaited: it was "
		                        "re-entered (from a signal handler?)",
		                        handle, at);
		return NULL;
	}
	return entry;
}

void pogo_await_deadlock(zend_long handle, pogo_request_job *entry)
{
	zend_throw_exception_ex(
	    pogo_ce_PoolException, 0,
	    "deadlock: job " ZEND_LONG_FMT " (%s) waits on pool \"%s\", and every thread of that pool "
	    "is a job awaiting a job of the same pool, so none is left to run it; dispatch nested "
	    "jobs to another pool",
	    handle, ZSTR_VAL(entry->class_name), entry->pool->config.name);
}

/* pogo_await()'s wait: one job. */
typedef struct one_wait {
	pogo_await_wait base;
	pogo_job *job;
} one_wait;

static bool one_slice(pogo_await_wait *wait, int64_t until)
{
	return pogo_job_wait(((one_wait *)wait)->job, until) == POGO_JOB_DONE;
}

/*
 * pogo_await()'s wait for a job that had not finished when it looked: the
 * deadline, the deadlock check of a job awaiting its own pool, then the
 * wait. Throws (and fails) on a timeout, a deadlock or a signal handler's
 * exception.
 */
static zend_result await_unfinished(zend_long handle, pogo_request_job *entry, double timeout)
{
	one_wait wait = {{one_slice, NULL, NULL, NULL}, entry->job};
	zend_result waited;
	int64_t deadline;
	bool done;

	if (pogo_await_deadline(timeout, 2, &deadline) == FAILURE) {
		return FAILURE;
	}
	/* A job awaiting (not polling) a job of its own pool. */
	if (POGO_G(worker_pool) == entry->pool && timeout > 0) {
		if (!pogo_pool_own_await_begin(entry->pool)) {
			wait.base.own_pool = entry->pool;
		} else if (pogo_job_wait(wait.job, pogo_now_ns()) != POGO_JOB_DONE) {
			/* Not counted: every thread of the pool awaits, this one too. */
			pogo_await_deadlock(handle, entry);
			return FAILURE;
		}
	}
	entry->awaiting = true;
	waited = pogo_await_interruptible(&wait.base, deadline, &done);
	entry->awaiting = false; /* entries are not moved or freed while awaited */
	pogo_await_own_end(&wait.base);
	if (waited == FAILURE) {
		return FAILURE; /* a signal handler threw */
	}
	if (!done) {
		zend_throw_exception_ex(pogo_ce_TimeoutException, 0,
		                        "job " ZEND_LONG_FMT " (%s) on pool \"%s\" did not finish within "
		                        "%g s; it keeps running and can be awaited again",
		                        handle, ZSTR_VAL(entry->class_name), entry->pool->config.name,
		                        timeout);
		return FAILURE;
	}
	return SUCCESS;
}

PHP_FUNCTION(pogo_await)
{
	zend_long handle;
	double timeout = 5.0;
	pogo_request_job *entry;

	ZEND_PARSE_PARAMETERS_START(1, 2)
	Z_PARAM_LONG(handle)
	Z_PARAM_OPTIONAL
	Z_PARAM_DOUBLE(timeout)
	ZEND_PARSE_PARAMETERS_END();

	if (pogo_await_timeout_check(timeout, 2) == FAILURE) {
		RETURN_THROWS();
	}
	entry = pogo_await_entry(handle, "");
	if (!entry) {
		RETURN_THROWS();
	}
	/* A finished job needs no deadline and no wait (a batch's awaits, mostly). */
	if (!pogo_job_done(entry->job) && await_unfinished(handle, entry, timeout) == FAILURE) {
		RETURN_THROWS();
	}
	pogo_outcome_read(entry, return_value);
	pogo_request_job_use_up((zend_ulong)handle, entry);
}
