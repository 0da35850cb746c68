/*
 * Pogo: a request's side of jobs: pogo_dispatch(), pogo_pool_size(), and the
 * request's table of the jobs it has not awaited.
 *
 * pogo_dispatch() encodes a job in the calling thread and queues it on a
 * pool. The jobs a request has not awaited yet are kept in its own table
 * (POGO_G(jobs)) and given up at request end; await.c waits for them and
 * outcome.c turns what they ended with into results or exceptions.
 * Everything here runs in the request's own thread.
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
#include "value_codec.h"
#include "pool.h"

static void request_job_dtor(zval *zv)
{
	pogo_request_job *entry = Z_PTR_P(zv);

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

/* Throws the exception that err's code maps to, with its message. */
static void throw_error(const pogo_error *err)
{
	zend_throw_exception(exception_class(err->code), err->message, 0);
}

pogo_pool *pogo_usable_pool(zend_string *name, bool configured)
{
	POGO_ERROR_DECLARE(err);
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
	if (configured && pool->config.invalid) {
		zend_throw_exception_ex(pogo_ce_PoolException, 0, "pool \"%s\" is misconfigured: %s",
		                        pool->config.name, pool->config.invalid);
		return NULL;
	}
	return pool;
}

/*
 * The bytes a request holds in Pogo's buffers (its jobs' arguments, and the
 * results of those that finished and are not awaited yet) count toward its
 * memory_limit: a dispatch that would pass it fails.
 */
static zend_result over_memory_limit(pogo_pool *pool, zend_string *class_name, size_t payload_len)
{
	size_t held, php;
	char limit[32];

	if (!POGO_G(budget) && !(POGO_G(budget) = pogo_budget_create())) {
		zend_throw_exception_ex(pogo_ce_PoolException, 0, "pool \"%s\": out of memory for a job",
		                        pool->config.name);
		return FAILURE;
	}
	held = pogo_budget_bytes(POGO_G(budget));
	php = zend_memory_usage(0);
	if (PG(memory_limit) <= 0 || php + held + payload_len <= (size_t)PG(memory_limit)) {
		return SUCCESS;
	}
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
	POGO_ERROR_DECLARE(err);
	pogo_pool *pool;
	pogo_job *job;
	pogo_request_job *entry;
	char first[POGO_JOB_SMALL];
	pogo_value_out payload = {.first = first, .first_cap = sizeof(first)};

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
	pool = pogo_usable_pool(pool_name, true);
	if (!pool) {
		RETURN_THROWS();
	}
	if (!args) {
		array_init(&empty_args);
		args = &empty_args;
	}
	if (pogo_value_encode_payload(class_name, args, &payload, &err) == FAILURE) {
		if (args == &empty_args) {
			zval_ptr_dtor(&empty_args);
		}
		if (!EG(exception)) {
			if (err.code == POGO_ERR_ARG) {
				zend_argument_value_error(err.arg, "must be JSON-compatible: %s", err.message);
			} else {
				throw_error(&err);
			}
		}
		RETURN_THROWS();
	}
	if (args == &empty_args) {
		zval_ptr_dtor(&empty_args);
	}
	if (over_memory_limit(pool, class_name, payload.len) == FAILURE) {
		pogo_value_out_free(&payload);
		RETURN_THROWS();
	}
	/* max_wait counts from now: the job is queued right after. */
	job = payload.heap
	          ? pogo_job_create_take(payload.data, payload.len, pool->config.max_wait_ms * 1000000)
	          : pogo_job_create_copy(payload.data, payload.len, pool->config.max_wait_ms * 1000000);
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
	entry->set_slot = 0;
	zend_hash_index_add_new_ptr(POGO_G(jobs), job->handle, entry);
	RETURN_LONG((zend_long)job->handle);
}

pogo_request_job *pogo_request_job_find(zend_ulong handle)
{
	return POGO_G(jobs) ? zend_hash_index_find_ptr(POGO_G(jobs), handle) : NULL;
}

void pogo_request_job_use_up(zend_ulong handle, pogo_request_job *entry)
{
	pogo_job_release(entry->job); /* the awaiter's reference */
	entry->job = NULL;
	zend_hash_index_del(POGO_G(jobs), handle);
}

PHP_FUNCTION(pogo_pool_size)
{
	zend_string *pool_name = NULL;
	pogo_pool *pool;

	ZEND_PARSE_PARAMETERS_START(0, 1)
	Z_PARAM_OPTIONAL
	Z_PARAM_STR(pool_name)
	ZEND_PARSE_PARAMETERS_END();

	pool = pogo_usable_pool(pool_name, true);
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
	pogo_job_cache_drain(); /* the request's jobs that this thread freed and kept */
}

void pogo_request_jobs_forget_after_fork(void)
{
	if (POGO_G(jobs)) {
		pogo_request_job *entry;

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
