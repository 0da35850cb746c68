/*
 * Pogo: running one job in a worker thread.
 *
 * Every job, of the built-in worker or of a worker script's handler, takes
 * one path (run()): its payload (value_codec.h's binary form) is decoded
 * into the thread's request, the
 * pool's max_execution_time is armed, the job is called, the timer is
 * disarmed, what it threw is classified (job_threw(): an Exception is the
 * job's failure; exit() and an uncaught Error break the worker's request),
 * the job is completed with its envelope, and nothing it raised, armed or
 * dispatched is left for the next job. POGO_G(current_job) is the job this
 * thread runs; only this thread reads or writes it.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"

#include "php_pogo.h"
#include "job_runner.h"
#include "json_codec.h"
#include "value_codec.h"

static void (*job_end_hook)(void);

char *pogo_runner_last_error_text(const char *fallback)
{
	char text[1024];

	if (PG(last_error_message)) {
		snprintf(text, sizeof(text), "%s in %s on line %u", ZSTR_VAL(PG(last_error_message)),
		         PG(last_error_file) ? ZSTR_VAL(PG(last_error_file)) : "Unknown",
		         PG(last_error_lineno));
	} else {
		snprintf(text, sizeof(text), "%s", fallback);
	}
	return strdup(text);
}

/* Skips JSON whitespace in text[*at, len). */
static void skip_space(const char *text, size_t len, size_t *at)
{
	while (*at < len && strchr(" \t\r\n", text[*at]) && text[*at] != '\0') {
		(*at)++;
	}
}

/* Whether text[*at, len) continues with word (after whitespace); moves past it. */
static bool next_is(const char *text, size_t len, size_t *at, const char *word)
{
	size_t n = strlen(word);

	skip_space(text, len, at);
	if (len - *at < n || memcmp(text + *at, word, n) != 0) {
		return false;
	}
	*at += n;
	return true;
}

/*
 * How a job that ends with outcome and result counts in the pool's figures:
 * a value is a result, and so is an envelope whose first member is
 * "ok": true (a custom worker's JSON string); any other envelope a failure.
 */
static pogo_thread_stat job_stat(pogo_job_outcome outcome, const char *result, size_t len)
{
	size_t at = 0;

	if (outcome == POGO_OUTCOME_VALUE) {
		return POGO_STAT_COMPLETED;
	}
	if (outcome != POGO_OUTCOME_ENVELOPE) {
		return POGO_STAT_FAILED_WORKER;
	}
	return result && next_is(result, len, &at, "{") && next_is(result, len, &at, "\"ok\"") &&
	               next_is(result, len, &at, ":") && next_is(result, len, &at, "true")
	           ? POGO_STAT_COMPLETED
	           : POGO_STAT_FAILED_EXCEPTION;
}

/*
 * Takes the job this thread was running off it and counts how it ended;
 * returns it for completion, or NULL if there is none.
 */
static pogo_job *current_job_end(pogo_job_outcome outcome, const char *result, size_t len)
{
	pogo_job *job = POGO_G(current_job);

	if (job) {
		POGO_G(current_job) = NULL;
		POGO_G(jobs_run)++;
		if (POGO_G(worker_thread)) {
			pogo_thread_stat_add(&POGO_G(worker_thread)->stats, job_stat(outcome, result, len));
		}
	}
	return job;
}

/* Completes the job this thread was running, if any, with result (malloc'd, taken). */
static void complete_current_job_take(pogo_job_outcome outcome, char *result, size_t len)
{
	pogo_job *job = current_job_end(outcome, result, len);

	if (job) {
		pogo_job_complete_take(job, outcome, result, len);
	} else {
		free(result);
	}
}

/* Completes the job this thread was running, if any, with a copy of result. */
static void complete_current_job_copy(pogo_job_outcome outcome, const char *result, size_t len)
{
	pogo_job *job = current_job_end(outcome, result, len);

	if (job) {
		pogo_job_complete_copy(job, outcome, result, len);
	}
}

void pogo_runner_fail_current_take(char *text)
{
	complete_current_job_take(POGO_OUTCOME_WORKER_ERROR, text, text ? strlen(text) : 0);
}

void pogo_runner_fail_current(const char *fallback)
{
	if (POGO_G(current_job)) {
		pogo_runner_fail_current_take(pogo_runner_last_error_text(fallback));
	}
}

/*
 * What PHP would print for an uncaught Error (an engine error such as a call
 * to an undefined function: a fatal error since PHP 7), malloc'd.
 */
static char *uncaught_error_text(zend_object *ex)
{
	zval tmp, *message, *file, *line;
	zend_string *message_str, *file_str;
	char text[1024];

	message = zend_read_property_ex(zend_ce_error, ex, ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &tmp);
	message_str = zval_get_string(message);
	file = zend_read_property_ex(zend_ce_error, ex, ZSTR_KNOWN(ZEND_STR_FILE), 1, &tmp);
	file_str = zval_get_string(file);
	line = zend_read_property_ex(zend_ce_error, ex, ZSTR_KNOWN(ZEND_STR_LINE), 1, &tmp);
	snprintf(text, sizeof(text), "Uncaught %s: %s in %s:" ZEND_LONG_FMT, ZSTR_VAL(ex->ce->name),
	         ZSTR_VAL(message_str), ZSTR_VAL(file_str), zval_get_long(line));
	zend_string_release(message_str);
	zend_string_release(file_str);
	return strdup(text);
}

/*
 * Classifies what a job threw (EG(exception)). An Exception is the job's own
 * failure: returns its error envelope (malloc'd) and clears it. exit() and
 * an uncaught Error break the worker: returns NULL with *fatal set to the
 * cause (malloc'd); the exception is cleared, or left to unwind a worker
 * script when leave_fatal is set; either way the request must be rebooted.
 */
static char *job_threw(size_t *len, char **fatal, bool leave_fatal)
{
	zend_object *ex = EG(exception);
	char *envelope;

	if (zend_is_unwind_exit(ex) || instanceof_function(ex->ce, zend_ce_error)) {
		*fatal =
		    zend_is_unwind_exit(ex) ? strdup("the job called exit()") : uncaught_error_text(ex);
		if (!leave_fatal) {
			zend_clear_exception();
		}
		return NULL;
	}
	GC_ADDREF(ex);
	zend_clear_exception();
	envelope = pogo_json_exception_envelope(ex, len);
	OBJ_RELEASE(ex); /* its destructor may throw: job_end() drops that */
	return envelope;
}

/*
 * What a job's call answers: its value, in run()'s stack buffer while it fits
 * (out.first), or an envelope (malloc'd). out.data NULL: no answer.
 */
typedef struct answer {
	pogo_value_out out;
	bool is_value; /* the return value in value_codec.h's form; else a JSON envelope */
} answer;

/* Sets a malloc'd envelope text (NULL: out of memory) as the answer; returns true. */
static bool answer_envelope(answer *a, char *text, size_t len)
{
	a->is_value = false;
	pogo_value_out_take(&a->out, text, len);
	return true;
}

/* A job as decoded in this thread: released after its call. */
typedef struct job_input {
	const char *class_name; /* class_len bytes in the job's payload */
	size_t class_len;
	zend_string *class_str; /* the same as a string, once one is needed (input_class()) */
	zval args;
} job_input;

/* The job's class name as a string, made the first time it is needed. */
static zend_string *input_class(job_input *in)
{
	if (!in->class_str) {
		in->class_str = zend_string_init(in->class_name, in->class_len, 0);
	}
	return in->class_str;
}

/*
 * The class the built-in worker ran last in this thread, checked, with its
 * handle(): the next job of the same class skips the lookup (a lowercased
 * copy of the name and a hash search) and the checks. Forgotten when the
 * worker's request ends (pogo_runner_forget_classes()): its classes end
 * with it. Names longer than the buffer are never kept.
 */
static _Thread_local struct {
	char name[128];
	size_t len; /* 0: nothing kept */
	zend_class_entry *ce;
	zend_function *handle;
} last_class;

void pogo_runner_forget_classes(void)
{
	last_class.len = 0;
	last_class.ce = NULL;
	last_class.handle = NULL;
}

/* The kept class if it is the job's, else NULL. */
static zend_class_entry *kept_class(job_input *in, zend_function **handle)
{
	if (last_class.len == 0 || last_class.len != in->class_len ||
	    memcmp(last_class.name, in->class_name, in->class_len) != 0) {
		return NULL;
	}
	*handle = last_class.handle;
	return last_class.ce;
}

static bool job_error(answer *out, const char *fmt, const char *class_name)
{
	char message[512];
	size_t len = 0;
	char *text;

	snprintf(message, sizeof(message), fmt, class_name);
	text = pogo_json_error_envelope(message, &len);
	return answer_envelope(out, text, len);
}

/* The answer for what a job returned: its value, or the envelope saying why it cannot be one. */
static bool job_returned(answer *out, zval *result, const char *class_name)
{
	if (pogo_result_encode(result, class_name, &out->out, &out->is_value) == SUCCESS) {
		return true;
	}
	return !EG(exception); /* EG(exception): exit() or an Error in jsonSerialize() */
}

/*
 * The built-in worker's call: instantiates the payload's class and calls
 * handle(). Returns true with out filled, or false with EG(exception) set
 * (what the job threw) or with err filled.
 */
static bool call_builtin(job_input *in, answer *out, pogo_error *err, void *context)
{
	zend_function *handle = NULL;
	zend_class_entry *ce = kept_class(in, &handle);
	zval object, retval;
	bool answered;

	(void)err;
	(void)context;
	if (!ce) {
		ce = zend_lookup_class(input_class(in));
		if (!ce) {
			if (EG(exception)) {
				return false;
			}
			return job_error(out,
			                 "class \"%s\" not found in the worker: declare it in the pool's "
			                 "bootstrap or make it autoloadable there",
			                 ZSTR_VAL(input_class(in)));
		}
		if (!instanceof_function(ce, pogo_ce_JobInterface)) {
			return job_error(out, "class \"%s\" does not implement Pogo\\JobInterface",
			                 ZSTR_VAL(ce->name));
		}
		if (ce->ce_flags & (ZEND_ACC_INTERFACE | ZEND_ACC_TRAIT | ZEND_ACC_IMPLICIT_ABSTRACT_CLASS |
		                    ZEND_ACC_EXPLICIT_ABSTRACT_CLASS | ZEND_ACC_ENUM)) {
			return job_error(out, "class \"%s\" cannot be instantiated", ZSTR_VAL(ce->name));
		}
		if (ce->constructor && (ce->constructor->common.required_num_args > 0 ||
		                        !(ce->constructor->common.fn_flags & ZEND_ACC_PUBLIC))) {
			return job_error(out,
			                 "%s::__construct() must be public and take no required arguments: "
			                 "a job is created with none",
			                 ZSTR_VAL(ce->name));
		}
		handle = zend_hash_str_find_ptr(&ce->function_table, ZEND_STRL("handle"));
		if (in->class_len <= sizeof(last_class.name)) {
			memcpy(last_class.name, in->class_name, in->class_len);
			last_class.len = in->class_len;
			last_class.ce = ce;
			last_class.handle = handle;
		}
	}
	if (object_init_ex(&object, ce) == FAILURE) {
		return false;
	}
	if (ce->constructor) {
		zend_call_known_instance_method_with_0_params(ce->constructor, Z_OBJ(object), NULL);
		if (EG(exception)) {
			zval_ptr_dtor(&object);
			return false;
		}
	}
	ZVAL_UNDEF(&retval);
	zend_call_known_instance_method_with_1_params(handle, Z_OBJ(object), &retval, &in->args);
	zval_ptr_dtor(&object);
	if (EG(exception)) {
		zval_ptr_dtor(&retval);
		return false;
	}
	answered = job_returned(out, &retval, ZSTR_VAL(ce->name));
	zval_ptr_dtor(&retval);
	return answered;
}

/* Arms the pool's max_execution_time for the job about to run. */
static void job_begin(pogo_pool *pool)
{
	if (pool->config.max_execution_time > 0) {
		zend_set_timeout((zend_long)pool->config.max_execution_time, 0);
	}
}

/*
 * Stops the job's time limit: the pool's, or one the job set. A job can arm
 * one only through the max_execution_time directive (set_time_limit(),
 * ini_set()), which then is among the request's modified directives; with
 * neither, no timer runs and disarming (a timer_settime() system call) is
 * skipped.
 */
static void job_timer_end(pogo_pool *pool)
{
	bool armed = pool->config.max_execution_time > 0;

	if (EG(modified_ini_directives) &&
	    zend_hash_str_exists(EG(modified_ini_directives), ZEND_STRL("max_execution_time"))) {
		/* set_time_limit() or ini_set() in the job: the worker's value again, unarmed. */
		zend_string *name = zend_string_init(ZEND_STRL("max_execution_time"), 0);

		zend_restore_ini_entry(name, ZEND_INI_STAGE_DEACTIVATE);
		zend_string_release(name);
		armed = true;
	}
	if (armed) {
		zend_unset_timeout();
	}
}

/*
 * After a job completed: nothing it raised reaches the next one (an
 * exception thrown by a destructor after its envelope was made; a time limit
 * it armed ended in job_timer_end()), and the jobs it dispatched without
 * awaiting them are given up, as a request's are at its end.
 */
static void job_end(void)
{
	if (EG(exception)) {
		zend_clear_exception();
	}
	if (job_end_hook) {
		job_end_hook();
	}
}

/* Completes the job with what ran it: its answer, or why there is none. */
static void finish_job(answer *a, pogo_error *err)
{
	pogo_job_outcome outcome = a->is_value ? POGO_OUTCOME_VALUE : POGO_OUTCOME_ENVELOPE;

	if (a->out.data && a->out.heap) {
		complete_current_job_take(outcome, a->out.data, a->out.len);
	} else if (a->out.data) {
		complete_current_job_copy(outcome, a->out.data, a->out.len);
	} else {
		pogo_runner_fail_current_take(
		    strdup(err->message[0] ? err->message : "the worker produced no envelope"));
	}
}

/* How a job is called: true with out filled, or false with EG(exception) or err set. */
typedef bool (*job_call)(job_input *in, answer *out, pogo_error *err, void *context);

/*
 * The one path of every job: decode its payload, arm its time limit, call it,
 * disarm, classify what it threw, complete it, and drop what it left.
 * Returns false when the job broke the request (exit(), an uncaught Error, a
 * fatal error in an envelope), after failing the job with the cause.
 */
static bool run(pogo_pool *pool, pogo_job *job, job_call call, void *context, bool leave_fatal)
{
	POGO_ERROR_DECLARE(err);
	job_input in;
	char first[POGO_JOB_SMALL];
	answer out = {.out = {.first = first, .first_cap = sizeof(first)}};
	char *fatal = NULL;
	char *text;
	size_t len = 0;

	POGO_G(current_job) = job;
	in.class_str = NULL;
	if (pogo_value_decode_payload(job->payload, job->payload_len, &in.class_name, &in.class_len,
	                              &in.args, &err) == SUCCESS) {
		job_begin(pool);
		if (!call(&in, &out, &err, context)) {
			out.out.data = NULL;
		}
		job_timer_end(pool);
		zval_ptr_dtor(&in.args);
		if (in.class_str) {
			zend_string_release(in.class_str);
		}
		if (!out.out.data && EG(exception)) {
			text = job_threw(&len, &fatal, leave_fatal);
			if (text) {
				answer_envelope(&out, text, len);
			}
		}
	}
	if (fatal) {
		/* As it would end a script, it ends the worker's request. */
		pogo_runner_fail_current_take(fatal);
		return false;
	}
	finish_job(&out, &err);
	job_end();
	return true;
}

bool pogo_runner_run_builtin(pogo_pool *pool, pogo_job *job)
{
	return run(pool, job, call_builtin, NULL, false);
}

typedef struct handler_call {
	zend_fcall_info *fci;
	zend_fcall_info_cache *fcc;
} handler_call;

/*
 * A worker script's call: its handler gets ['class' => …, 'args' => …] and
 * returns ['ok' => true, 'result' => …] (checked by the built-in worker's
 * rules) or any envelope array it built itself, or its JSON string.
 */
static bool call_handler(job_input *in, answer *out, pogo_error *err, void *context)
{
	handler_call *handler = context;
	zval payload, retval, *returned = &retval, *ok, *result;
	char class_name[256];
	bool answered;

	snprintf(class_name, sizeof(class_name), "%s", ZSTR_VAL(input_class(in)));
	array_init_size(&payload, 2);
	add_assoc_str(&payload, "class", zend_string_copy(input_class(in)));
	Z_TRY_ADDREF(in->args);
	add_assoc_zval(&payload, "args", &in->args);
	ZVAL_UNDEF(&retval);
	handler->fci->retval = &retval;
	handler->fci->params = &payload;
	handler->fci->param_count = 1;
	handler->fci->named_params = NULL;
	zend_call_function(handler->fci, handler->fcc);
	zval_ptr_dtor(&payload);
	if (EG(exception)) {
		zval_ptr_dtor(&retval);
		return false;
	}
	ZVAL_DEREF(returned);
	if (Z_TYPE_P(returned) == IS_ARRAY &&
	    (ok = zend_hash_str_find(Z_ARRVAL_P(returned), ZEND_STRL("ok"))) &&
	    Z_TYPE_P(ok) == IS_TRUE &&
	    (result = zend_hash_str_find(Z_ARRVAL_P(returned), ZEND_STRL("result")))) {
		answered = job_returned(out, result, class_name);
	} else {
		size_t len = 0;
		char *text = pogo_json_envelope_from_handler(returned, &len, err);

		answered = text != NULL && answer_envelope(out, text, len);
	}
	zval_ptr_dtor(&retval);
	return answered;
}

bool pogo_runner_run_handler(pogo_pool *pool, pogo_job *job, zend_fcall_info *fci,
                             zend_fcall_info_cache *fcc)
{
	handler_call handler = {fci, fcc};

	return run(pool, job, call_handler, &handler, true);
}

void pogo_runner_startup(void (*job_end)(void))
{
	job_end_hook = job_end;
}
