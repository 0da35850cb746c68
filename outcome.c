/*
 * Pogo: turns what a finished job ended with (its envelope, or why it has
 * none) into the value pogo_await() returns or the exception it throws.
 * Runs in the request's thread, on a DONE job, whose outcome nobody writes
 * any more.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"

#include "php_pogo.h"
#include "json_codec.h"
#include "value_codec.h"
#include "outcome.h"

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

void pogo_outcome_read(pogo_request_job *entry, zval *return_value)
{
	pogo_job_outcome outcome = entry->job->outcome;
	const char *result = entry->job->result;
	size_t result_len = entry->job->result_len;
	pogo_envelope env;
	POGO_ERROR_DECLARE(err);
	const char *pool = entry->pool->config.name;
	const char *class_name = ZSTR_VAL(entry->class_name);
	uint64_t handle = entry->job->handle;
	char wait[32];

	switch (outcome) {
	case POGO_OUTCOME_VALUE:
		if (pogo_value_decode(result, result_len, return_value, &err) == FAILURE) {
			zend_throw_exception_ex(pogo_ce_WorkerException, 0,
			                        "pool \"%s\": the result of job %" PRIu64
			                        " (%s) is unreadable: %s",
			                        pool, handle, class_name, err.message);
		}
		return;
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

zend_object *pogo_outcome_catch(pogo_request_job *entry, zval *return_value)
{
	zend_object *ex;

	pogo_outcome_read(entry, return_value);
	if (!EG(exception)) {
		return NULL;
	}
	ex = EG(exception);
	GC_ADDREF(ex);
	zend_clear_exception();
	return ex;
}

zend_object *pogo_timeout_exception(const char *message)
{
	zval ex, text;

	object_init_ex(&ex, pogo_ce_TimeoutException);
	ZVAL_STRING(&text, message);
	zend_update_property_ex(zend_ce_exception, Z_OBJ(ex), ZSTR_KNOWN(ZEND_STR_MESSAGE), &text);
	zval_ptr_dtor(&text);
	return Z_OBJ(ex);
}
