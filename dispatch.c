/*
 * Pogo: a request's side of jobs: pogo_dispatch(), pogo_await(),
 * pogo_pool_size(), and the request's table of the jobs it has not awaited.
 *
 * pogo_dispatch() encodes a job in the calling thread and queues it on a
 * pool; pogo_await() waits for its envelope and turns it into the result or
 * the right exception. The jobs a request has not awaited yet are kept in
 * its own table (POGO_G(jobs)) and given up at request end. Everything here
 * runs in the request's own thread.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>

#include "php.h"
#include "zend_exceptions.h"

#include "php_pogo.h"
#include "dispatch.h"
#include "job_queue.h"
#include "json_codec.h"
#include "pool.h"

/* One entry of POGO_G(jobs): what the request knows of a job it dispatched. */
typedef struct request_job {
	pogo_job *job;
	pogo_pool *pool;
	zend_string *class_name;
	bool awaiting; /* a pogo_await() of this handle is waiting (it may be re-entered) */
} request_job;

static void request_job_dtor(zval *zv)
{
	request_job *entry = Z_PTR_P(zv);

	if (entry->job) {
		/* Removed before being awaited (request end): nobody will await it. */
		pogo_job_abandon(entry->job);
	}
	zend_string_release(entry->class_name);
	efree(entry);
}

static zend_class_entry *exception_class(pogo_error_code code)
{
	switch (code) {
	case POGO_ERR_POOL:
	case POGO_ERR_CONFIG:
	case POGO_ERR_NOMEM:
		return pogo_ce_PoolException;
	case POGO_ERR_WORKER:
		return pogo_ce_WorkerException;
	default:
		return pogo_ce_PogoException;
	}
}

static void throw_error(const pogo_error *err)
{
	zend_throw_exception(exception_class(err->code), err->message, 0);
}

/* The pool called name (NULL: "default"), or NULL with the right exception thrown. */
static pogo_pool *usable_pool(zend_string *name)
{
	pogo_error err = {0};
	pogo_pool *pool;
	const char *text = name ? ZSTR_VAL(name) : POGO_DEFAULT_POOL;
	size_t len = name ? ZSTR_LEN(name) : strlen(POGO_DEFAULT_POOL);

#ifndef ZTS
	zend_throw_exception(pogo_ce_PoolException, POGO_NTS_MESSAGE, 0);
	return NULL;
#endif
	pool = pogo_pool_find(text, len, &err);
	if (!pool) {
		throw_error(&err);
		return NULL;
	}
	if (pool->config.invalid) {
		zend_throw_exception_ex(pogo_ce_PoolException, 0, "pool \"%s\" is misconfigured: %s",
		                        pool->config.name, pool->config.invalid);
		return NULL;
	}
	return pool;
}

/*
 * The bytes a request holds in Pogo's buffers (its jobs' arguments, and the
 * results of those that finished and are not awaited yet) count toward its
 * memory_limit: a dispatch that would pass it fails (payload is freed then).
 */
static zend_result over_memory_limit(pogo_pool *pool, zend_string *class_name, char *payload,
                                     size_t payload_len)
{
	size_t held, php;
	char limit[32];

	if (!POGO_G(budget) && !(POGO_G(budget) = pogo_budget_create())) {
		free(payload);
		zend_throw_exception_ex(pogo_ce_PoolException, 0, "pool \"%s\": out of memory for a job",
		                        pool->config.name);
		return FAILURE;
	}
	held = pogo_budget_bytes(POGO_G(budget));
	php = zend_memory_usage(0);
	if (PG(memory_limit) <= 0 || php + held + payload_len <= (size_t)PG(memory_limit)) {
		return SUCCESS;
	}
	free(payload);
	snprintf(limit, sizeof(limit), ZEND_LONG_FMT, PG(memory_limit));
	zend_throw_exception_ex(
	    pogo_ce_PoolException, 0,
	    "pool \"%s\": job %s was not dispatched: with its %zu bytes of arguments, this request "
	    "would hold %zu bytes (%zu of PHP memory, %zu in Pogo's buffers: arguments of its jobs "
	    "and results not awaited yet), more than its memory_limit of %s bytes; await some of "
	    "its jobs first",
	    pool->config.name, ZSTR_VAL(class_name), payload_len, php + held + payload_len, php, held,
	    limit);
	return FAILURE;
}

PHP_FUNCTION(pogo_dispatch)
{
	zend_string *class_name, *pool_name = NULL;
	zval *args = NULL, empty_args;
	pogo_error err = {0};
	pogo_pool *pool;
	pogo_job *job;
	request_job *entry;
	char *payload;
	size_t payload_len = 0;

	ZEND_PARSE_PARAMETERS_START(1, 3)
	Z_PARAM_STR(class_name)
	Z_PARAM_OPTIONAL
	Z_PARAM_ARRAY(args)
	Z_PARAM_STR(pool_name)
	ZEND_PARSE_PARAMETERS_END();

	if (ZSTR_LEN(class_name) == 0) {
		zend_argument_value_error(1, "must be the name of a class implementing Pogo\\JobInterface");
		RETURN_THROWS();
	}
	if (memchr(ZSTR_VAL(class_name), '\0', ZSTR_LEN(class_name))) {
		zend_argument_value_error(1, "must not contain any null bytes");
		RETURN_THROWS();
	}
	pool = usable_pool(pool_name);
	if (!pool) {
		RETURN_THROWS();
	}
	if (!args) {
		array_init(&empty_args);
		args = &empty_args;
	}
	payload = pogo_json_encode_payload(class_name, args, &payload_len, &err);
	if (args == &empty_args) {
		zval_ptr_dtor(&empty_args);
	}
	if (!payload) {
		if (!EG(exception)) {
			if (err.code == POGO_ERR_ARG) {
				zend_argument_value_error(err.arg, "must be JSON-compatible: %s", err.message);
			} else {
				throw_error(&err);
			}
		}
		RETURN_THROWS();
	}
	if (over_memory_limit(pool, class_name, payload, payload_len) == FAILURE) {
		RETURN_THROWS();
	}
	/* max_wait counts from now: the job is queued right after. */
	job = pogo_job_create_take(payload, payload_len, pool->config.max_wait_ms * 1000000);
	if (!job) {
		zend_throw_exception_ex(pogo_ce_PoolException, 0, "pool \"%s\": out of memory for a job",
		                        pool->config.name);
		RETURN_THROWS();
	}
	pogo_job_charge(job, POGO_G(budget));
	if (pogo_pool_submit(pool, job, &err) == FAILURE) {
		pogo_job_release(job); /* the queue's reference */
		pogo_job_release(job); /* ours */
		throw_error(&err);
		RETURN_THROWS();
	}
	if (!POGO_G(jobs)) {
		ALLOC_HASHTABLE(POGO_G(jobs));
		zend_hash_init(POGO_G(jobs), 8, NULL, request_job_dtor, 0);
	}
	entry = emalloc(sizeof(*entry));
	entry->job = job;
	entry->pool = pool;
	entry->class_name = zend_string_copy(class_name);
	entry->awaiting = false;
	zend_hash_index_add_new_ptr(POGO_G(jobs), job->handle, entry);
	RETURN_LONG((zend_long)job->handle);
}

static void throw_job_exception(pogo_envelope *env)
{
	zval ex, tmp;
	zend_object *obj;

	object_init_ex(&ex, pogo_ce_JobException);
	obj = Z_OBJ(ex);
	ZVAL_STR_COPY(&tmp, env->error);
	zend_update_property_ex(zend_ce_exception, obj, ZSTR_KNOWN(ZEND_STR_MESSAGE), &tmp);
	zval_ptr_dtor(&tmp);
	ZVAL_LONG(&tmp, env->ex_code);
	zend_update_property_ex(zend_ce_exception, obj, ZSTR_KNOWN(ZEND_STR_CODE), &tmp);
	ZVAL_STR(&tmp, env->ex_class ? env->ex_class : ZSTR_EMPTY_ALLOC());
	zend_update_property_string(pogo_ce_JobException, obj, ZEND_STRL("remoteClass"), Z_STRVAL(tmp));
	if (env->ex_remote_code) {
		zend_update_property_str(pogo_ce_JobException, obj, ZEND_STRL("remoteCode"),
		                         env->ex_remote_code);
	} else {
		zend_update_property_long(pogo_ce_JobException, obj, ZEND_STRL("remoteCode"), env->ex_code);
	}
	zend_update_property_string(pogo_ce_JobException, obj, ZEND_STRL("remoteFile"),
	                            env->ex_file ? ZSTR_VAL(env->ex_file) : "");
	zend_update_property_long(pogo_ce_JobException, obj, ZEND_STRL("remoteLine"), env->ex_line);
	zend_update_property_string(pogo_ce_JobException, obj, ZEND_STRL("remoteTrace"),
	                            env->ex_trace ? ZSTR_VAL(env->ex_trace) : "");
	zend_throw_exception_object(&ex);
}

/* Turns a finished job's outcome into the return value or an exception. */
static void job_outcome(request_job *entry, pogo_job_outcome outcome, const char *result,
                        size_t result_len, zval *return_value)
{
	pogo_envelope env;
	pogo_error err = {0};
	const char *pool = entry->pool->config.name;
	const char *class_name = ZSTR_VAL(entry->class_name);
	uint64_t handle = entry->job->handle;
	char wait[32];

	switch (outcome) {
	case POGO_OUTCOME_ENVELOPE:
		if (pogo_json_decode_envelope(result, result_len, &env, &err) == FAILURE) {
			zend_throw_exception_ex(pogo_ce_WorkerException, 0,
			                        "pool \"%s\": the worker answered job %" PRIu64
			                        " (%s) with an invalid envelope: %s",
			                        pool, handle, class_name, err.message);
			return;
		}
		if (env.ok) {
			ZVAL_COPY(return_value, &env.result);
		} else {
			throw_job_exception(&env);
		}
		pogo_envelope_dtor(&env);
		return;
	case POGO_OUTCOME_WORKER_ERROR:
		zend_throw_exception_ex(pogo_ce_WorkerException, 0,
		                        "pool \"%s\": the worker running job %" PRIu64 " (%s) failed: %s",
		                        pool, handle, class_name, result ? result : "unknown cause");
		return;
	case POGO_OUTCOME_EXPIRED:
		pogo_format_duration(entry->pool->config.max_wait_ms, wait, sizeof(wait));
		zend_throw_exception_ex(pogo_ce_PoolException, 0,
		                        "pool \"%s\": job %" PRIu64
		                        " (%s) waited longer than max_wait (%s) for a free worker and "
		                        "was not run",
		                        pool, handle, class_name, wait);
		return;
	default:
		zend_throw_exception_ex(pogo_ce_PoolException, 0,
		                        "pool \"%s\" could not run job %" PRIu64 " (%s): %s", pool, handle,
		                        class_name, result ? result : "unknown cause");
		return;
	}
}

/* How long an await sleeps at most before it looks for signals and timeouts. */
#define AWAIT_SLICE_NS (20 * 1000000)

/*
 * Waits like pogo_job_wait(), but wakes up every AWAIT_SLICE_NS to let PHP
 * handle what interrupted the request meanwhile: its max_execution_time
 * (fatal, as usual) and pending pcntl signals (their handlers run here).
 * Sets *state to the job's state as pogo_job_wait() saw it under the job's
 * lock (DONE: its outcome is complete). Fails only when a handler threw.
 */
static zend_result wait_interruptible(pogo_job *job, int64_t deadline, pogo_job_state *state)
{
	for (;;) {
		int64_t slice = pogo_now_ns() + AWAIT_SLICE_NS;
		bool last = deadline && deadline <= slice;

		*state = pogo_job_wait(job, last ? deadline : slice);
		if (*state == POGO_JOB_DONE) {
			return SUCCESS;
		}
		if (zend_atomic_bool_exchange_ex(&EG(vm_interrupt), false)) {
			if (zend_atomic_bool_load_ex(&EG(timed_out))) {
				zend_timeout();
			} else if (zend_interrupt_function) {
				zend_interrupt_function(EG(current_execute_data));
				if (EG(exception)) {
					return FAILURE;
				}
			}
		}
		if (last) {
			return SUCCESS;
		}
	}
}

/* The request's entry for handle, if this request may await it now; else throws and NULL. */
static request_job *awaitable_entry(zend_long handle)
{
	request_job *entry =
	    POGO_G(jobs) ? zend_hash_index_find_ptr(POGO_G(jobs), (zend_ulong)handle) : NULL;

	if (!entry) {
		if (handle < 1 || (uint64_t)handle > pogo_last_handle()) {
			zend_throw_exception_ex(pogo_ce_PogoException, 0,
			                        "unknown handle " ZEND_LONG_FMT ": no job has this handle",
			                        handle);
		} else {
			zend_throw_exception_ex(pogo_ce_PogoException, 0,
			                        "handle " ZEND_LONG_FMT " cannot be awaited here: it was "
			                        "already awaited, or another request dispatched it",
			                        handle);
		}
		return NULL;
	}
	if (entry->awaiting) {
		/* A signal handler or tick function that interrupted the wait for this handle. */
		zend_throw_exception_ex(pogo_ce_PogoException, 0,
		                        "handle " ZEND_LONG_FMT " is already being awaited: pogo_await() "
		                        "was re-entered for it (from a signal handler?)",
		                        handle);
		return NULL;
	}
	return entry;
}

PHP_FUNCTION(pogo_await)
{
	zend_long handle;
	double timeout = 5.0;
	request_job *entry;
	pogo_job *job;
	pogo_job_state state;
	zend_result waited;
	int64_t deadline;
	bool own;

	ZEND_PARSE_PARAMETERS_START(1, 2)
	Z_PARAM_LONG(handle)
	Z_PARAM_OPTIONAL
	Z_PARAM_DOUBLE(timeout)
	ZEND_PARSE_PARAMETERS_END();

	if (zend_isnan(timeout) || timeout < 0) {
		zend_argument_value_error(2, "must be a number of seconds, 0 or more (or INF), %s given",
		                          zend_isnan(timeout) ? "NAN" : "a negative number");
		RETURN_THROWS();
	}
	entry = awaitable_entry(handle);
	if (!entry) {
		RETURN_THROWS();
	}
	job = entry->job;
	if (zend_isinf(timeout) || timeout > 1e9) {
		deadline = 0; /* no limit */
	} else {
		deadline = pogo_now_ns() + (int64_t)(timeout * 1e9);
		if (deadline == 0) {
			deadline = 1;
		}
	}
	/* A job awaiting (not polling) a job of its own pool. */
	own = POGO_G(worker_pool) == entry->pool && timeout > 0;
	if (own && pogo_pool_own_await_begin(entry->pool)) {
		own = false; /* not counted: every thread of the pool awaits, this one too */
		if (pogo_job_wait(job, pogo_now_ns()) != POGO_JOB_DONE) {
			zend_throw_exception_ex(
			    pogo_ce_PoolException, 0,
			    "deadlock: job " ZEND_LONG_FMT " (%s) waits on pool \"%s\", and every thread of "
			    "that pool is a job awaiting a job of the same pool, so none is left to run it; "
			    "dispatch nested jobs to another pool",
			    handle, ZSTR_VAL(entry->class_name), entry->pool->config.name);
			RETURN_THROWS();
		}
	}
	entry->awaiting = true;
	waited = wait_interruptible(job, deadline, &state);
	entry->awaiting = false; /* entries are not moved or freed while awaited */
	if (own) {
		pogo_pool_own_await_end(entry->pool);
	}
	if (waited == FAILURE) {
		RETURN_THROWS(); /* a signal handler threw */
	}
	if (state != POGO_JOB_DONE) {
		zend_throw_exception_ex(pogo_ce_TimeoutException, 0,
		                        "job " ZEND_LONG_FMT " (%s) on pool \"%s\" did not finish within "
		                        "%g s; it keeps running and can be awaited again",
		                        handle, ZSTR_VAL(entry->class_name), entry->pool->config.name,
		                        timeout);
		RETURN_THROWS();
	}
	/* Done: the outcome is no longer written by anyone. */
	job_outcome(entry, job->outcome, job->result, job->result_len, return_value);
	pogo_job_release(job); /* the awaiter's reference: the handle is used up */
	entry->job = NULL;
	zend_hash_index_del(POGO_G(jobs), (zend_ulong)handle);
}

PHP_FUNCTION(pogo_pool_size)
{
	zend_string *pool_name = NULL;
	pogo_pool *pool;

	ZEND_PARSE_PARAMETERS_START(0, 1)
	Z_PARAM_OPTIONAL
	Z_PARAM_STR(pool_name)
	ZEND_PARSE_PARAMETERS_END();

	pool = usable_pool(pool_name);
	if (!pool) {
		RETURN_THROWS();
	}
	RETURN_LONG((zend_long)pool->config.num_threads);
}

/* Gives up every job the request did not await: see request_job_dtor(). */
void pogo_request_jobs_release(void)
{
	if (POGO_G(jobs)) {
		zend_hash_destroy(POGO_G(jobs));
		FREE_HASHTABLE(POGO_G(jobs));
		POGO_G(jobs) = NULL;
	}
	pogo_budget_release(POGO_G(budget)); /* its jobs hold their own references */
	POGO_G(budget) = NULL;
}

void pogo_request_jobs_forget_after_fork(void)
{
	if (POGO_G(jobs)) {
		request_job *entry;

		ZEND_HASH_FOREACH_PTR(POGO_G(jobs), entry)
		{
			/* The parent's: its copy here is freed, its lock never touched. */
			pogo_job_forget_after_fork(entry->job);
			entry->job = NULL;
		}
		ZEND_HASH_FOREACH_END();
		zend_hash_clean(POGO_G(jobs));
	}
	POGO_G(budget) = NULL; /* the parent's; its copy here is left alone */
}
